package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.manifest.BackupManifest.TableInfo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MySqlRoundTripTest {
    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String original;

    @BeforeEach
    void createFidelityDatabase() throws Exception {
        scratch = TestDatabases.Scratch.mysql();
        original = scratch.create("bl_my_fid");
        try (Connection c = scratch.connect(original)) {
            MySqlInspect.runScript(c, PostgresInspect.resource("mysql-fidelity.sql"));
            MySqlInspect.fill(c);
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    private void assertSameDatabase(String copy) throws Exception {
        try (Connection a = scratch.connect(original); Connection b = scratch.connect(copy)) {
            Map<String, String> definitions = MySqlInspect.definitions(a);
            assertThat(definitions).containsKeys("TABLE customer", "VIEW big_customers", "TRIGGER orders_ai",
                    "PROCEDURE add_order", "FUNCTION total", "EVENT nightly");
            assertThat(definitions.get("TABLE customer")).containsPattern("AUTO_INCREMENT=\\d+");
            assertThat(MySqlInspect.definitions(b)).isEqualTo(definitions);
            Map<String, String> sums = MySqlInspect.checksums(a);
            assertThat(sums.get("customer")).startsWith("289:");
            assertThat(MySqlInspect.checksums(b)).isEqualTo(sums);
        }
    }

    @Test
    void backupThenRestoreIntoNewDatabase_givesIdenticalDefinitionsAndRows() throws Exception {
        MySqlSource source = MySqlSource.builder().jdbcUrl(scratch.url(original)).build();
        Payloads.Written backup = Payloads.backup(source, dir);

        String copy = scratch.name("bl_my_copy");
        MySqlTarget target = MySqlTarget.builder().jdbcUrl(scratch.url(original)).database(copy)
                .mode(RestoreMode.CREATE_NEW).build();
        target.prepare(backup.manifest(), Payloads.restoreContext(dir));
        try (InputStream in = Files.newInputStream(backup.file())) {
            var outcome = target.restore(in, backup.manifest(), Payloads.restoreContext(dir));
            assertThat(outcome.bytes()).isEqualTo(Files.size(backup.file()));
        }

        assertSameDatabase(copy);
    }

    @Test
    void manifest_recordsMariaDbToolAndRowCountsCountedFromTheDump() throws Exception {
        MySqlSource source = MySqlSource.builder().url("mariadb://root@127.0.0.1:3306/" + original).build();
        Payloads.Written backup = Payloads.backup(source, dir);

        var database = backup.report().database();
        assertThat(database.product()).isEqualTo("MariaDB");
        assertThat(database.serverVersion()).contains("MariaDB");
        assertThat(database.tool()).isEqualTo("mariadb-dump");
        assertThat(database.database()).isEqualTo(original);
        Map<String, Long> counts = database.tables().stream()
                .collect(Collectors.toMap(TableInfo::name, TableInfo::rows));
        try (Connection c = scratch.connect(original)) {
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "customer", 289L, "orders", PostgresInspect.count(c, "orders"), "audit", 120L,
                    "empty_one", 0L));
        }
        assertThat(database.tables()).allMatch(TableInfo::rowsExact);
        assertThat(source.payloadFormat()).isEqualTo("mysqldump-sql");
        assertThat(source.payloadExtension()).isEqualTo("sql");
        assertThat(Files.readString(backup.file())).doesNotContain("CREATE DATABASE").doesNotContain("USE `");
    }

    @Test
    void payload_restoresWithPlainMariadbClient() throws Exception {
        Payloads.Written backup = Payloads.backup(MySqlSource.builder().jdbcUrl(scratch.url(original)).build(), dir);
        String copy = scratch.create("bl_my_stock");

        Commands.run(List.of("mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", "root", copy), backup.file())
                .assertSuccess();

        assertSameDatabase(copy);
    }
}
