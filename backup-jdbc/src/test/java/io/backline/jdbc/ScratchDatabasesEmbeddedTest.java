package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.RestoreConflictException;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.spi.RestoreContext;
import io.backline.verify.VerificationLevel;
import io.backline.verify.VerificationResult;
import io.backline.verify.spi.ScratchContents.TableRows;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore drills of SQLite and H2 backups, which need no server: through the real {@code BackupVerifier} at
 * TEST_RESTORE, and through the SPI step by step to see the scratch file's permissions and a second close.
 */
class ScratchDatabasesEmbeddedTest {
    @TempDir
    Path dir;

    private ScratchDrills drills;

    @BeforeEach
    void drills() throws Exception {
        drills = new ScratchDrills(dir);
    }

    @AfterEach
    void key() {
        drills.close();
    }

    private ScratchDatabases scratch() {
        return ScratchDatabases.builder().build();
    }

    private Path sqliteDatabase() throws SQLException {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            s.execute("INSERT INTO notes (body) VALUES ('one'), ('two'), ('three')");
            s.execute("CREATE TABLE \"tag list\" (name TEXT)");
            s.execute("INSERT INTO \"tag list\" VALUES ('a'), ('b')");
        }
        return file;
    }

    private String h2Database() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("h2app") + ";USER=sa;PASSWORD=h2-secret";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100))");
            s.execute("INSERT INTO person VALUES (1, 'Ann; the first'), (2, 'Bob')");
            s.execute("CREATE TABLE pet (id INT PRIMARY KEY, owner INT REFERENCES person(id))");
            s.execute("INSERT INTO pet VALUES (10, 1), (11, 1), (12, 2)");
        }
        return url;
    }

    @Test
    void aSqliteBackupPassesTheDrill_andLeavesNoFileInTheTempDirectory() throws Exception {
        BackupManifest manifest = drills.backup(SqliteSource.builder().name("app-db").file(sqliteDatabase()).build());

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.PASSED);
        assertThat(result.levelReached()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.stages().get(result.stages().size() - 1).message())
                .contains("SQLite file").contains("2 tables (5 rows) restored");
        assertThat(drills.leftInTemp()).isEmpty();
    }

    @Test
    void aSqliteManifestClaimingMoreRows_failsTheDrill_namingTheTable_andLeavesNoFile() throws Exception {
        BackupManifest manifest = drills.rewriteTables(
                drills.backup(SqliteSource.builder().name("app-db").file(sqliteDatabase()).build()),
                table -> table.name().equals("notes") ? new TableInfo(table.schema(), "notes", 4, true) : table);

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("main.notes"));
        assertThat(drills.leftInTemp()).isEmpty();
    }

    @Test
    void anH2BackupPassesTheDrill_inMemory_andTheScratchDatabaseIsGoneAfterwards() throws Exception {
        BackupManifest manifest = drills.backup(H2Source.builder().name("h2-app").jdbcUrl(h2Database()).build());

        VerificationResult result = drills.drill(manifest, scratch());

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.PASSED);
        assertThat(result.stages().get(result.stages().size() - 1).message())
                .contains("jdbc:h2:mem:" + ScratchDrills.scratchName(manifest)).contains("2 tables (5 rows) restored");
        assertThat(drills.leftInTemp()).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:mem:" + ScratchDrills.scratchName(manifest)
                + ";IFEXISTS=TRUE", "sa", "")).isInstanceOf(SQLException.class);
    }

    @Test
    void theSqliteScratchFileIsOwnerOnlyWhileTheDrillRuns_andClosingTwiceIsHarmless() throws Exception {
        Payloads.Written backup = Payloads.backup(SqliteSource.builder().name("app-db").file(sqliteDatabase())
                .build(), dir);
        ScratchContext context = new ScratchContext("app-db/20260101T000000Z-abcdefgh",
                ScratchContext.scratchNameFor("20260101T000000Z-abcdefgh"), drills.verifierTemp(), Clock.systemUTC());
        RestoreContext restore = new RestoreContext(context.backupRef(), drills.verifierTemp(), Clock.systemUTC());
        Path file = drills.verifierTemp().resolve(context.scratchName() + ".sqlite");

        ScratchTarget target = scratch().create(backup.manifest(), context);
        target.restoreTarget().prepare(backup.manifest(), restore);
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restoreTarget().restore(in, backup.manifest(), restore);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(target.inspect().tables()).containsExactlyInAnyOrder(new TableRows("main", "notes", 3),
                new TableRows("main", "tag list", 2));
        assertThatThrownBy(() -> scratch().create(backup.manifest(), context))
                .isInstanceOf(RestoreConflictException.class).hasMessageContaining("already exists");
        target.close();
        assertThat(drills.leftInTemp()).isEmpty();
        target.close();
    }

    @Test
    void anInMemoryH2ScratchDatabaseInUse_isRefused_andClosingTwiceIsHarmless() throws Exception {
        Payloads.Written backup = Payloads.backup(H2Source.builder().name("h2-app").jdbcUrl(h2Database()).build(),
                dir);
        ScratchContext context = new ScratchContext("h2-app/20260101T000000Z-h2h2h2h2",
                ScratchContext.scratchNameFor("20260101T000000Z-h2h2h2h2"), drills.verifierTemp(), Clock.systemUTC());
        RestoreContext restore = new RestoreContext(context.backupRef(), drills.verifierTemp(), Clock.systemUTC());

        ScratchTarget target = scratch().create(backup.manifest(), context);
        target.restoreTarget().prepare(backup.manifest(), restore);
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restoreTarget().restore(in, backup.manifest(), restore);
        }

        assertThat(target.inspect().tables()).extracting(TableRows::name, TableRows::rows)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("PERSON", 2L),
                        org.assertj.core.groups.Tuple.tuple("PET", 3L));
        assertThatThrownBy(() -> scratch().create(backup.manifest(), context))
                .isInstanceOf(RestoreConflictException.class).hasMessageContaining("already holds 2 tables");
        assertThat(target.inspect().tables()).hasSize(2);
        target.close();
        target.close();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:mem:" + context.scratchName()
                + ";IFEXISTS=TRUE", "sa", "")).isInstanceOf(SQLException.class);
    }
}
