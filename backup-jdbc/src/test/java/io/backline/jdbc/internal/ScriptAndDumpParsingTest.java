package io.backline.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptAndDumpParsingTest {

    private static List<String> statements(String script) throws Exception {
        SqlScriptReader reader = new SqlScriptReader(new StringReader(script));
        List<String> all = new ArrayList<>();
        String next;
        while ((next = reader.next()) != null) {
            all.add(next);
        }
        return all;
    }

    @Test
    void scriptReader_splitsOnlyAtSemicolonsOutsideQuotesCommentsAndDollarBodies() throws Exception {
        String script = """
                -- leading comment; with semicolon
                CREATE TABLE "a;b" (x VARCHAR(10));
                INSERT INTO "a;b" VALUES ('it''s; fine'),
                  ('two
                lines');
                /* block; comment */
                CREATE ALIAS f AS $$ String f() { return "x;y"; } $$;
                SELECT 1 -- trailing; comment
                ;
                SELECT 2""";

        assertThat(statements(script)).containsExactly(
                "-- leading comment; with semicolon\nCREATE TABLE \"a;b\" (x VARCHAR(10))",
                "INSERT INTO \"a;b\" VALUES ('it''s; fine'),\n  ('two\nlines')",
                "/* block; comment */\nCREATE ALIAS f AS $$ String f() { return \"x;y\"; } $$",
                "SELECT 1 -- trailing; comment",
                "SELECT 2");
    }

    @Test
    void dumpRowCounter_countsTuplesPerTableAndPassesBytesThrough() throws Exception {
        String dump = """
                /*!40101 SET NAMES utf8mb4 */;
                CREATE TABLE `a``b` (x int);
                LOCK TABLES `a``b` WRITE;
                INSERT INTO `a``b` VALUES (1,'x(y'),(2,'it\\'s ('),(3,NULL);
                INSERT INTO `a``b` VALUES
                (4,'multi'),
                (5,0x28);
                UNLOCK TABLES;
                LOCK TABLES `empty` WRITE;
                UNLOCK TABLES;
                DELIMITER ;;
                INSERT INTO `a``b` VALUES (99);
                """;
        byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            MySqlDumpRowCounter counter = new MySqlDumpRowCounter(sink);
            for (int i = 0; i < bytes.length; i += chunk) {
                counter.write(bytes, i, Math.min(chunk, bytes.length - i));
            }

            assertThat(counter.rows()).as("written %d bytes at a time", chunk)
                    .isEqualTo(Map.of("a`b", 5L, "empty", 0L));
            assertThat(sink.toByteArray()).isEqualTo(bytes);
        }
        MySqlDumpRowCounter oneByOne = new MySqlDumpRowCounter(new ByteArrayOutputStream());
        for (byte b : bytes) {
            oneByOne.write(b);
        }
        assertThat(oneByOne.rows()).isEqualTo(Map.of("a`b", 5L, "empty", 0L));
    }

    @Test
    void pgPattern_followsPsqlRules() {
        assertThat(PgPattern.table("shop.Ord*")).isEqualTo(new PgPattern("^(shop)$", "^(ord.*)$"));
        assertThat(PgPattern.table("\"Mixed.Case\"")).isEqualTo(new PgPattern(null, "^(Mixed\\.Case)$"));
        assertThat(PgPattern.schema("a?c")).isEqualTo("^(a.c)$");
    }

    @Test
    void secrets_masksUrlPasswordsAndGivenSecrets() {
        assertThat(Secrets.maskUrl("postgresql://u:pw@h/db?password=x&sslmode=require"))
                .isEqualTo("postgresql://u:****@h/db?password=****&sslmode=require");
        assertThat(Secrets.maskUrl("jdbc:h2:file:/x;USER=sa;PASSWORD=abc;MODE=MySQL"))
                .isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=****;MODE=MySQL");
        assertThat(Secrets.mask("error for s3cr3t here", "s3cr3t".toCharArray())).isEqualTo("error for **** here");
    }

    @Test
    void toolVersion_readsPostgresAndMySqlFamilyOutput() {
        assertThat(ToolVersion.ofPostgresTool("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)").orElseThrow())
                .satisfies(v -> assertThat(v.major()).isEqualTo(15)).satisfies(v -> assertThat(v.text()).isEqualTo("15.20"));
        assertThat(ToolVersion.ofPostgresTool("pg_dump (PostgreSQL) 9.6.0").orElseThrow().major()).isEqualTo(9);
        assertThat(ToolVersion.ofMySqlTool("mariadb-dump  Ver 10.19 Distrib 10.11.19-MariaDB, for debian")
                .orElseThrow().text()).isEqualTo("10.11.19-MariaDB");
        assertThat(ToolVersion.ofMySqlTool("mariadb-dump from 11.4.2-MariaDB, client 10.19").orElseThrow().major())
                .isEqualTo(11);
        assertThat(ToolVersion.ofMySqlTool("mysqldump  Ver 8.0.36 for Linux on x86_64").orElseThrow().major())
                .isEqualTo(8);
    }

    @Test
    void databaseNames_fitTheServersLimit() {
        String longName = "x".repeat(70);
        assertThat(DatabaseNames.sibling(longName, 63)).hasSize(63).contains("_backline_new_");
        assertThat(DatabaseNames.old("orders", java.time.Clock.fixed(java.time.Instant.parse(
                "2026-11-29T06:00:00Z"), java.time.ZoneOffset.UTC), 63))
                .isEqualTo("orders_backline_old_20261129T060000Z");
    }
}
