package io.backline.jdbc.internal;

import io.backline.core.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What PostgreSQL sources and targets share: JDBC connections, the server's version, and how {@code pg_dump} and
 * {@code pg_restore} are called (host, port and user as arguments; the password only in a 0600 {@code PGPASSFILE}).
 */
public final class PostgresClient {
    /** libpq settings that may come as URL parameters, and the environment variables that carry them. */
    private static final Map<String, String> LIBPQ_ENV = Map.of(
            "sslmode", "PGSSLMODE",
            "sslrootcert", "PGSSLROOTCERT",
            "sslcert", "PGSSLCERT",
            "sslkey", "PGSSLKEY",
            "connect_timeout", "PGCONNECT_TIMEOUT",
            "options", "PGOPTIONS");

    private PostgresClient() {
    }

    /** Connects to {@code endpoint}'s database. */
    public static Connection connect(Endpoint endpoint, String backupRef, Stage stage) {
        Properties properties = new Properties();
        endpoint.parameters().forEach(properties::setProperty);
        if (endpoint.user() != null) {
            properties.setProperty("user", endpoint.user());
        }
        char[] password = endpoint.password();
        if (password != null) {
            properties.setProperty("password", new String(password));
        }
        properties.putIfAbsent("connectTimeout", "10");
        properties.putIfAbsent("ApplicationName", "backline");
        return JdbcSupport.open(endpoint.jdbcUrl("jdbc:postgresql"), properties, endpoint.describe(), password,
                backupRef, stage);
    }

    /** The server's version as {@code SHOW server_version} prints it, first word only (e.g. {@code 15.20}). */
    public static String serverVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1).split("\\s+")[0];
        }
    }

    /** The major version ({@code server_version_num / 10000}; 9.6 counts as 9). */
    public static int serverMajor(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
            rows.next();
            return Integer.parseInt(rows.getString(1).trim()) / 10000;
        }
    }

    /** A requirement for {@code tool} (pg_dump, pg_restore) of at least {@code minimumMajor}. */
    public static ToolRequirement requirement(String tool, int minimumMajor, String purpose) {
        return new ToolRequirement(List.of(tool), purpose, ToolVersion::ofPostgresTool, output -> true,
                minimumMajor, "e.g. the postgresql-client-" + minimumMajor + " package");
    }

    /** {@code --host --port [--username] --no-password}: never the password. */
    public static List<String> connectionArguments(Endpoint endpoint) {
        List<String> args = new ArrayList<>();
        args.add("--host=" + endpoint.host());
        args.add("--port=" + endpoint.port());
        if (endpoint.user() != null) {
            args.add("--username=" + endpoint.user());
        }
        args.add("--no-password");
        return args;
    }

    /** {@code --dbname=dbname='…'}: a conninfo string, so that no database name is read as a URI or option. */
    public static String databaseArgument(String database) {
        return "--dbname=dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Writes a {@code PGPASSFILE} for the endpoint's user and password, or returns null when there is none. */
    public static SecretFile passFile(Path tempDir, Endpoint endpoint) throws IOException {
        char[] password = endpoint.password();
        if (password == null || password.length == 0) {
            return null;
        }
        String user = endpoint.user() == null ? "*" : escape(endpoint.user());
        StringBuilder line = new StringBuilder("*:*:*:").append(user).append(':');
        for (char c : password) {
            if (c == '\\' || c == ':') {
                line.append('\\');
            }
            line.append(c);
        }
        line.append('\n');
        char[] content = new char[line.length()];
        line.getChars(0, line.length(), content, 0);
        line.setLength(0);
        try {
            return SecretFile.create(tempDir, "backline-pgpass-", content);
        } finally {
            java.util.Arrays.fill(content, '\0');
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** The process spec: {@code argv}, plus {@code PGPASSFILE} and libpq settings in the environment. */
    public static ProcessSpec spec(List<String> argv, SecretFile passFile, Endpoint endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        endpoint.parameters().forEach((key, value) -> {
            String variable = LIBPQ_ENV.get(key.toLowerCase(java.util.Locale.ROOT));
            if (variable != null) {
                env.put(variable, value);
            }
        });
        if (passFile != null) {
            env.put("PGPASSFILE", passFile.path().toString());
        }
        env.putIfAbsent("PGCONNECT_TIMEOUT", "10");
        env.put("PGAPPNAME", "backline");
        return new ProcessSpec(argv, env, Set.of("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE"));
    }
}
