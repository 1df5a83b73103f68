package io.backline.jdbc;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Looks at MySQL/MariaDB databases the way the fidelity tests compare them. */
final class MySqlInspect {
    private MySqlInspect() {
    }

    /** Runs a script whose statements are separated by lines holding only {@code $$}. */
    static void runScript(Connection connection, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.split("(?m)^\\$\\$\\s*$")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** Fills the fidelity tables with rows of every kind, and calls the procedure so that the trigger fires. */
    static void fill(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customer (name, note, photo, big,"
                + " doc, price, ratio, born, seen, ts, t, y, flags, kind, bits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, b'10100101')")) {
            for (int i = 1; i <= 300; i++) {
                insert.setString(1, "customer " + i + (i % 7 == 0 ? " 😀 ünï ✓ 𝄞" : ""));
                insert.setString(2, i % 3 == 0 ? null : "note with 'quotes', \"double\", back\\slash,\nnewline\t(tab)");
                byte[] blob = new byte[i % 50];
                for (int b = 0; b < blob.length; b++) {
                    blob[b] = (byte) (b * 37 + i);
                }
                insert.setBytes(3, blob);
                insert.setBytes(4, i % 100 == 0 ? new byte[200_000] : null);
                insert.setString(5, "{\"i\": " + i + ", \"emoji\": \"🎉\", \"nested\": {\"a\": [1, 2, null]}}");
                insert.setBigDecimal(6, new java.math.BigDecimal(i + ".123456").negate());
                insert.setDouble(7, i / 3.0);
                insert.setString(8, "2024-02-" + (1 + i % 28));
                insert.setString(9, "2024-03-01 12:34:56." + (100000 + i));
                insert.setString(10, i % 4 == 0 ? null : "2024-03-01 01:02:03.456");
                insert.setString(11, "-838:59:59");
                insert.setInt(12, 1901 + i % 200);
                insert.setString(13, i % 2 == 0 ? "a,c" : "");
                insert.setString(14, i % 2 == 0 ? "x" : "y");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            for (int i = 1; i <= 120; i++) {
                statement.execute("CALL add_order(" + (1 + i % 300) + ", " + (i * 3.5) + ")");
            }
            statement.execute("DELETE FROM customer WHERE id BETWEEN 290 AND 300");
        }
    }

    /** SHOW CREATE of every table, view, trigger, routine and event, keyed by kind and name. */
    static Map<String, String> definitions(Connection connection) throws SQLException {
        Map<String, String> found = new TreeMap<>();
        String db = connection.getCatalog();
        List<String[]> objects = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            collect(statement, objects, "TABLE", "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA"
                    + " = DATABASE() AND TABLE_TYPE = 'BASE TABLE'");
            collect(statement, objects, "VIEW", "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA"
                    + " = DATABASE()");
            collect(statement, objects, "TRIGGER", "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE"
                    + " TRIGGER_SCHEMA = DATABASE()");
            collect(statement, objects, null, "SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME) FROM"
                    + " information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()");
            collect(statement, objects, "EVENT", "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE"
                    + " EVENT_SCHEMA = DATABASE()");
            for (String[] object : objects) {
                String kind = object[0];
                String name = object[1];
                int column = kind.equals("TRIGGER") ? 3 : kind.equals("EVENT") ? 4 : kind.equals("VIEW") ? 2
                        : kind.equals("TABLE") ? 2 : 3;
                try (ResultSet row = statement.executeQuery("SHOW CREATE " + kind + " `" + name + "`")) {
                    row.next();
                    found.put(kind + " " + name, row.getString(column).replace("`" + db + "`.", ""));
                }
            }
        }
        return found;
    }

    private static void collect(Statement statement, List<String[]> into, String kind, String sql)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                if (kind == null) {
                    String[] parts = rows.getString(1).split(" ", 2);
                    into.add(parts);
                } else {
                    into.add(new String[] {kind, rows.getString(1)});
                }
            }
        }
    }

    /** Row count and a SHA-256 over every value of every row, ordered by the first column, per base table. */
    static Map<String, String> checksums(Connection connection) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long count = 0;
                try (ResultSet rows = statement.executeQuery("SELECT * FROM `" + table + "` ORDER BY 1")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        count++;
                        for (int c = 1; c <= columns; c++) {
                            int type = rows.getMetaData().getColumnType(c);
                            boolean binary = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
                                    || type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB
                                    || type == java.sql.Types.BIT;
                            String text = binary ? null : rows.getString(c);
                            byte[] value = binary ? rows.getBytes(c)
                                    : text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            digest.update(value == null ? new byte[] {0, 'N'} : value);
                            digest.update((byte) 0x1f);
                        }
                        digest.update((byte) 0x1e);
                    }
                }
                sums.put(table, count + ":" + HexFormat.of().formatHex(digest.digest()));
            }
        }
        return sums;
    }
}
