package io.backline.jdbc.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What tool a job needs: candidate executable names in order of preference, how to read their version, which
 * flavour fits (MariaDB's client for a MariaDB server) and the lowest acceptable version.
 *
 * @param names     executable names, preferred first
 * @param purpose   for messages, e.g. "PostgreSQL server 15.20"
 * @param parser    reads a version from {@code --version} output
 * @param fits      accepts the {@code --version} output of a suitable flavour
 * @param minimum   the lowest acceptable major version
 * @param hint      how to get a fitting tool, for messages
 */
public record ToolRequirement(List<String> names, String purpose, Function<String, Optional<ToolVersion>> parser,
                              Predicate<String> fits, int minimum, String hint) {
    public ToolRequirement {
        names = List.copyOf(names);
    }

    /** The tool's generic name for messages: {@code pg_dump} or {@code mariadb-dump/mysqldump}. */
    public String displayName() {
        return String.join("/", names);
    }
}
