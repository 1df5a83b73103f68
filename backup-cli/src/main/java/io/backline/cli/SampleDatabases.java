package io.backline.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo's embedded databases: a SQLite file and an H2 file, each with an orders table, and how to compare them. */
final class SampleDatabases {
    private SampleDatabases() {
    }

    static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file;
    }

    static String h2Url(Path fileWithoutSuffix) {
        return "jdbc:h2:file:" + fileWithoutSuffix + ";DB_CLOSE_DELAY=0";
    }

    static void fill(String url, int orders) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,"
                    + " total DECIMAL(12, 2) NOT NULL, note VARCHAR(200))");
            c.setAutoCommit(false);
            try (PreparedStatement customer = c.prepareStatement("INSERT INTO customers VALUES (?, ?)");
                 PreparedStatement order = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= 100; i++) {
                    customer.setInt(1, i);
                    customer.setString(2, "Customer " + i);
                    customer.addBatch();
                }
                customer.executeBatch();
                for (int i = 1; i <= orders; i++) {
                    order.setInt(1, i);
                    order.setInt(2, 1 + i % 100);
                    order.setBigDecimal(3, java.math.BigDecimal.valueOf(i * 37L % 100_000, 2));
                    order.setString(4, i % 7 == 0 ? "gift wrap, ünïcødé ✓" : null);
                    order.addBatch();
                }
                order.executeBatch();
            }
            c.commit();
        }
    }

    /** A fingerprint of the two tables' contents, equal for equal data. */
    static String fingerprint(String url) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String query : new String[] {"SELECT id, name FROM customers ORDER BY id",
                    "SELECT id, customer_id, total, note FROM orders ORDER BY id"}) {
                try (ResultSet rows = s.executeQuery(query)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            text.append(value instanceof Number n ? new java.math.BigDecimal(n.toString())
                                    .stripTrailingZeros().toPlainString() : value).append('|');
                        }
                        text.append('\n');
                    }
                }
            }
        }
        return Integer.toHexString(text.toString().hashCode()) + ":" + text.length();
    }
}
