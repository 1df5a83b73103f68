package io.backline.jdbc.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads H2 and SQLite JDBC URLs: the file they point at, a name for the source. */
public final class EmbeddedUrls {
    private EmbeddedUrls() {
    }

    /** The database file of {@code jdbc:sqlite:PATH} (query parameters removed), or empty for in-memory. */
    public static Optional<Path> sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(rest));
    }

    /**
     * The database path of an H2 URL without its settings ({@code jdbc:h2:file:/x/db;MODE=…} gives {@code /x/db}),
     * or empty for {@code mem:} and server URLs.
     */
    public static Optional<Path> h2File(String url) {
        String rest = h2Name(url);
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (lower.startsWith("nio:") || lower.startsWith("split:")) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(Path.of(rest));
    }

    /** What follows {@code jdbc:h2:} up to the first {@code ;}. */
    public static String h2Name(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        return semicolon < 0 ? rest : rest.substring(0, semicolon);
    }

    /** A source name from the last path segment without extension. */
    public static String nameOf(String pathOrName) {
        String base = pathOrName.replace('\\', '/');
        int slash = base.lastIndexOf('/');
        base = slash < 0 ? base : base.substring(slash + 1);
        int colon = base.lastIndexOf(':');
        base = colon < 0 ? base : base.substring(colon + 1);
        int dot = base.indexOf('.');
        return SourceNames.derive(dot <= 0 ? base : base.substring(0, dot));
    }
}
