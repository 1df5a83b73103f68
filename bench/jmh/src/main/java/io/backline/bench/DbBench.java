package io.backline.bench;

import io.backline.core.BackupManager;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.RestoreResult;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.RestoreTarget;
import io.backline.core.storage.LocalStorage;
import io.backline.jdbc.MySqlSource;
import io.backline.jdbc.MySqlTarget;
import io.backline.jdbc.PostgresSource;
import io.backline.jdbc.PostgresTarget;
import io.backline.jdbc.RestoreMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Database backup and restore through Backline's public API for {@code bench/db.sh}, timed inside the JVM.
 *
 * <pre>
 * DbBench backup  pg|mariadb REPO RECIPIENT JDBC_URL USER
 * DbBench restore pg|mariadb REPO ID IDENTITY_FILE JDBC_URL USER    # into a new database (CREATE_NEW, staged)
 *                                                                  # -Dbench.verifyRowCounts=false skips the
 *                                                                  # row-count check after the restore
 * </pre>
 * The password, if any, comes from the file named by {@code BACKLINE_DB_PASSWORD_FILE}. Prints {@code BENCH} lines
 * (see {@link Probe}); exits 1 when the operation fails.
 */
public final class DbBench {
    private DbBench() {
    }

    public static void main(String[] args) throws IOException {
        Probe probe = Probe.start();
        probe.label("main");
        if (args.length < 6) {
            System.err.println("usage: DbBench backup pg|mariadb REPO RECIPIENT URL USER"
                    + " | restore pg|mariadb REPO ID KEYFILE URL USER");
            System.exit(2);
        }
        boolean postgres = "pg".equals(args[1]);
        LocalStorage storage = LocalStorage.at(Path.of(args[2]));
        String passwordFile = System.getenv("BACKLINE_DB_PASSWORD_FILE");
        char[] password = passwordFile == null ? null : Files.readString(Path.of(passwordFile)).strip().toCharArray();
        Map<String, Object> extra = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        String error;
        if ("backup".equals(args[0])) {
            String url = args[4];
            String user = args[5];
            BackupSource source = postgres
                    ? withPassword(PostgresSource.builder().name("bench-pg").jdbcUrl(url).user(user), password)
                    : withPassword(MySqlSource.builder().name("bench-mariadb").jdbcUrl(url).user(user), password);
            BackupResult result = BackupManager.builder().storage(storage).compression(Compression.parse("zstd:3"))
                    .encryption(BackupEncryption.toRecipients(args[3])).build().backup(source);
            error = result.error().map(Throwable::toString).orElse(null);
            extra.put("id", result.id());
            extra.put("content_bytes", result.contentBytes());
            extra.put("stored_bytes", result.storedBytes());
        } else {
            if (args.length < 7) {
                System.err.println("usage: DbBench restore pg|mariadb REPO ID KEYFILE URL USER");
                System.exit(2);
            }
            String url = args[5];
            String user = args[6];
            RestoreTarget target;
            boolean countRows = Boolean.parseBoolean(System.getProperty("bench.verifyRowCounts", "true"));
            if (postgres) {
                PostgresTarget.Builder builder = PostgresTarget.builder().jdbcUrl(url).user(user)
                        .mode(RestoreMode.CREATE_NEW).noOwner().verifyRowCounts(countRows);
                target = (password == null ? builder : builder.password(password)).build();
            } else {
                MySqlTarget.Builder builder = MySqlTarget.builder().jdbcUrl(url).user(user)
                        .mode(RestoreMode.CREATE_NEW).verifyRowCounts(countRows);
                target = (password == null ? builder : builder.password(password)).build();
            }
            RestoreResult result = BackupRestorer.builder().storage(storage)
                    .encryption(BackupEncryption.withIdentities(Path.of(args[4]))).build().restore(args[3], target);
            error = result.error().map(Throwable::toString).orElse(null);
            extra.put("items", result.items());
            extra.put("bytes", result.bytes());
        }
        long elapsed = System.nanoTime() - t0;
        extra.put("ok", error == null);
        if (error != null) {
            extra.put("error", "\"" + error.replace('"', '\'') + "\"");
        }
        probe.report(args[0], elapsed, extra);
        if (error != null) {
            System.err.println("FAILED: " + error);
            System.exit(1);
        }
    }

    private static BackupSource withPassword(PostgresSource.Builder builder, char[] password) {
        return (password == null ? builder : builder.password(password)).build();
    }

    private static BackupSource withPassword(MySqlSource.Builder builder, char[] password) {
        return (password == null ? builder : builder.password(password)).build();
    }
}
