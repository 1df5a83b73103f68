package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.spi.RestoreOutcome;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresRoundTripTest {
    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String original;

    @BeforeEach
    void createFidelityDatabase() throws Exception {
        scratch = TestDatabases.Scratch.postgres();
        original = scratch.create("bl_pg_fid");
        try (Connection c = scratch.connect(original)) {
            PostgresInspect.run(c, PostgresInspect.resource("pg-fidelity.sql"));
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void backupThenRestoreIntoNewDatabase_givesIdenticalSchemaAndRows() throws Exception {
        PostgresSource source = PostgresSource.builder().jdbcUrl(scratch.url(original)).build();
        Payloads.Written backup = Payloads.backup(source, dir);

        String copy = scratch.name("bl_pg_copy");
        PostgresTarget target = PostgresTarget.builder().jdbcUrl(scratch.url(original)).database(copy)
                .mode(RestoreMode.CREATE_NEW).build();
        target.prepare(backup.manifest(), Payloads.restoreContext(dir));
        RestoreOutcome outcome;
        try (InputStream in = Files.newInputStream(backup.file())) {
            outcome = target.restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }

        assertThat(outcome.bytes()).isEqualTo(Files.size(backup.file()));
        assertThat(PostgresInspect.normalizedSchema(scratch.url("postgres"), copy))
                .isEqualTo(PostgresInspect.normalizedSchema(scratch.url("postgres"), original));
        try (Connection a = scratch.connect(original); Connection b = scratch.connect(copy)) {
            Map<String, String> expected = PostgresInspect.checksums(a);
            assertThat(expected).containsKeys("shop.customer", "shop.events_2024", "shop.order_stats",
                    "shop.ticket_seq", "public.oddities");
            assertThat(PostgresInspect.checksums(b)).isEqualTo(expected);
        }
    }

    @Test
    void manifest_recordsServerToolAndExactRowCountsOfEveryDumpedTable() throws Exception {
        PostgresSource source = PostgresSource.builder().jdbcUrl(scratch.url(original)).build();
        Payloads.Written backup = Payloads.backup(source, dir);

        var database = backup.report().database();
        assertThat(database.product()).isEqualTo("PostgreSQL");
        assertThat(database.serverVersion()).startsWith("15");
        assertThat(database.tool()).isEqualTo("pg_dump");
        assertThat(database.toolVersion()).matches("\\d+\\.\\d+.*");
        assertThat(database.database()).isEqualTo(original);
        Map<String, Long> counts = database.tables().stream()
                .collect(Collectors.toMap(t -> t.schema() + "." + t.name(), TableInfo::rows));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "shop.customer", 300L, "shop.orders", 900L, "shop.audit", 900L, "shop.events_2024", 213L,
                "shop.events_2025", 187L, "public.oddities", 3L));
        assertThat(database.tables()).allMatch(TableInfo::rowsExact);
        assertThat(source.payloadFormat()).isEqualTo("pg_dump-custom");
        assertThat(Files.readAllBytes(backup.file())).startsWith("PGDMP".getBytes());
    }

    @Test
    void payload_restoresWithPlainPgRestore() throws Exception {
        PostgresSource source = PostgresSource.builder().jdbcUrl(scratch.url(original)).build();
        Payloads.Written backup = Payloads.backup(source, dir);
        String copy = scratch.create("bl_pg_stock");

        List<String> command = new ArrayList<>(List.of("pg_restore", "--exit-on-error"));
        command.addAll(PostgresInspect.connectionArgs(scratch.url("postgres"), copy));
        command.add(backup.file().toString());
        Commands.run(command, null).assertSuccess();

        try (Connection a = scratch.connect(original); Connection b = scratch.connect(copy)) {
            assertThat(PostgresInspect.checksums(b)).isEqualTo(PostgresInspect.checksums(a));
        }
    }

    @Test
    void tableFilters_dumpAndCountOnlyTheSelectedTables() throws Exception {
        PostgresSource source = PostgresSource.builder().jdbcUrl(scratch.url(original))
                .excludeTables("shop.audit", "shop.events_*").build();
        Payloads.Written backup = Payloads.backup(source, dir);

        assertThat(backup.report().database().tables()).extracting(TableInfo::name)
                .containsExactly("oddities", "customer", "orders");
        String copy = scratch.name("bl_pg_filtered");
        PostgresTarget target = PostgresTarget.builder().jdbcUrl(scratch.url(copy)).mode(RestoreMode.CREATE_NEW)
                .build();
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }
        try (Connection b = scratch.connect(copy)) {
            assertThat(PostgresInspect.count(b, "shop.orders")).isEqualTo(900);
            assertThat(PostgresInspect.count(b, "shop.customer")).isEqualTo(300);
            assertThat(PostgresInspect.count(b, "pg_class WHERE relname IN ('audit', 'events_2024')")).isZero();
        }
    }

    @Test
    void includeTables_countsOnlyTablesMatchingThePattern() throws Exception {
        PostgresSource source = PostgresSource.builder().jdbcUrl(scratch.url(original))
                .includeTables("shop.ord*", "ODDITIES").build();
        Payloads.Written backup = Payloads.backup(source, dir);

        assertThat(backup.report().database().tables()).extracting(t -> t.schema() + "." + t.name())
                .containsExactly("public.oddities", "shop.orders");
    }
}
