package io.backline.jdbc;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.IntegrityException;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.jdbc.internal.EmbeddedJdbc;
import io.backline.jdbc.internal.EmbeddedUrls;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.RowCountCheck;
import io.backline.jdbc.internal.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A SQLite database file as a restore target: the payload is written to a temp file beside the target, checked
 * ({@code SQLite format 3} header, {@code PRAGMA quick_check}, row counts against the manifest), fsynced, and then
 * atomically moved into place.
 *
 * <p>Guarantees: until the final move the target file is untouched, in every mode; a failure removes the temp
 * file. {@code CREATE_NEW} requires that the file does not exist; {@code SAFE_REPLACE} keeps the old file as
 * {@code <file>.backline-old-<time>} unless {@link Builder#dropOldAfterSwap(boolean)}. A target with a non-empty
 * {@code -wal} file (in use or not cleanly closed) is refused before anything is written.
 *
 * <p>Not guaranteed: connections the application holds open on the old file keep reading the old file; close
 * them before restoring.
 */
public final class SqliteTarget implements RestoreTarget {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final RestoreMode mode;
    private final boolean dropOldAfterSwap;

    private SqliteTarget(Builder builder) {
        this.file = builder.file.toAbsolutePath().normalize();
        this.mode = builder.mode;
        this.dropOldAfterSwap = builder.dropOldAfterSwap;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return "sqlite:" + file + " (" + mode + ")";
    }

    @Override
    public void prepare(BackupManifest manifest, RestoreContext context) {
        check(manifest, context.backupRef());
    }

    private void check(BackupManifest manifest, String ref) {
        if (manifest.payload() != null && manifest.payload().format() != null
                && !SqliteSource.PAYLOAD_FORMAT.equals(manifest.payload().format())) {
            throw new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref, Stage.RESTORE, "a SQLite target takes "
                    + SqliteSource.PAYLOAD_FORMAT + " payloads, not " + manifest.payload().format());
        }
        if (mode == RestoreMode.CREATE_NEW && Files.exists(file)) {
            throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "the SQLite file "
                    + file + " already exists; restore into a new file, or choose RestoreMode.REPLACE or"
                    + " SAFE_REPLACE explicitly");
        }
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try {
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "the SQLite file "
                        + file + " has a non-empty write-ahead log (" + wal.getFileName() + "): it is in use or was"
                        + " not closed cleanly; close every connection to it first");
            }
        } catch (IOException e) {
            throw new BackupException(ErrorCode.INTERNAL, ref, Stage.RESTORE, "could not check " + wal, e);
        }
        if (!Files.isDirectory(file.getParent())) {
            throw new BackupException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "the directory of " + file
                    + " does not exist");
        }
    }

    @Override
    public RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context)
            throws IOException {
        String ref = context.backupRef();
        check(manifest, ref);
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".backline-", ".tmp");
        try {
            long bytes;
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
                bytes = Streams.copy(payload, out);
            }
            checkHeader(temp, ref);
            long rows;
            try (Connection connection = EmbeddedJdbc.open("jdbc:sqlite:" + temp, null, null, describe(), ref,
                    Stage.RESTORE)) {
                quickCheck(connection, ref);
                rows = RowCountCheck.verify(manifest, table -> EmbeddedJdbc.count(connection, null, table.name()),
                        "the restored copy " + temp.getFileName(), ref);
            } catch (SQLException e) {
                throw JdbcSupport.failure(e, "could not check the restored copy", null, ref, Stage.RESTORE);
            }
            if (mode == RestoreMode.SAFE_REPLACE && Files.exists(file) && !dropOldAfterSwap) {
                Path old = file.resolveSibling(file.getFileName() + ".backline-old-"
                        + TIME.format(context.clock().instant()));
                Files.copy(file, old, StandardCopyOption.COPY_ATTRIBUTES);
            }
            move(temp, mode != RestoreMode.CREATE_NEW);
            return new RestoreOutcome(describe(), rows, bytes);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void move(Path temp, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot atomically move into " + file, e);
        }
    }

    private static void checkHeader(Path temp, String ref) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(temp)) {
            head = in.readNBytes(HEADER.length);
        }
        if (!Arrays.equals(head, HEADER)) {
            throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.RESTORE,
                    "the payload is not a SQLite database (no 'SQLite format 3' header)");
        }
    }

    private static void quickCheck(Connection connection, String ref) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
            rows.next();
            String result = rows.getString(1);
            if (!"ok".equals(result)) {
                throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.RESTORE,
                        "the restored SQLite file fails PRAGMA quick_check: " + result);
            }
        }
    }

    @Override
    public String toString() {
        return "SqliteTarget[" + describe() + "]";
    }

    /** Configures a {@link SqliteTarget}; {@link #mode(RestoreMode)} is required. */
    public static final class Builder {
        private Path file;
        private RestoreMode mode;
        private boolean dropOldAfterSwap;

        private Builder() {
        }

        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        public Builder jdbcUrl(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:")) {
                throw new IllegalArgumentException("jdbcUrl needs to start with jdbc:sqlite:");
            }
            this.file = EmbeddedUrls.sqliteFile(jdbcUrl).orElseThrow(() -> new IllegalArgumentException(
                    "jdbcUrl needs to name a database file, not an in-memory database"));
            return this;
        }

        public Builder mode(RestoreMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** In {@code SAFE_REPLACE}, does not keep the old file. */
        public Builder dropOldAfterSwap(boolean drop) {
            this.dropOldAfterSwap = drop;
            return this;
        }

        public SqliteTarget build() {
            if (file == null) {
                throw new IllegalStateException("a SQLite target needs file(…) or jdbcUrl(…)");
            }
            if (mode == null) {
                throw new IllegalStateException("a restore target needs an explicit mode(RestoreMode)");
            }
            return new SqliteTarget(this);
        }
    }
}
