package io.backline.jdbc.internal;

import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.Stage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Connections and table statistics for the embedded databases (H2, SQLite). */
public final class EmbeddedJdbc {
    private EmbeddedJdbc() {
    }

    /** Opens {@code url} with optional user and password; messages show {@code description}. */
    public static Connection open(String url, String user, char[] password, String description, String backupRef,
                                  Stage stage) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", new String(password));
        }
        return JdbcSupport.open(url, properties, description, password, backupRef, stage);
    }

    /** The user tables of an H2 database with their row counts in the caller's transaction. */
    public static List<TableInfo> h2Tables(Connection connection) throws SQLException {
        List<String[]> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
                     + " ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            while (rows.next()) {
                names.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        List<TableInfo> tables = new ArrayList<>();
        for (String[] name : names) {
            tables.add(new TableInfo(name[0], name[1], count(connection, name[0], name[1]), true));
        }
        return tables;
    }

    /** The tables of a SQLite database with their row counts. */
    public static List<TableInfo> sqliteTables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        List<TableInfo> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(new TableInfo("main", name, count(connection, null, name), true));
        }
        return tables;
    }

    /** {@code SELECT COUNT(*)} of {@code schema.table} (schema may be null). */
    public static long count(Connection connection, String schema, String table) throws SQLException {
        String name = (schema == null ? "" : JdbcSupport.quoteDouble(schema) + ".") + JdbcSupport.quoteDouble(table);
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + name)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
