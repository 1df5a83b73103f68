package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.BackupManager;
import io.backline.core.BackupRestorer;
import io.backline.core.Compression;
import io.backline.core.IntegrityException;
import io.backline.core.RestoreResult;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.RestoreTarget;
import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.ArtifactDamage;
import io.backline.core.testing.CountingStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verified restore into a database that does not exist yet takes one pass through the artifact: the new database
 * is the staging area, kept only when every check of the payload passed and dropped when one fails. Restores over an
 * existing database still verify the backup in a separate pass first.
 */
class StagedDatabaseRestoreTest {
    private static final String MARKER = "x".repeat(4000);

    @TempDir
    Path dir;

    private CountingStorage storage;

    @Test
    void postgres_createNew_readsTheArtifactOnce_andRestoresAnIdenticalCopy() throws Exception {
        try (TestDatabases.Scratch scratch = TestDatabases.Scratch.postgres()) {
            String original = filledPostgres(scratch);
            BackupManifest manifest = backup(PostgresSource.builder().jdbcUrl(scratch.url(original)).build());
            String copy = scratch.name("bl_staged_pg");

            RestoreResult result = restorer().restore(manifest.id(), PostgresTarget.builder()
                    .jdbcUrl(scratch.url(copy)).mode(RestoreMode.CREATE_NEW).build());

            assertThat(result.succeeded()).as("%s", result.error()).isTrue();
            assertThat(storage.artifactReads()).isEqualTo(1);
            assertThat(postgresChecksums(scratch, copy)).isEqualTo(postgresChecksums(scratch, original));
        }
    }

    @Test
    void postgres_createNew_ofADamagedBackup_isRefused_andTheNewDatabaseIsDroppedAgain() throws Exception {
        try (TestDatabases.Scratch scratch = TestDatabases.Scratch.postgres()) {
            String original = filledPostgres(scratch);
            BackupManifest manifest = backup(PostgresSource.builder().jdbcUrl(scratch.url(original)).build());
            damageInsideMarkerAndReseal(manifest);
            String copy = scratch.name("bl_staged_pg");

            RestoreResult result = restorer().restore(manifest.id(), PostgresTarget.builder()
                    .jdbcUrl(scratch.url(copy)).mode(RestoreMode.CREATE_NEW).build());

            assertRefusedAtContent(result, manifest);
            assertThat(storage.artifactReads()).as("one pass, no separate verification").isEqualTo(1);
            assertThat(scratch.databasesStartingWith(copy)).isEmpty();
        }
    }

    @Test
    void postgres_replace_ofADamagedBackup_isRefusedBeforeTheExistingDatabaseIsTouched() throws Exception {
        try (TestDatabases.Scratch scratch = TestDatabases.Scratch.postgres()) {
            String original = filledPostgres(scratch);
            BackupManifest manifest = backup(PostgresSource.builder().jdbcUrl(scratch.url(original)).build());
            damageInsideMarkerAndReseal(manifest);
            Map<String, String> before = postgresChecksums(scratch, original);

            RestoreResult result = restorer().restore(manifest.id(), PostgresTarget.builder()
                    .jdbcUrl(scratch.url(original)).mode(RestoreMode.REPLACE).build());

            assertRefusedAtContent(result, manifest);
            assertThat(postgresChecksums(scratch, original)).isEqualTo(before);
        }
    }

    @Test
    void mariadb_createNew_readsTheArtifactOnce_andADamagedBackupLeavesNoDatabase() throws Exception {
        try (TestDatabases.Scratch scratch = TestDatabases.Scratch.mysql()) {
            String original = scratch.create("bl_staged_my_src");
            try (Connection c = scratch.connect(original); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id int PRIMARY KEY, body mediumtext)");
                s.execute("INSERT INTO notes VALUES (1, 'first'), (2, '" + MARKER + "'), (3, 'last')");
            }
            BackupSource source = MySqlSource.builder().jdbcUrl(scratch.url(original)).build();
            BackupManifest intact = backup(source);
            String copy = scratch.name("bl_staged_my");

            RestoreResult restored = restorer().restore(intact.id(), target(scratch, copy));

            assertThat(restored.succeeded()).as("%s", restored.error()).isTrue();
            assertThat(storage.artifactReads()).isEqualTo(1);
            try (Connection a = scratch.connect(original); Connection b = scratch.connect(copy)) {
                assertThat(MySqlInspect.checksums(b)).isEqualTo(MySqlInspect.checksums(a));
            }

            BackupManifest damaged = backup(source);
            damageInsideMarkerAndReseal(damaged);
            String second = scratch.name("bl_staged_my");

            RestoreResult refused = restorer().restore(damaged.id(), target(scratch, second));

            assertRefusedAtContent(refused, damaged);
            assertThat(scratch.databasesStartingWith(second)).isEmpty();
        }
    }

    private static RestoreTarget target(TestDatabases.Scratch scratch, String database) {
        return MySqlTarget.builder().jdbcUrl(scratch.url(database)).mode(RestoreMode.CREATE_NEW).build();
    }

    private static void assertRefusedAtContent(RestoreResult result, BackupManifest manifest) {
        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(e).isInstanceOf(IntegrityException.class);
            assertThat(e.stage()).contains(Stage.CONTENT);
            assertThat(e.getMessage()).contains(manifest.ref(), "refused to restore");
        });
    }

    private String filledPostgres(TestDatabases.Scratch scratch) throws Exception {
        String original = scratch.create("bl_staged_pg_src");
        try (Connection c = scratch.connect(original); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            s.execute("INSERT INTO notes VALUES (1, 'first'), (2, '" + MARKER + "'), (3, 'last')");
            s.execute("CREATE TABLE items AS SELECT g AS id, 'item ' || g AS label FROM generate_series(1, 2000) g");
        }
        return original;
    }

    private static Map<String, String> postgresChecksums(TestDatabases.Scratch scratch, String database)
            throws Exception {
        try (Connection c = scratch.connect(database)) {
            return PostgresInspect.checksums(c);
        }
    }

    /** Backs up uncompressed and unencrypted, so the artifact holds the dump's bytes as they are. */
    private BackupManifest backup(BackupSource source) {
        storage = new CountingStorage(LocalStorage.at(dir.resolve("repo")));
        BackupManifest manifest = BackupManager.builder().storage(storage).compression(Compression.none()).build()
                .backup(source).orThrow().manifest().orElseThrow();
        storage.reset();
        return manifest;
    }

    private BackupRestorer restorer() {
        return BackupRestorer.builder().storage(storage).build();
    }

    /**
     * Changes one byte inside the long text value, where the dump stays loadable, and rewrites sidecar and manifest
     * to match the damaged artifact: damage that happened before the checksum was taken, which only the content
     * SHA-256 at the very end of the payload can catch.
     */
    private void damageInsideMarkerAndReseal(BackupManifest manifest) throws Exception {
        Path repository = dir.resolve("repo");
        byte[] bytes = ArtifactDamage.read(repository, manifest);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(MARKER);
        assertThat(at).as("the marker is in the artifact").isPositive();
        bytes[at + MARKER.length() / 2] = 'y';
        ArtifactDamage.reseal(repository, manifest, bytes);
    }
}
