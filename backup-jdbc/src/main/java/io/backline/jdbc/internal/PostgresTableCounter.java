package io.backline.jdbc.internal;

import io.backline.core.manifest.BackupManifest.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the ordinary tables {@code pg_dump} writes data for under a {@link TableFilter} and counts their rows in the
 * caller's transaction (so, in the exported snapshot, exactly). Partitioned parents hold no rows themselves: their
 * partitions are listed instead. System schemas and tables that belong to extensions are left out, like
 * {@code pg_dump} does.
 */
public final class PostgresTableCounter {
    private PostgresTableCounter() {
    }

    /** The selected tables, ordered by schema and name. */
    public static List<String[]> tables(Connection connection, TableFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT n.nspname, c.relname FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r'
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
                  AND c.relpersistence <> 't'
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                    AND d.deptype = 'e')
                """);
        List<String> args = new ArrayList<>();
        if (!filter.includeTables().isEmpty()) {
            sql.append(" AND (").append(tableMatch(filter.includeTables(), args)).append(')');
        } else {
            if (!filter.includeSchemas().isEmpty()) {
                sql.append(" AND (").append(schemaMatch(filter.includeSchemas(), args)).append(')');
            }
            if (!filter.excludeSchemas().isEmpty()) {
                sql.append(" AND NOT (").append(schemaMatch(filter.excludeSchemas(), args)).append(')');
            }
        }
        if (!filter.excludeTables().isEmpty()) {
            sql.append(" AND NOT (").append(tableMatch(filter.excludeTables(), args)).append(')');
        }
        sql.append(" ORDER BY n.nspname, c.relname");
        List<String[]> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                statement.setString(i + 1, args.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        return tables;
    }

    private static String schemaMatch(List<String> patterns, List<String> args) {
        List<String> terms = new ArrayList<>();
        for (String pattern : patterns) {
            terms.add("n.nspname ~ ?");
            args.add(PgPattern.schema(pattern));
        }
        return String.join(" OR ", terms);
    }

    private static String tableMatch(List<String> patterns, List<String> args) {
        List<String> terms = new ArrayList<>();
        for (String pattern : patterns) {
            PgPattern parsed = PgPattern.table(pattern);
            if (parsed.schemaRegex() == null) {
                terms.add("(c.relname ~ ? AND pg_catalog.pg_table_is_visible(c.oid))");
                args.add(parsed.nameRegex());
            } else {
                terms.add("(n.nspname ~ ? AND c.relname ~ ?)");
                args.add(parsed.schemaRegex());
                args.add(parsed.nameRegex());
            }
        }
        return String.join(" OR ", terms);
    }

    /** Counts the rows of each selected table in the caller's transaction. */
    public static List<TableInfo> count(Connection connection, TableFilter filter) throws SQLException {
        List<TableInfo> counted = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String[] table : tables(connection, filter)) {
                counted.add(new TableInfo(table[0], table[1], countRows(statement, table[0], table[1]), true));
            }
        }
        return counted;
    }

    /** {@code SELECT count(*) FROM ONLY schema.table}. */
    public static long countRows(Statement statement, String schema, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM ONLY "
                + JdbcSupport.quoteDouble(schema) + "." + JdbcSupport.quoteDouble(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
