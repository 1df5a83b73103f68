package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.verify.VerificationLevel;
import io.backline.verify.VerificationResult;
import io.backline.core.spi.RestoreContext;
import io.backline.verify.spi.ScratchContents.TableRows;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore drills of PostgreSQL backups through the real {@code BackupVerifier} at TEST_RESTORE, into scratch
 * databases on the PostgreSQL server this machine runs: passing, failing on row counts, failing half-way through
 * {@code pg_restore}, and refusing a scratch name that is taken. After each drill the scratch database is gone (except
 * the one that was there before, which is left alone).
 */
class ScratchDatabasesPostgresTest {
    private static final String SECRET = "pg-scratch-secret-7q";

    @TempDir
    Path dir;

    private TestDatabases.Scratch server;
    private ScratchDrills drills;
    private String source;
    private String leftover;

    @BeforeEach
    void sourceDatabase() throws Exception {
        drills = new ScratchDrills(dir);
        server = TestDatabases.Scratch.postgres();
        source = server.create("bl_scratch_pg");
        try (Connection c = server.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 30) g");
            s.execute("CREATE TABLE \"Order Lines\" (id int PRIMARY KEY, customer int REFERENCES customers,"
                    + " total numeric)");
            s.execute("INSERT INTO \"Order Lines\" SELECT g, 1 + g % 30, g * 1.5 FROM generate_series(1, 120) g");
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (server == null) {
            drills.close();
            return; // skipped: no server configured
        }
        try {
            if (leftover != null) {
                ScratchDrills.dropIfLeft(server.url("postgres"), leftover);
            }
        } finally {
            drills.close();
            server.close();
        }
    }

    private ScratchDatabases scratch() {
        return ScratchDatabases.builder().postgres(server.url("postgres"), "postgres", SECRET).embedded(false)
                .build();
    }

    private BackupManifest backUp() {
        BackupManifest manifest = drills.backup(PostgresSource.builder().name("orders-db")
                .jdbcUrl(server.url(source)).build());
        leftover = ScratchDrills.scratchName(manifest);
        return manifest;
    }

    private boolean scratchExists(BackupManifest manifest) throws Exception {
        return ScratchDrills.databaseExists(server.url("postgres"), ScratchDrills.scratchName(manifest));
    }

    @Test
    void aGoodBackupPassesTheDrill_andTheScratchDatabaseIsGoneAfterwards() throws Exception {
        BackupManifest manifest = backUp();

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.PASSED);
        assertThat(result.levelReached()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.stages().get(result.stages().size() - 1).message())
                .contains("database " + ScratchDrills.scratchName(manifest))
                .contains("2 tables (150 rows) restored");
        assertThat(result.warnings()).isEmpty();
        assertThat(scratchExists(manifest)).isFalse();
        assertThat(drills.leftInTemp()).isEmpty();
        Path record = dir.resolve("repo").resolve(result.recordKey().orElseThrow());
        assertThat(Files.readString(record)).doesNotContain(SECRET);
    }

    @Test
    void aManifestClaimingMoreRowsThanTheDumpHolds_failsAtTestRestore_namingTheTable_andLeavesNoScratchDatabase()
            throws Exception {
        BackupManifest manifest = drills.rewriteTables(backUp(), table -> table.name().equals("Order Lines")
                ? new TableInfo(table.schema(), table.name(), table.rows() + 5, true) : table);

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("public.Order Lines has 120 rows restored, the manifest records 125"));
        assertThat(scratchExists(manifest)).isFalse();
    }

    @Test
    void aRestoreThatFailsHalfWay_failsTheDrill_andLeavesNoScratchDatabase() throws Exception {
        try (Connection c = server.connect(source); Statement s = c.createStatement()) {
            // The unique index was built while bucket() was the identity; the dump carries the redefined function,
            // so pg_restore loads the tables and their rows, then fails to build the index.
            s.execute("CREATE FUNCTION bucket(i int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT i'");
            s.execute("CREATE UNIQUE INDEX customers_bucket ON customers (bucket(id))");
            s.execute("CREATE OR REPLACE FUNCTION bucket(i int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 0'");
        }
        BackupManifest manifest = backUp();

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("pg_restore").contains("customers_bucket").doesNotContain(SECRET));
        assertThat(scratchExists(manifest)).isFalse();
        assertThat(drills.leftInTemp()).isEmpty();
    }

    @Test
    void aScratchDatabaseThatAlreadyExists_isRefused_andLeftAsItWas() throws Exception {
        BackupManifest manifest = backUp();
        String name = ScratchDrills.scratchName(manifest);
        server.execute("CREATE DATABASE " + name);
        try (Connection c = server.connect(name); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE someone_elses (id int)");
        }

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains(name).contains("already exists"));
        assertThat(scratchExists(manifest)).isTrue();
        try (Connection c = server.connect(name); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT count(*) FROM someone_elses").next()).isTrue();
        }
    }

    @Test
    void close_dropsTheScratchDatabaseWhileAnotherSessionUsesIt_andASecondCloseIsHarmless() throws Exception {
        Payloads.Written backup = Payloads.backup(PostgresSource.builder().name("orders-db")
                .jdbcUrl(server.url(source)).build(), dir);
        String id = "20260101T000000Z-" + source.substring(source.length() - 8);
        ScratchContext context = new ScratchContext("orders-db/" + id, ScratchContext.scratchNameFor(id),
                drills.verifierTemp(), Clock.systemUTC());
        RestoreContext restore = new RestoreContext(context.backupRef(), drills.verifierTemp(), Clock.systemUTC());
        leftover = context.scratchName();

        ScratchTarget unused = scratch().create(backup.manifest(), context);
        unused.close();
        unused.close();
        assertThatThrownBy(unused::restoreTarget).isInstanceOf(IllegalStateException.class);

        ScratchTarget target = scratch().create(backup.manifest(), context);
        target.restoreTarget().prepare(backup.manifest(), restore);
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restoreTarget().restore(in, backup.manifest(), restore);
        }
        try (Connection other = server.connect(leftover)) {
            assertThat(target.inspect().tables()).contains(new TableRows("public", "Order Lines", 120));
            target.close();
            assertThat(ScratchDrills.databaseExists(server.url("postgres"), leftover)).isFalse();
            target.close();
        }
    }
}
