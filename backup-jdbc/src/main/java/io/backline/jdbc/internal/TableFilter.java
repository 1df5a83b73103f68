package io.backline.jdbc.internal;

import java.util.List;

/**
 * Which schemas and tables a dump includes or excludes, as {@code pg_dump}/{@code psql} patterns ({@code *},
 * {@code ?}, {@code schema.table}, double quotes for exact case) or, for MySQL, plain table names.
 */
public record TableFilter(List<String> includeSchemas, List<String> excludeSchemas, List<String> includeTables,
                          List<String> excludeTables) {
    public static final TableFilter ALL = new TableFilter(List.of(), List.of(), List.of(), List.of());

    public TableFilter {
        includeSchemas = List.copyOf(includeSchemas);
        excludeSchemas = List.copyOf(excludeSchemas);
        includeTables = List.copyOf(includeTables);
        excludeTables = List.copyOf(excludeTables);
    }

    public boolean isEmpty() {
        return includeSchemas.isEmpty() && excludeSchemas.isEmpty() && includeTables.isEmpty()
                && excludeTables.isEmpty();
    }
}
