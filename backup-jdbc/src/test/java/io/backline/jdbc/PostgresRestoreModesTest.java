package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.ToolException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresRestoreModesTest {
    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String source;
    private String target;
    private Payloads.Written backup;

    @BeforeEach
    void backUpOneDatabaseAndCreateAnother() throws Exception {
        scratch = TestDatabases.Scratch.postgres();
        source = scratch.create("bl_pg_src");
        try (Connection c = scratch.connect(source)) {
            PostgresInspect.run(c, """
                    CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL);
                    INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 5000) g;
                    CREATE TABLE notes (id serial PRIMARY KEY, body text);
                    INSERT INTO notes (body) SELECT repeat('n', g) FROM generate_series(1, 50) g;
                    """);
        }
        backup = Payloads.backup(PostgresSource.builder().jdbcUrl(scratch.url(source)).build(), dir);
        target = scratch.create("bl_pg_tgt");
        try (Connection c = scratch.connect(target)) {
            PostgresInspect.run(c, """
                    CREATE TABLE precious (id int PRIMARY KEY, v text);
                    INSERT INTO precious SELECT g, md5(g::text) FROM generate_series(1, 777) g;
                    """);
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    private PostgresTarget.Builder targetBuilder(RestoreMode mode) {
        return PostgresTarget.builder().jdbcUrl(scratch.url(target)).mode(mode);
    }

    private void restore(PostgresTarget restoreTarget, Path payload) throws Exception {
        restoreTarget.prepare(backup.manifest(), Payloads.restoreContext(dir));
        try (InputStream in = Files.newInputStream(payload)) {
            restoreTarget.restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }
    }

    private Map<String, String> checksums(String database) throws Exception {
        try (Connection c = scratch.connect(database)) {
            return PostgresInspect.checksums(c);
        }
    }

    private Path truncatedPayload() throws Exception {
        byte[] whole = Files.readAllBytes(backup.file());
        Path truncated = dir.resolve("truncated.pgdump");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        return truncated;
    }

    @Test
    void createNew_ontoExistingDatabase_failsInPrepareBeforeAnyChange() throws Exception {
        Map<String, String> before = checksums(target);
        PostgresTarget createNew = targetBuilder(RestoreMode.CREATE_NEW).build();

        assertThatThrownBy(() -> createNew.prepare(backup.manifest(), Payloads.restoreContext(dir)))
                .isInstanceOf(RestoreConflictException.class)
                .hasMessageContaining(target).hasMessageContaining("already exists");
        try (InputStream in = Files.newInputStream(backup.file())) {
            assertThatThrownBy(() -> createNew.restore(in, backup.manifest(), Payloads.restoreContext(dir)))
                    .isInstanceOf(RestoreConflictException.class);
        }
        assertThat(checksums(target)).isEqualTo(before);
    }

    @Test
    void createNew_withTruncatedPayload_failsAndLeavesNoDatabase() throws Exception {
        String fresh = scratch.name("bl_pg_fresh");
        PostgresTarget createNew = PostgresTarget.builder().jdbcUrl(scratch.url(fresh))
                .mode(RestoreMode.CREATE_NEW).build();

        assertThatThrownBy(() -> restore(createNew, truncatedPayload()))
                .isInstanceOf(ToolException.class)
                .satisfies(e -> assertThat(((BackupException) e).code()).isEqualTo(ErrorCode.TOOL_FAILED))
                .hasMessageContaining("pg_restore");
        assertThat(scratch.databasesStartingWith(fresh)).isEmpty();
    }

    @Test
    void replace_dropsTheTargetAndRestoresTheBackup() throws Exception {
        try (Connection other = scratch.connect(target)) {
            restore(targetBuilder(RestoreMode.REPLACE).build(), backup.file());
            assertThat(other.isValid(2)).as("other sessions are ended").isFalse();
        }
        assertThat(checksums(target)).isEqualTo(checksums(source));
    }

    @Test
    void safeReplace_swapsInTheRestoredCopyAndKeepsTheOldOne() throws Exception {
        Map<String, String> before = checksums(target);

        restore(targetBuilder(RestoreMode.SAFE_REPLACE).build(), backup.file());

        assertThat(checksums(target)).isEqualTo(checksums(source));
        assertThat(scratch.databasesStartingWith(target + "_backline_new_")).isEmpty();
        var old = scratch.databasesStartingWith(target + "_backline_old_");
        assertThat(old).hasSize(1);
        assertThat(checksums(old.get(0))).isEqualTo(before);
    }

    @Test
    void safeReplace_withDropOldAfterSwap_leavesNoOldCopy() throws Exception {
        restore(targetBuilder(RestoreMode.SAFE_REPLACE).dropOldAfterSwap(true).build(), backup.file());

        assertThat(checksums(target)).isEqualTo(checksums(source));
        assertThat(scratch.databasesStartingWith(target + "_backline_")).isEmpty();
    }

    @Test
    void restore_safeReplace_leavesOriginalUntouchedWhenDumpIsTruncated() throws Exception {
        Map<String, String> before = checksums(target);

        assertThatThrownBy(() -> restore(targetBuilder(RestoreMode.SAFE_REPLACE).build(), truncatedPayload()))
                .isInstanceOf(ToolException.class);

        assertThat(checksums(target)).isEqualTo(before);
        assertThat(scratch.databasesStartingWith(target + "_backline_")).isEmpty();
    }

    @Test
    void restore_safeReplace_leavesOriginalUntouchedWhenRowCountsDisagreeWithTheManifest() throws Exception {
        Map<String, String> before = checksums(target);
        var tables = backup.manifest().database().tables().stream()
                .map(t -> new io.backline.core.manifest.BackupManifest.TableInfo(t.schema(), t.name(),
                        t.rows() + 1, true))
                .toList();
        var lying = backup.manifest().withContent(new io.backline.core.manifest.BackupManifest.DatabaseInfo(
                "PostgreSQL", "15", "pg_dump", "15.0", source, tables), null);

        try (InputStream in = Files.newInputStream(backup.file())) {
            assertThatThrownBy(() -> targetBuilder(RestoreMode.SAFE_REPLACE).build()
                    .restore(in, lying, Payloads.restoreContext(dir)))
                    .isInstanceOf(io.backline.core.IntegrityException.class)
                    .hasMessageContaining("items has 5000 rows, the backup 5001");
        }
        assertThat(checksums(target)).isEqualTo(before);
        assertThat(scratch.databasesStartingWith(target + "_backline_")).isEmpty();
    }

    @Test
    void restore_safeReplace_leavesOriginalUntouchedWhenTheToolIsKilled() throws Exception {
        Map<String, String> before = checksums(target);
        PostgresTarget killing = targetBuilder(RestoreMode.SAFE_REPLACE)
                .processLauncher(spec -> {
                    Process process = io.backline.jdbc.internal.ProcessLauncher.system().start(spec);
                    if (spec.toolName().equals("pg_restore") && !spec.command().contains("--version")) {
                        process.destroyForcibly();
                    }
                    return process;
                }).build();

        assertThatThrownBy(() -> restore(killing, backup.file())).isInstanceOf(ToolException.class);

        assertThat(checksums(target)).isEqualTo(before);
        assertThat(scratch.databasesStartingWith(target + "_backline_")).isEmpty();
    }

    @Test
    void safeReplace_ofMissingDatabase_createsIt() throws Exception {
        String fresh = scratch.name("bl_pg_absent");
        restore(PostgresTarget.builder().jdbcUrl(scratch.url(fresh)).mode(RestoreMode.SAFE_REPLACE).build(),
                backup.file());
        assertThat(checksums(fresh)).isEqualTo(checksums(source));
    }
}
