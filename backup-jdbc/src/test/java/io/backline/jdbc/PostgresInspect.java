package io.backline.jdbc;

import io.backline.jdbc.internal.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Looks at PostgreSQL databases the way the fidelity tests compare them. */
final class PostgresInspect {
    private PostgresInspect() {
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PostgresInspect.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The stock-tool argument list to reach {@code database} on the server of {@code serverUrl}. */
    static List<String> connectionArgs(String serverUrl, String database) {
        Endpoint endpoint = Endpoint.parse(serverUrl);
        List<String> args = new ArrayList<>(List.of("-h", endpoint.host(), "-p", String.valueOf(endpoint.port())));
        if (endpoint.user() != null) {
            args.addAll(List.of("-U", endpoint.user()));
        }
        args.addAll(List.of("-w", "-d", database));
        return args;
    }

    /** {@code pg_dump --schema-only} without comments, restrict keys and blank lines. */
    static String normalizedSchema(String serverUrl, String database) {
        List<String> command = new ArrayList<>(List.of("pg_dump", "--schema-only"));
        command.addAll(connectionArgs(serverUrl, database));
        String dump = Commands.run(command, null).assertSuccess().stdout();
        return dump.lines()
                .filter(line -> !line.startsWith("--"))
                .filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                .filter(line -> !line.isBlank())
                .collect(Collectors.joining("\n"));
    }

    /**
     * An ordered checksum of every row of every table and materialized view, and the state of every sequence,
     * keyed by qualified name.
     */
    static Map<String, String> checksums(Connection connection) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        List<String[]> relations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT n.nspname, c.relname, c.relkind FROM pg_class c
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                       AND n.nspname NOT LIKE 'pg_toast%'
                     ORDER BY 1, 2""")) {
            while (rows.next()) {
                relations.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String[] relation : relations) {
                String qualified = "\"" + relation[0] + "\".\"" + relation[1] + "\"";
                String sql = relation[2].equals("S")
                        ? "SELECT last_value || ',' || is_called FROM " + qualified
                        : "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                                + " FROM ONLY " + qualified + " t";
                if (relation[2].equals("m")) {
                    sql = sql.replace(" FROM ONLY ", " FROM ");
                }
                try (ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    sums.put(relation[0] + "." + relation[1], rows.getString(1));
                }
            }
        }
        return sums;
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
