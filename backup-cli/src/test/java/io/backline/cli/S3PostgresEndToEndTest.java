package io.backline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.BackupManager;
import io.backline.core.BackupQuery;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.BackupSummary;
import io.backline.core.Compression;
import io.backline.core.RetentionPolicy;
import io.backline.core.RetentionResult;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.testing.ExternalTools;
import io.backline.jdbc.PostgresSource;
import io.backline.jdbc.PostgresTarget;
import io.backline.jdbc.RestoreMode;
import io.backline.jdbc.ScratchDatabases;
import io.backline.s3.S3Storage;
import io.backline.s3.S3TestServer;
import io.backline.verify.BackupVerifier;
import io.backline.verify.VerificationLevel;
import io.backline.verify.VerificationResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL database through S3-compatible storage: backup, list, verify with a test restore, restore into a new
 * database, retention — against an S3 server running in this JVM and the PostgreSQL server named by
 * {@code BACKLINE_TEST_POSTGRES_URL}.
 */
class S3PostgresEndToEndTest {

    private static String serverUrl() {
        return ExternalTools.requireEnv("BACKLINE_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    }

    private static String withDatabase(String serverUrl, String database) {
        return serverUrl.replaceFirst("(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + database);
    }

    private static void execute(String url, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static long count(String url, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void postgresBackup_listVerifyRestoreAndRetention_onAnS3Bucket() throws Exception {
        String server = serverUrl();
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String original = "bl_s3_pg_" + suffix;
        String copy = "bl_s3_pg_copy_" + suffix;
        try (S3TestServer s3 = S3TestServer.inMemory(); AgeIdentity key = AgeKeys.generate();
             S3Storage storage = s3.storage("pg-backups").keyPrefix("prod/").build()) {
            s3.createBucket("pg-backups");
            execute(server, "CREATE DATABASE " + original);
            try {
                execute(withDatabase(server, original),
                        "CREATE TABLE orders (id bigserial PRIMARY KEY, item text, qty int)",
                        "INSERT INTO orders (item, qty) SELECT 'item ' || g, g % 7 FROM generate_series(1, 2500) g");
                BackupManager manager = BackupManager.builder().storage(storage).compression(Compression.zstd(3))
                        .encryption(BackupEncryption.toRecipients(key.recipient().toString())).build();
                PostgresSource source = PostgresSource.builder().name("orders-db")
                        .jdbcUrl(withDatabase(server, original)).build();
                BackupResult first = manager.backup(source).orThrow();
                BackupResult second = manager.backup(source).orThrow();

                List<BackupSummary> listed = manager.catalog().list(BackupQuery.source("orders-db"));
                assertThat(listed).extracting(BackupSummary::id).containsExactly(second.id(), first.id());

                VerificationResult drill = BackupVerifier.builder().storage(storage)
                        .encryption(BackupEncryption.withIdentities(key))
                        .scratchTargets(ScratchDatabases.builder().postgres(server).build()).build()
                        .verify(second.id(), VerificationLevel.TEST_RESTORE);
                assertThat(drill.passed()).as(drill.toString()).isTrue();

                BackupRestorer.builder().storage(storage).encryption(BackupEncryption.withIdentities(key)).build()
                        .restore(second.id(), PostgresTarget.builder().jdbcUrl(withDatabase(server, original))
                                .database(copy).mode(RestoreMode.CREATE_NEW).build()).orThrow();
                assertThat(count(withDatabase(server, copy), "orders")).isEqualTo(2500);

                RetentionResult pruned = manager.applyRetention("orders-db",
                        RetentionPolicy.builder().keepLast(1).build(), false);
                assertThat(pruned.deleted()).containsExactly("orders-db/" + first.id());
                assertThat(manager.catalog().list(BackupQuery.source("orders-db").status(BackupStatus.COMPLETED)))
                        .extracting(BackupSummary::id).containsExactly(second.id());
                assertThat(storage.list("orders-db/" + first.id())).extracting(b -> b.key())
                        .containsExactly("orders-db/" + first.id() + ".manifest.json");
            } finally {
                execute(server, "DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)",
                        "DROP DATABASE IF EXISTS " + original + " WITH (FORCE)");
            }
        }
    }
}
