package io.backline.jdbc.internal;

import io.backline.core.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What MySQL and MariaDB sources and targets share: JDBC connections (MariaDB Connector/J when present, else MySQL
 * Connector/J), the server flavour, tool requirements and the 0600 {@code --defaults-extra-file} that carries the
 * user and password to {@code mariadb-dump}, {@code mysqldump}, {@code mariadb} and {@code mysql}.
 */
public final class MySqlClient {
    private MySqlClient() {
    }

    /** Connects to the endpoint's database (or to none when it names none). */
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
        properties.putIfAbsent("connectTimeout", "10000");
        String scheme = hasClass("org.mariadb.jdbc.Driver") ? "jdbc:mariadb" : "jdbc:mysql";
        Endpoint target = endpoint.database() == null ? endpoint.withDatabase("") : endpoint;
        return JdbcSupport.open(target.jdbcUrl(scheme), properties, endpoint.describe(), password, backupRef, stage);
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, MySqlClient.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@code SELECT VERSION()}, e.g. {@code 10.11.19-MariaDB-0+deb12u1} or {@code 8.0.36}. */
    public static String serverVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    public static boolean isMariaDb(String serverVersion) {
        return serverVersion.contains("MariaDB");
    }

    public static String product(String serverVersion) {
        return isMariaDb(serverVersion) ? "MariaDB" : "MySQL";
    }

    private static int major(String serverVersion) {
        return ToolVersion.ofServer(serverVersion).map(ToolVersion::major).orElse(0);
    }

    /** {@code mariadb-dump} (or MariaDB's {@code mysqldump}) for MariaDB, MySQL's {@code mysqldump} for MySQL. */
    public static ToolRequirement dumpRequirement(String serverVersion, String purpose) {
        boolean mariadb = isMariaDb(serverVersion);
        return new ToolRequirement(mariadb ? List.of("mariadb-dump", "mysqldump") : List.of("mysqldump"), purpose,
                ToolVersion::ofMySqlTool, output -> output.contains("MariaDB") == mariadb, major(serverVersion),
                mariadb ? "e.g. the mariadb-client package" : "e.g. the mysql-client package");
    }

    /** {@code mariadb} (or MariaDB's {@code mysql}) for MariaDB, MySQL's {@code mysql} for MySQL. */
    public static ToolRequirement clientRequirement(String serverVersion, String purpose) {
        boolean mariadb = isMariaDb(serverVersion);
        return new ToolRequirement(mariadb ? List.of("mariadb", "mysql") : List.of("mysql"), purpose,
                ToolVersion::ofMySqlTool, output -> output.contains("MariaDB") == mariadb, major(serverVersion),
                mariadb ? "e.g. the mariadb-client package" : "e.g. the mysql-client package");
    }

    /** Writes the {@code [client]} option file with user and password (when known). */
    public static SecretFile defaultsFile(Path tempDir, Endpoint endpoint) throws IOException {
        StringBuilder text = new StringBuilder("[client]\n");
        if (endpoint.user() != null) {
            text.append("user=").append(optionValue(endpoint.user().toCharArray())).append('\n');
        }
        char[] password = endpoint.password();
        if (password != null) {
            text.append("password=").append(optionValue(password)).append('\n');
            Arrays.fill(password, '\0');
        }
        char[] content = new char[text.length()];
        text.getChars(0, text.length(), content, 0);
        for (int i = 0; i < text.length(); i++) {
            text.setCharAt(i, '\0');
        }
        try {
            return SecretFile.create(tempDir, "backline-my-", content);
        } finally {
            Arrays.fill(content, '\0');
        }
    }

    /** A double-quoted option-file value with {@code \\}, {@code \n}, {@code \r} and {@code \t} escaped. */
    static String optionValue(char[] value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * The arguments every tool gets, the defaults file first (the tools require it there): host, port and TCP,
     * so that {@code localhost} does not silently mean a Unix socket.
     */
    public static List<String> connectionArguments(SecretFile defaultsFile, Endpoint endpoint) {
        List<String> args = new ArrayList<>();
        args.add("--defaults-extra-file=" + defaultsFile.path());
        args.add("--host=" + endpoint.host());
        args.add("--port=" + endpoint.port());
        args.add("--protocol=TCP");
        args.add("--default-character-set=utf8mb4");
        return args;
    }

    /** The spec, with {@code MYSQL_PWD} removed from the inherited environment. */
    public static ProcessSpec spec(List<String> argv) {
        return new ProcessSpec(argv, java.util.Map.of(), java.util.Set.of("MYSQL_PWD"));
    }
}
