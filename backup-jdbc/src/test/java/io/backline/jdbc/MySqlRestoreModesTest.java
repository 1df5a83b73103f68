package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.IntegrityException;
import io.backline.core.RestoreConflictException;
import io.backline.core.ToolException;
import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MySqlRestoreModesTest {
    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String source;
    private String target;
    private Payloads.Written backup;

    @BeforeEach
    void backUpTheFidelityDatabaseAndCreateAnother() throws Exception {
        scratch = TestDatabases.Scratch.mysql();
        source = scratch.create("bl_my_src");
        try (Connection c = scratch.connect(source)) {
            MySqlInspect.runScript(c, PostgresInspect.resource("mysql-fidelity.sql"));
            MySqlInspect.fill(c);
        }
        backup = Payloads.backup(MySqlSource.builder().jdbcUrl(scratch.url(source)).build(), dir);
        target = scratch.create("bl_my_tgt");
        try (Connection c = scratch.connect(target)) {
            MySqlInspect.runScript(c, """
                    CREATE TABLE precious (id INT PRIMARY KEY, v VARCHAR(40)) ENGINE=InnoDB
                    $$
                    INSERT INTO precious VALUES (1, 'one'), (2, 'two'), (3, 'three')
                    $$
                    CREATE TABLE log (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(40)) ENGINE=InnoDB
                    $$
                    CREATE TRIGGER precious_ai AFTER INSERT ON precious FOR EACH ROW INSERT INTO log (what) VALUES (NEW.v)
                    $$
                    CREATE VIEW precious_view AS SELECT id, v FROM precious
                    $$
                    CREATE PROCEDURE precious_proc() SELECT COUNT(*) FROM precious
                    """);
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    private MySqlTarget.Builder targetBuilder(RestoreMode mode) {
        return MySqlTarget.builder().jdbcUrl(scratch.url(target)).mode(mode);
    }

    private void restore(MySqlTarget restoreTarget, Path payload) throws Exception {
        restoreTarget.prepare(backup.manifest(), Payloads.restoreContext(dir));
        try (InputStream in = Files.newInputStream(payload)) {
            restoreTarget.restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }
    }

    private Map<String, String> state(String database) throws Exception {
        try (Connection c = scratch.connect(database)) {
            Map<String, String> all = new java.util.TreeMap<>(MySqlInspect.definitions(c));
            MySqlInspect.checksums(c).forEach((k, v) -> all.put("ROWS " + k, v));
            return all;
        }
    }

    private Path truncatedPayload() throws Exception {
        byte[] whole = Files.readAllBytes(backup.file());
        Path truncated = dir.resolve("truncated.sql");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        return truncated;
    }

    @Test
    void createNew_ontoExistingDatabase_failsInPrepareBeforeAnyChange() throws Exception {
        Map<String, String> before = state(target);

        assertThatThrownBy(() -> targetBuilder(RestoreMode.CREATE_NEW).build()
                .prepare(backup.manifest(), Payloads.restoreContext(dir)))
                .isInstanceOf(RestoreConflictException.class).hasMessageContaining(target);
        assertThat(state(target)).isEqualTo(before);
    }

    @Test
    void replace_dropsTheTargetAndRestoresTheBackup() throws Exception {
        restore(targetBuilder(RestoreMode.REPLACE).build(), backup.file());

        assertThat(state(target)).isEqualTo(state(source));
    }

    @Test
    void safeReplace_swapsTablesAndRecreatesViewsRoutinesTriggersAndEvents() throws Exception {
        Map<String, String> before = state(target);

        restore(targetBuilder(RestoreMode.SAFE_REPLACE).build(), backup.file());

        assertThat(state(target)).isEqualTo(state(source));
        assertThat(scratch.databasesStartingWith(target + "_backline_new_")).isEmpty();
        var old = scratch.databasesStartingWith(target + "_backline_old_");
        assertThat(old).hasSize(1);
        assertThat(state(old.get(0))).isEqualTo(before);
        try (Connection c = scratch.connect(target); var s = c.createStatement()) {
            s.execute("CALL add_order(1, 9.99)");
            try (var rows = s.executeQuery("SELECT COUNT(*) FROM audit WHERE what LIKE 'order %'")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the trigger works in its new home").isEqualTo(121);
            }
        }
    }

    @Test
    void safeReplace_withDropOldAfterSwap_leavesNoOtherDatabase() throws Exception {
        restore(targetBuilder(RestoreMode.SAFE_REPLACE).dropOldAfterSwap(true).build(), backup.file());

        assertThat(state(target)).isEqualTo(state(source));
        assertThat(scratch.databasesStartingWith(target + "_backline_")).isEmpty();
    }

    @Test
    void restore_safeReplace_leavesOriginalUntouchedWhenDumpIsTruncated() throws Exception {
        Map<String, String> before = state(target);

        assertThatThrownBy(() -> restore(targetBuilder(RestoreMode.SAFE_REPLACE).build(), truncatedPayload()))
                .isInstanceOf(ToolException.class).hasMessageContaining("mariadb");

        assertThat(state(target)).isEqualTo(before);
        assertThat(scratch.databasesStartingWith(target + "_backline_")).isEmpty();
    }

    @Test
    void restore_safeReplace_leavesOriginalUntouchedWhenRowCountsDisagree() throws Exception {
        Map<String, String> before = state(target);
        var tables = backup.manifest().database().tables().stream()
                .map(t -> new TableInfo(t.schema(), t.name(), t.name().equals("audit") ? 5 : t.rows(), true))
                .toList();
        var lying = backup.manifest().withContent(new DatabaseInfo("MariaDB", "10", "mariadb-dump", "10.11",
                source, tables), null);

        try (InputStream in = Files.newInputStream(backup.file())) {
            assertThatThrownBy(() -> targetBuilder(RestoreMode.SAFE_REPLACE).build()
                    .restore(in, lying, Payloads.restoreContext(dir)))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("audit has 120 rows, the backup 5");
        }
        assertThat(state(target)).isEqualTo(before);
        assertThat(scratch.databasesStartingWith(target + "_backline_")).isEmpty();
    }
}
