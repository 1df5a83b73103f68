package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.BackupManager;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.RestoreResult;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.ExternalTools;
import io.backline.core.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases through the whole pipeline (source → zstd → age → storage → catalog → restore), and the same artifacts
 * restored by the stock tools alone: {@code age -d | zstd -d | pg_restore} and {@code … | mariadb}.
 */
class DatabasePipelineEndToEndTest {
    @TempDir
    Path dir;

    private AgeIdentity key;
    private Path keyFile;

    @BeforeEach
    void key() throws Exception {
        key = AgeKeys.generate();
        keyFile = dir.resolve("key.txt");
        Files.writeString(keyFile, key.toKeyFile(Instant.now()));
    }

    @AfterEach
    void wipe() {
        key.close();
    }

    private BackupManager manager() {
        return BackupManager.builder().storage(LocalStorage.at(dir.resolve("repo"))).compression(Compression.zstd(3))
                .encryption(BackupEncryption.toRecipients(key.recipient().toString())).build();
    }

    private BackupRestorer restorer() {
        return BackupRestorer.builder().storage(LocalStorage.at(dir.resolve("repo")))
                .encryption(BackupEncryption.withIdentities(key)).build();
    }

    private Path artifact(BackupResult result) {
        BackupManifest manifest = result.manifest().orElseThrow();
        return dir.resolve("repo").resolve(manifest.source().name()).resolve(manifest.artifact().name());
    }

    @Test
    void postgres_backupRestoresThroughBackline_andThroughAgeZstdPgRestore() throws Exception {
        ExternalTools.require("age");
        ExternalTools.require("zstd");
        ExternalTools.require("pg_restore");
        try (TestDatabases.Scratch scratch = TestDatabases.Scratch.postgres()) {
            String original = scratch.create("bl_e2e_pg");
            try (Connection c = scratch.connect(original); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, note text, paid numeric(12,2))");
                s.execute("INSERT INTO orders (note, paid) SELECT 'order ' || g, g * 1.5 FROM generate_series(1, 5000) g");
                s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
                s.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 300) g");
            }

            BackupResult result = manager().backup(PostgresSource.builder().name("orders-db")
                    .jdbcUrl(scratch.url(original)).build()).orThrow();
            BackupManifest manifest = result.manifest().orElseThrow();
            assertThat(manifest.artifact().name()).endsWith(".pgdump.zst.age");
            assertThat(manifest.database().tables()).extracting(TableInfo::name, TableInfo::rows)
                    .contains(org.assertj.core.groups.Tuple.tuple("orders", 5000L),
                            org.assertj.core.groups.Tuple.tuple("customers", 300L));
            assertThat(Files.readString(dir.resolve("repo/orders-db/" + result.id() + ".manifest.json")))
                    .doesNotContain("password");

            String viaBackline = scratch.name("bl_e2e_pg_a");
            RestoreResult restore = restorer().restore(result.id(), PostgresTarget.builder()
                    .jdbcUrl(scratch.url(original)).database(viaBackline).mode(RestoreMode.CREATE_NEW).build());
            assertThat(restore.succeeded()).as(String.valueOf(restore.error())).isTrue();

            String viaStockTools = scratch.create("bl_e2e_pg_b");
            List<String> connection = PostgresInspect.connectionArgs(scratch.url("postgres"), viaStockTools);
            String pgRestore = "pg_restore --exit-on-error " + String.join(" ", connection.stream()
                    .map(a -> "'" + a + "'").toList());
            Processes.run(dir, null, List.of("sh", "-c", "age -d -i '" + keyFile + "' '" + artifact(result)
                    + "' | zstd -d | " + pgRestore)).assertSuccess();

            for (String copy : List.of(viaBackline, viaStockTools)) {
                try (Connection a = scratch.connect(original); Connection b = scratch.connect(copy)) {
                    assertThat(PostgresInspect.checksums(b)).isEqualTo(PostgresInspect.checksums(a));
                }
            }
        }
    }

    @Test
    void mariadb_backupRestoresThroughBackline_andThroughAgeZstdMariadb() throws Exception {
        ExternalTools.require("age");
        ExternalTools.require("zstd");
        ExternalTools.require("mariadb");
        try (TestDatabases.Scratch scratch = TestDatabases.Scratch.mysql()) {
            String original = scratch.create("bl_e2e_my");
            try (Connection c = scratch.connect(original); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(100),"
                        + " emoji VARCHAR(20) CHARACTER SET utf8mb4)");
                for (int i = 0; i < 20; i++) {
                    s.execute("INSERT INTO orders (note, emoji) VALUES ('order " + i + "', '\uD83D\uDE80 " + i + "')");
                }
            }

            BackupResult result = manager().backup(MySqlSource.builder().name("shop-db")
                    .jdbcUrl(scratch.url(original)).build()).orThrow();
            assertThat(result.manifest().orElseThrow().artifact().name()).endsWith(".sql.zst.age");

            String viaBackline = scratch.name("bl_e2e_my_a");
            RestoreResult restore = restorer().restore(result.id(), MySqlTarget.builder()
                    .jdbcUrl(scratch.url(original)).database(viaBackline).mode(RestoreMode.CREATE_NEW).build());
            assertThat(restore.succeeded()).as(String.valueOf(restore.error())).isTrue();

            String viaStockTools = scratch.create("bl_e2e_my_b");
            Processes.run(dir, null, List.of("sh", "-c", "age -d -i '" + keyFile + "' '" + artifact(result)
                    + "' | zstd -d | mariadb -h 127.0.0.1 -P 3306 -u root " + viaStockTools)).assertSuccess();

            for (String copy : List.of(viaBackline, viaStockTools)) {
                try (Connection a = scratch.connect(original); Connection b = scratch.connect(copy)) {
                    Map<String, String> expected = MySqlInspect.checksums(a);
                    assertThat(MySqlInspect.checksums(b)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void pgDumpKilledMidway_orStorageFullMidway_leaveAFailedRecordAndNoArtifact() throws Exception {
        try (TestDatabases.Scratch scratch = TestDatabases.Scratch.postgres()) {
            String original = scratch.create("bl_e2e_kill");
            try (Connection c = scratch.connect(original); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big AS SELECT g AS id, repeat('x', 500) AS pad FROM generate_series(1, 20000) g");
            }
            PostgresSource killed = PostgresSource.builder().name("killed-db").jdbcUrl(scratch.url(original))
                    .processLauncher(spec -> {
                        Process process = io.backline.jdbc.internal.ProcessLauncher.system().start(spec);
                        if (spec.toolName().equals("pg_dump") && !spec.command().contains("--version")) {
                            process.destroyForcibly();
                        }
                        return process;
                    }).build();

            BackupResult result = manager().backup(killed);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.error().orElseThrow()).isInstanceOf(io.backline.core.ToolException.class);
            assertThat(result.error().orElseThrow().getMessage()).contains("killed-db/" + result.id());
            assertThat(manager().catalog().latestCompleted("killed-db")).isEmpty();
            assertThat(LocalStorage.at(dir.resolve("repo")).list("killed-db/" + result.id()))
                    .extracting(b -> b.key()).containsExactly("killed-db/" + result.id() + ".manifest.json");

            io.backline.core.storage.FaultyStorage full = io.backline.core.storage.FaultyStorage.wrap(
                    LocalStorage.at(dir.resolve("repo")));
            full.on(io.backline.core.storage.FaultyStorage.Op.WRITE)
                    .keys(io.backline.core.storage.FaultyStorage.keyEndsWith(".pgdump.zst")).cutAfter(4096);
            BackupResult noSpace = BackupManager.builder().storage(full).compression(Compression.zstd(1)).build()
                    .backup(PostgresSource.builder().name("full-db").jdbcUrl(scratch.url(original)).build());
            assertThat(noSpace.succeeded()).isFalse();
            assertThat(noSpace.error().orElseThrow().stage()).contains(io.backline.core.Stage.STORE);
            assertThat(manager().catalog().find(noSpace.id()).orElseThrow().status())
                    .isEqualTo(io.backline.core.manifest.BackupStatus.FAILED);
        }
    }

    @Test
    void sqlite_backupAndRestoreThroughThePipeline() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            s.execute("INSERT INTO notes (body) VALUES ('one'), ('two'), ('three')");
        }

        BackupResult result = manager().backup(SqliteSource.builder().name("app-db").file(db).build()).orThrow();
        Path restored = dir.resolve("restored.db");
        restorer().restore(result.id(), SqliteTarget.builder().file(restored).mode(RestoreMode.CREATE_NEW).build())
                .orThrow();

        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + restored);
             Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT group_concat(body, ',') FROM notes")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("one,two,three");
        }
        assertThat(result.manifest().orElseThrow().database().tables()).singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(3));
    }
}
