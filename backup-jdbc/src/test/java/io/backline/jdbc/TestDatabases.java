package io.backline.jdbc;


import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database servers tests run against, from {@code BACKLINE_TEST_POSTGRES_URL} and
 * {@code BACKLINE_TEST_MYSQL_URL}. When a variable is unset the test is skipped with a visible reason, except under
 * {@code CI=true}, where it fails: CI must run every database test (DESIGN §8).
 */
final class TestDatabases {
    static final String POSTGRES_ENV = "BACKLINE_TEST_POSTGRES_URL";
    static final String MYSQL_ENV = "BACKLINE_TEST_MYSQL_URL";
    private static final Pattern JDBC_PATH = Pattern.compile("^(jdbc:[a-z]+://[^/?]+)(/[^?]*)?(\\?.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDatabases() {
    }

    /** The PostgreSQL server URL, or skip (fail under CI). */
    static String postgresUrl() {
        return require(POSTGRES_ENV, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    }

    /** The MySQL/MariaDB server URL, or skip (fail under CI). */
    static String mysqlUrl() {
        return require(MYSQL_ENV, "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    }

    private static String require(String variable, String example) {
        return io.backline.core.testing.ExternalTools.requireEnv(variable, example);
    }

    /** {@code url} with its database replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        Matcher m = JDBC_PATH.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected test URL shape: " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /** A unique lower-case database name. */
    static String uniqueName(String prefix) {
        return prefix.toLowerCase(Locale.ROOT) + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36)
                + Integer.toString(RANDOM.nextInt(1296), 36);
    }

    /**
     * Databases a test creates on one server; {@link #close()} drops them and their Backline siblings
     * ({@code <name>_backline_…}), whatever happened.
     */
    static final class Scratch implements AutoCloseable {
        private final String serverUrl;
        private final boolean postgres;
        private final List<String> names = new ArrayList<>();

        Scratch(String serverUrl) {
            this.serverUrl = serverUrl;
            this.postgres = serverUrl.startsWith("jdbc:postgresql:");
        }

        static Scratch postgres() {
            return new Scratch(postgresUrl());
        }

        static Scratch mysql() {
            return new Scratch(mysqlUrl());
        }

        /** A unique database name that will be dropped (not created). */
        String name(String prefix) {
            String name = uniqueName(prefix);
            names.add(name);
            return name;
        }

        /** Creates a unique database. */
        String create(String prefix) throws SQLException {
            String name = name(prefix);
            execute(postgres ? "CREATE DATABASE \"" + name + "\"" : "CREATE DATABASE `" + name + "`");
            return name;
        }

        String url(String database) {
            return withDatabase(serverUrl, database);
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(url(database));
        }

        Connection connectServer() throws SQLException {
            return DriverManager.getConnection(postgres ? url("postgres") : url(""));
        }

        void execute(String sql) throws SQLException {
            try (Connection c = connectServer(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        /** Databases whose name starts with {@code prefix}. */
        List<String> databasesStartingWith(String prefix) throws SQLException {
            List<String> found = new ArrayList<>();
            String sql = postgres ? "SELECT datname FROM pg_database" : "SHOW DATABASES";
            try (Connection c = connectServer(); Statement s = c.createStatement(); var rows = s.executeQuery(sql)) {
                while (rows.next()) {
                    if (rows.getString(1).startsWith(prefix)) {
                        found.add(rows.getString(1));
                    }
                }
            }
            return found;
        }

        @Override
        public void close() throws SQLException {
            SQLException failure = null;
            for (String name : names) {
                List<String> all;
                try {
                    all = databasesStartingWith(name);
                } catch (SQLException e) {
                    failure = e;
                    continue;
                }
                for (String db : all) {
                    try {
                        if (postgres) {
                            execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
                        } else {
                            execute("DROP DATABASE IF EXISTS `" + db + "`");
                        }
                    } catch (SQLException e) {
                        failure = e;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
