package io.backline.jdbc;

import io.backline.jdbc.internal.Endpoint;
import io.backline.jdbc.internal.Secrets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A database server on which restore drills create and drop scratch databases: where it is, who connects (the
 * password kept inside the {@link Endpoint}, never printed) and, optionally, where its client tools are.
 */
final class ScratchServer {
    private final Endpoint endpoint;
    private final Path toolDirectory;

    private ScratchServer(Endpoint endpoint, Path toolDirectory) {
        this.endpoint = endpoint;
        this.toolDirectory = toolDirectory;
    }

    /**
     * Parses {@code url} as a server of {@code family}; {@code user} and {@code password} (copied), when given,
     * replace those in the URL.
     *
     * @throws IllegalArgumentException the URL is not of that family or malformed (the message masks passwords)
     */
    static ScratchServer of(String url, Endpoint.Family family, String user, char[] password) {
        Objects.requireNonNull(url, "url");
        Endpoint endpoint = Endpoint.parse(url);
        if (endpoint.family() != family) {
            throw new IllegalArgumentException("needs a " + (family == Endpoint.Family.POSTGRESQL ? "PostgreSQL"
                    : "MySQL/MariaDB") + " server URL, not " + Secrets.maskUrl(url));
        }
        return new ScratchServer(endpoint.withUser(user).withPassword(password), null);
    }

    /** A copy whose tools are looked for in {@code directory} only (unchanged when null). */
    ScratchServer withToolDirectory(Path directory) {
        return directory == null ? this : new ScratchServer(endpoint, directory);
    }

    /** The server and credentials, with the database the URL named (if any). */
    Endpoint endpoint() {
        return endpoint;
    }

    /** The configured tool directory, or null to search the usual places. */
    Path toolDirectory() {
        return toolDirectory;
    }

    /** The user, or null. */
    String user() {
        return endpoint.user();
    }

    /** Hands a copy of the password (if any) to {@code use} and wipes the copy afterwards. */
    void withPassword(java.util.function.Consumer<char[]> use) {
        char[] password = endpoint.password();
        if (password == null) {
            return;
        }
        try {
            use.accept(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** {@code postgresql://user@host:5432} or {@code mysql://user@host:3306}: no database, no password. */
    String describe() {
        String text = endpoint.withDatabase(null).describe();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public String toString() {
        return "ScratchServer[" + describe() + "]";
    }
}
