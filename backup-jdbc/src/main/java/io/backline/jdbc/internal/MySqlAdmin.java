package io.backline.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Database-level statements for MySQL/MariaDB on a connection without a default database. */
public final class MySqlAdmin {
    private final Connection connection;

    public MySqlAdmin(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public boolean exists(String database) throws SQLException {
        return !query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", database)
                .isEmpty();
    }

    /** Creates {@code database}, with the default character set and collation of {@code like} when given. */
    public void create(String database, String like) throws SQLException {
        String options = "";
        if (like != null) {
            List<String> charset = query("SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' ', DEFAULT_COLLATION_NAME)"
                    + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", like);
            if (!charset.isEmpty()) {
                String[] parts = charset.get(0).split(" ");
                options = " CHARACTER SET " + parts[0] + " COLLATE " + parts[1];
            }
        }
        execute("CREATE DATABASE " + JdbcSupport.quoteBacktick(database) + options);
    }

    /** Ends other sessions using {@code database}, then drops it if it exists. */
    public void drop(String database) throws SQLException {
        killConnections(database);
        execute("DROP DATABASE IF EXISTS " + JdbcSupport.quoteBacktick(database));
    }

    /** Ends every other session whose current database is {@code database}. */
    public void killConnections(String database) throws SQLException {
        for (String id : query("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()",
                database)) {
            try {
                execute("KILL CONNECTION " + Long.parseLong(id));
            } catch (SQLException e) {
                // Gone already.
            }
        }
    }

    /** Tables that hold data (base tables, system-versioned tables, sequences), by name. */
    public List<String> dataTables(String database) throws SQLException {
        return query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE <> 'VIEW' ORDER BY TABLE_NAME", database);
    }

    public List<String> views(String database) throws SQLException {
        return query("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
                database);
    }

    public List<String> triggers(String database) throws SQLException {
        return query("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?"
                + " ORDER BY ACTION_ORDER, TRIGGER_NAME", database);
    }

    /** {@code TYPE name} pairs, e.g. {@code PROCEDURE p}. */
    public List<String> routines(String database) throws SQLException {
        return query("SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME) FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION') ORDER BY 1", database);
    }

    public List<String> events(String database) throws SQLException {
        return query("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY 1", database);
    }

    /** {@code SELECT COUNT(*)} of one table. */
    public long count(String database, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + JdbcSupport.quoteBacktick(database)
                     + "." + JdbcSupport.quoteBacktick(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    List<String> query(String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
