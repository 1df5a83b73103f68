package io.backline.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Database-level statements on a connection to a maintenance database: exists, create, drop, rename. */
public final class PostgresAdmin {
    private static final String OBJECT_IN_USE = "55006";

    private final Connection connection;

    public PostgresAdmin(Connection connection) {
        this.connection = connection;
    }

    public boolean exists(String database) throws SQLException {
        try (PreparedStatement statement =
                     connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** {@code CREATE DATABASE … TEMPLATE template0}. */
    public void create(String database) throws SQLException {
        execute("CREATE DATABASE " + JdbcSupport.quoteDouble(database) + " TEMPLATE template0");
    }

    /** Ends every other session connected to {@code database}. */
    public void terminateConnections(String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity"
                        + " WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid()")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // One row per ended session.
                }
            }
        }
    }

    /** Ends other sessions, then drops {@code database} if it exists. */
    public void drop(String database) throws SQLException {
        retryWhileInUse(database, "DROP DATABASE IF EXISTS " + JdbcSupport.quoteDouble(database));
    }

    /** Ends other sessions on {@code from}, then renames it. */
    public void rename(String from, String to) throws SQLException {
        retryWhileInUse(from, "ALTER DATABASE " + JdbcSupport.quoteDouble(from) + " RENAME TO "
                + JdbcSupport.quoteDouble(to));
    }

    private void retryWhileInUse(String database, String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            terminateConnections(database);
            try {
                execute(sql);
                return;
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt >= 10) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
