package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.IntegrityException;
import io.backline.core.RestoreConflictException;
import io.backline.core.manifest.BackupManifest.TableInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRoundTripTest {
    @TempDir
    Path dir;

    private static void exec(Connection c, String... sql) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        }
    }

    private static List<String> rows(Connection c, String query) throws Exception {
        List<String> all = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = r.getObject(i);
                    row.append(value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes)
                                    : value instanceof java.sql.Clob ? r.getString(i) : value)
                            .append('|');
                }
                all.add(row.toString());
            }
        }
        return all;
    }

    @Test
    void h2_backupAndRestoreIntoNewDatabase_keepsTablesRowsAndStatementsWithSemicolons() throws Exception {
        String sourceUrl = "jdbc:h2:file:" + dir.resolve("app") + ";USER=sa;PASSWORD=h2-secret";
        try (Connection c = DriverManager.getConnection(sourceUrl)) {
            exec(c, "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100), born DATE, photo VARBINARY(100),"
                            + " score DECIMAL(10,3), note CLOB)",
                    "INSERT INTO person VALUES (1, 'Ann; the first', DATE '1990-01-02', X'00ff10', 1.5,"
                            + " 'line1\nline2 -- not a comment; ''quoted''')",
                    "INSERT INTO person VALUES (2, '😀 /* no comment */', NULL, NULL, -2.125, NULL)",
                    "CREATE SEQUENCE ticket START WITH 100",
                    "CREATE VIEW adults AS SELECT id, name FROM person WHERE born IS NOT NULL",
                    "CREATE TABLE pet (id INT PRIMARY KEY, owner INT REFERENCES person(id), name VARCHAR(20))",
                    "INSERT INTO pet VALUES (10, 1, 'Rex'), (11, 1, 'Tom'), (12, 2, 'Kit')");
        }
        H2Source source = H2Source.builder().jdbcUrl(sourceUrl).build();
        Payloads.Written backup = Payloads.backup(source, dir);

        assertThat(source.description()).doesNotContain("h2-secret").contains("PASSWORD=****");
        assertThat(source.name()).isEqualTo("app");
        assertThat(backup.report().database().tables()).extracting(TableInfo::name, TableInfo::rows)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("PERSON", 2L),
                        org.assertj.core.groups.Tuple.tuple("PET", 3L));

        String copyUrl = "jdbc:h2:file:" + dir.resolve("copy") + ";USER=sa;PASSWORD=h2-secret";
        H2Target target = H2Target.builder().jdbcUrl(copyUrl).mode(RestoreMode.CREATE_NEW).build();
        target.prepare(backup.manifest(), Payloads.restoreContext(dir));
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }

        try (Connection a = DriverManager.getConnection(sourceUrl); Connection b = DriverManager.getConnection(copyUrl)) {
            for (String query : List.of("SELECT * FROM person ORDER BY id", "SELECT * FROM pet ORDER BY id",
                    "SELECT * FROM adults ORDER BY id", "SELECT NEXT VALUE FOR ticket")) {
                assertThat(rows(b, query)).as(query).isEqualTo(rows(a, query));
            }
        }
        assertThatThrownBy(() -> target.prepare(backup.manifest(), Payloads.restoreContext(dir)))
                .isInstanceOf(RestoreConflictException.class);
    }

    @Test
    void h2_replace_dropsEverythingFirst_andSafeReplaceIsRefusedAtBuild() throws Exception {
        String sourceUrl = "jdbc:h2:mem:src_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(sourceUrl)) {
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
        }
        Payloads.Written backup = Payloads.backup(H2Source.builder().jdbcUrl(sourceUrl).name("mem").build(), dir);
        String targetUrl = "jdbc:h2:mem:tgt_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(targetUrl)) {
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (7)", "CREATE TABLE other (x INT)");
        }

        try (InputStream in = Files.newInputStream(backup.file())) {
            H2Target.builder().jdbcUrl(targetUrl).mode(RestoreMode.REPLACE).build()
                    .restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }

        try (Connection c = DriverManager.getConnection(targetUrl)) {
            assertThat(rows(c, "SELECT id FROM t ORDER BY id")).containsExactly("1|", "2|");
            assertThat(rows(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'OTHER'"))
                    .containsExactly("0|");
        }
        assertThatThrownBy(() -> H2Target.builder().jdbcUrl(targetUrl).mode(RestoreMode.SAFE_REPLACE).build())
                .hasMessageContaining("SAFE_REPLACE");
    }

    private Path sqliteDatabase(String name) throws Exception {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            exec(c, "CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL, price REAL, data BLOB)",
                    "CREATE INDEX item_label ON item(label)",
                    "CREATE TABLE tag (item INTEGER REFERENCES item(id), tag TEXT)",
                    "CREATE VIEW cheap AS SELECT * FROM item WHERE price < 5");
            for (int i = 1; i <= 200; i++) {
                exec(c, "INSERT INTO item (label, price, data) VALUES ('item " + i + " ✓', " + (i / 7.0) + ", X'0"
                        + (i % 10) + "ff')", "INSERT INTO tag VALUES (" + i + ", 't" + (i % 3) + "')");
            }
        }
        return file;
    }

    @Test
    void sqlite_backupAndRestoreIntoNewFile_keepsEverything_andLeavesNoTempFile() throws Exception {
        Path original = sqliteDatabase("shop.db");
        SqliteSource source = SqliteSource.builder().jdbcUrl("jdbc:sqlite:" + original).build();
        Payloads.Written backup = Payloads.backup(source, dir);

        assertThat(source.name()).isEqualTo("shop");
        assertThat(backup.report().database().tables()).extracting(TableInfo::name, TableInfo::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("item", 200L),
                        org.assertj.core.groups.Tuple.tuple("tag", 200L));
        try (var temp = Files.list(dir.resolve("tmp"))) {
            assertThat(temp).isEmpty();
        }

        Path copy = dir.resolve("restored.db");
        SqliteTarget target = SqliteTarget.builder().file(copy).mode(RestoreMode.CREATE_NEW).build();
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }
        try (Connection a = DriverManager.getConnection("jdbc:sqlite:" + original);
             Connection b = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            for (String query : List.of("SELECT * FROM item ORDER BY id", "SELECT * FROM tag ORDER BY rowid",
                    "SELECT * FROM cheap ORDER BY id", "SELECT type, name, sql FROM sqlite_master ORDER BY name")) {
                assertThat(rows(b, query)).as(query).isEqualTo(rows(a, query));
            }
        }
        assertThatThrownBy(() -> target.prepare(backup.manifest(), Payloads.restoreContext(dir)))
                .isInstanceOf(RestoreConflictException.class);
    }

    @Test
    void sqlite_safeReplace_keepsOldFile_andCorruptPayloadLeavesTargetUntouched() throws Exception {
        Path original = sqliteDatabase("a.db");
        Payloads.Written backup = Payloads.backup(SqliteSource.builder().file(original).build(), dir);
        Path target = dir.resolve("live.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target)) {
            exec(c, "CREATE TABLE live (x INT)", "INSERT INTO live VALUES (42)");
        }
        byte[] before = Files.readAllBytes(target);

        byte[] garbage = "definitely not sqlite".getBytes();
        assertThatThrownBy(() -> SqliteTarget.builder().file(target).mode(RestoreMode.SAFE_REPLACE).build()
                .restore(new ByteArrayInputStream(garbage), backup.manifest(), Payloads.restoreContext(dir)))
                .isInstanceOf(IntegrityException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(before);

        try (InputStream in = Files.newInputStream(backup.file())) {
            SqliteTarget.builder().file(target).mode(RestoreMode.SAFE_REPLACE).build()
                    .restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target)) {
            assertThat(rows(c, "SELECT COUNT(*) FROM item")).containsExactly("200|");
        }
        try (var files = Files.list(dir)) {
            List<Path> old = files.filter(p -> p.getFileName().toString().startsWith("live.db.backline-old-"))
                    .toList();
            assertThat(old).hasSize(1);
            assertThat(Files.readAllBytes(old.get(0))).isEqualTo(before);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }
}
