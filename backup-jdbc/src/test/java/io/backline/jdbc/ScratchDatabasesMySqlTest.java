package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.verify.VerificationLevel;
import io.backline.verify.VerificationResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore drills of MariaDB backups through the real {@code BackupVerifier} at TEST_RESTORE, into scratch databases
 * on the MariaDB server this machine runs: passing, failing on row counts, failing half-way through the client, and
 * failing to connect with a wrong password. After each drill the scratch database is gone.
 */
class ScratchDatabasesMySqlTest {
    private static final String WRONG_PASSWORD = "my-scratch-secret-4k";

    @TempDir
    Path dir;

    private TestDatabases.Scratch server;
    private ScratchDrills drills;
    private String source;
    private String leftover;

    @BeforeEach
    void sourceDatabase() throws Exception {
        drills = new ScratchDrills(dir);
        server = TestDatabases.Scratch.mysql();
        source = server.create("bl_scratch_my");
        try (Connection c = server.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
            s.execute("INSERT INTO customers SELECT seq, CONCAT('customer ', seq) FROM seq_1_to_30");
            s.execute("CREATE TABLE `order lines` (id INT AUTO_INCREMENT PRIMARY KEY, customer INT,"
                    + " note VARCHAR(20) CHARACTER SET utf8mb4)");
            s.execute("INSERT INTO `order lines` (customer, note)"
                    + " SELECT 1 + seq % 30, '\uD83D\uDE80' FROM seq_1_to_75");
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
                ScratchDrills.dropIfLeft(serverUrl(), leftover);
            }
        } finally {
            drills.close();
            server.close();
        }
    }

    private String serverUrl() {
        return server.url("");
    }

    private ScratchDatabases scratch() {
        return ScratchDatabases.builder().mysql(serverUrl()).embedded(false).build();
    }

    private BackupManifest backUp() {
        BackupManifest manifest = drills.backup(MySqlSource.builder().name("shop-db").jdbcUrl(server.url(source))
                .build());
        leftover = ScratchDrills.scratchName(manifest);
        return manifest;
    }

    private boolean scratchExists(BackupManifest manifest) throws Exception {
        return ScratchDrills.databaseExists(serverUrl(), ScratchDrills.scratchName(manifest));
    }

    @Test
    void aGoodBackupPassesTheDrill_andTheScratchDatabaseIsGoneAfterwards() throws Exception {
        BackupManifest manifest = backUp();

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.PASSED);
        assertThat(result.levelReached()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.stages().get(result.stages().size() - 1).message())
                .contains("2 tables (105 rows) restored");
        assertThat(result.warnings()).isEmpty();
        assertThat(scratchExists(manifest)).isFalse();
        assertThat(drills.leftInTemp()).isEmpty();
    }

    @Test
    void aManifestClaimingMoreRowsThanTheDumpHolds_failsAtTestRestore_namingTheTable_andLeavesNoScratchDatabase()
            throws Exception {
        BackupManifest manifest = drills.rewriteTables(backUp(), table -> table.name().equals("order lines")
                ? new TableInfo(table.schema(), table.name(), 80, true) : table);

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains(source + ".order lines has 75 rows restored, the manifest records 80"));
        assertThat(scratchExists(manifest)).isFalse();
    }

    @Test
    void aRestoreThatFailsHalfWay_failsTheDrill_andLeavesNoScratchDatabase() throws Exception {
        String elsewhere = server.create("bl_scratch_my_x");
        server.execute("CREATE TABLE `" + elsewhere + "`.rates (id INT)");
        try (Connection c = server.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW remote_rates AS SELECT id FROM `" + elsewhere + "`.rates");
        }
        BackupManifest manifest = backUp();
        // Dropped after the backup: the dump's tables and rows load, then the view cannot be created.
        server.execute("DROP DATABASE `" + elsewhere + "`");

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("exited with status").contains(elsewhere));
        assertThat(scratchExists(manifest)).isFalse();
        assertThat(drills.leftInTemp()).isEmpty();
    }

    @Test
    void aWrongPassword_failsTheDrillWithoutNamingThePassword_andCreatesNothing() throws Exception {
        BackupManifest manifest = backUp();
        ScratchDatabases wrong = ScratchDatabases.builder().mysql(serverUrl(), "root", WRONG_PASSWORD)
                .embedded(false).build();

        VerificationResult result = drills.drill(manifest, wrong);

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("authentication failed").doesNotContain(WRONG_PASSWORD));
        assertThat(String.valueOf(result.error().orElseThrow().getCause())).doesNotContain(WRONG_PASSWORD);
        assertThat(wrong.toString()).doesNotContain(WRONG_PASSWORD);
        assertThat(scratchExists(manifest)).isFalse();
    }
}
