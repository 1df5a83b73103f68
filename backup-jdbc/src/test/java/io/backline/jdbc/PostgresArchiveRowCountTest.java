package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.testing.ExternalTools;
import io.backline.jdbc.internal.PgArchiveRowCounter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The row counts {@link PgArchiveRowCounter} takes from a real {@code pg_dump -Fc -Z0} archive, written to a pipe
 * as {@link PostgresSource} reads it, equal {@code count(*)} for every table, however the bytes arrive.
 */
class PostgresArchiveRowCountTest {
    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String database;
    private byte[] archive;

    @BeforeEach
    void dumpADatabaseWithAwkwardRows() throws Exception {
        ExternalTools.require("pg_dump");
        scratch = TestDatabases.Scratch.postgres();
        database = scratch.create("bl_pg_rows");
        try (Connection c = scratch.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA odd");
            s.execute("CREATE TABLE odd.texts (v text)");
            s.execute("INSERT INTO odd.texts VALUES (E'a\\nb'), (E'\\\\.'), ('.'), (''), (NULL), (E'x\\\\'),"
                    + " (E'tab\\there'), (E'\\\\.\\n\\\\.')");
            s.execute("CREATE TABLE odd.\"Empty Strings\" (v text)");
            s.execute("INSERT INTO odd.\"Empty Strings\" SELECT '' FROM generate_series(1, 3)");
            s.execute("CREATE TABLE public.nothing (id int)");
            s.execute("CREATE TABLE public.many (id int, note text, blob bytea)");
            s.execute("INSERT INTO public.many SELECT i, md5(i::text) || E'\\n' || i, decode(md5(i::text), 'hex')"
                    + " FROM generate_series(1, 50000) i");
            s.execute("CREATE TABLE public.events (at date, what text) PARTITION BY RANGE (at)");
            s.execute("CREATE TABLE public.events_2024 PARTITION OF public.events"
                    + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            s.execute("CREATE TABLE public.events_2025 PARTITION OF public.events"
                    + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
            s.execute("INSERT INTO public.events SELECT DATE '2024-06-01' + i, 'e' || i"
                    + " FROM generate_series(1, 400) i");
            s.execute("SELECT lo_from_bytea(0, convert_to(E'a large object\\nwith newlines\\n\\\\.\\n', 'UTF8'))");
        }
        Path file = dir.resolve("dump.pgdump");
        String command = "pg_dump --format=custom --compress=0 "
                + String.join(" ", PostgresInspect.connectionArgs(scratch.url("postgres"), database))
                + " | cat > " + file;
        Commands.run(List.of("bash", "-c", command), null).assertSuccess();
        archive = Files.readAllBytes(file);
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    @ParameterizedTest(name = "in writes of {0} bytes")
    @ValueSource(ints = {1, 13, 4096, 65536, Integer.MAX_VALUE})
    void countsEveryTableAsCountStarDoes(int writeSize) throws Exception {
        ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
        PgArchiveRowCounter counter = new PgArchiveRowCounter(passedOn);
        for (int at = 0; at < archive.length; at += writeSize) {
            counter.write(archive, at, (int) Math.min(writeSize, (long) archive.length - at));
        }

        assertThat(passedOn.toByteArray()).isEqualTo(archive);
        assertThat(counter.failure()).isNull();
        assertThat(counter.counts()).hasValue(countStar());
        assertThat(counter.counts().orElseThrow()).containsEntry(PgArchiveRowCounter.key("odd", "texts"), 8L)
                .containsEntry(PgArchiveRowCounter.key("odd", "Empty Strings"), 3L)
                .containsEntry(PgArchiveRowCounter.key("public", "nothing"), 0L)
                .containsEntry(PgArchiveRowCounter.key("public", "many"), 50_000L);
    }

    @Test
    void givesNoCountsForATruncatedArchiveButPassesEveryByteOn() throws Exception {
        ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
        PgArchiveRowCounter counter = new PgArchiveRowCounter(passedOn);
        counter.write(archive, 0, archive.length - 100);

        assertThat(counter.counts()).isEmpty();
        assertThat(passedOn.size()).isEqualTo(archive.length - 100);
    }

    @Test
    void givesNoCountsForSomethingElseAndSaysWhy() throws Exception {
        byte[] plain = "-- PostgreSQL database dump\nCOPY t FROM stdin;\n1\n\\.\n".repeat(2000)
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
        PgArchiveRowCounter counter = new PgArchiveRowCounter(passedOn);
        counter.write(plain, 0, plain.length);

        assertThat(counter.counts()).isEqualTo(Optional.empty());
        assertThat(counter.failure()).contains("not a pg_dump custom archive");
        assertThat(passedOn.toByteArray()).isEqualTo(plain);
    }

    @Test
    void recognisesTheArchiveVersionsOfPgDump11To18() {
        assertThat(PgArchiveRowCounter.reads(10)).isFalse();
        assertThat(PgArchiveRowCounter.reads(11)).isTrue();
        assertThat(PgArchiveRowCounter.reads(18)).isTrue();
        assertThat(PgArchiveRowCounter.reads(19)).isFalse();
    }

    private Map<String, Long> countStar() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = scratch.connect(database); Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname IN ('odd', 'public')")) {
            List<String[]> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(new String[] {tables.getString(1), tables.getString(2)});
            }
            for (String[] name : names) {
                try (Statement count = c.createStatement(); ResultSet rows = count.executeQuery(
                        "SELECT count(*) FROM \"" + name[0] + "\".\"" + name[1] + "\"")) {
                    rows.next();
                    counts.put(PgArchiveRowCounter.key(name[0], name[1]), rows.getLong(1));
                }
            }
        }
        return counts;
    }
}
