package io.backline.jdbc.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version number as tools and servers print it ({@code 15.20}, {@code 10.11.19-MariaDB}), reduced to what
 * compatibility checks compare: major and minor.
 */
public record ToolVersion(String text, int major, int minor) implements Comparable<ToolVersion> {
    private static final Pattern POSTGRES_TOOL = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?[^\\s]*");
    private static final Pattern MARIADB = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?-MariaDB");
    private static final Pattern MYSQL_VER = Pattern.compile("Ver\\s+(\\d+)\\.(\\d+)(?:\\.\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)?");

    /** Parses the first line of {@code pg_dump --version}, e.g. {@code pg_dump (PostgreSQL) 15.20 (Debian …)}. */
    public static Optional<ToolVersion> ofPostgresTool(String versionOutput) {
        return match(POSTGRES_TOOL, versionOutput);
    }

    /**
     * Parses {@code mysqldump --version} or {@code mariadb-dump --version}: the server distribution version for
     * MariaDB builds ({@code Distrib 10.11.19-MariaDB}, {@code from 11.4.2-MariaDB}), else {@code Ver 8.0.36}.
     */
    public static Optional<ToolVersion> ofMySqlTool(String versionOutput) {
        Optional<ToolVersion> mariadb = match(MARIADB, versionOutput);
        return mariadb.isPresent() ? mariadb : match(MYSQL_VER, versionOutput);
    }

    /** Parses a server version string such as {@code 15.4}, {@code 10.11.19-MariaDB-0+deb12u1} or {@code 8.0.36}. */
    public static Optional<ToolVersion> ofServer(String version) {
        return match(PLAIN, version);
    }

    private static Optional<ToolVersion> match(Pattern pattern, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String whole = m.group();
        int space = whole.lastIndexOf(' ');
        String shown = space >= 0 && whole.startsWith("(") ? whole.substring(space + 1) : whole;
        if (shown.startsWith("Ver")) {
            shown = shown.substring(3).strip();
        }
        return Optional.of(new ToolVersion(shown, major, minor));
    }

    @Override
    public int compareTo(ToolVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return text;
    }
}
