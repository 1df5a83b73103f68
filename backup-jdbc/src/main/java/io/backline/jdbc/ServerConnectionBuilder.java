package io.backline.jdbc;

import io.backline.jdbc.internal.Endpoint;
import io.backline.jdbc.internal.ProcessLauncher;
import io.backline.jdbc.internal.ToolSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the builders of PostgreSQL and MySQL/MariaDB sources and targets share: where the server and database are
 * (a JDBC URL or a libpq/MySQL URI), who connects ({@link #user(String)} and {@link #password(char[])} override what
 * the URL holds) and which client tools run. Passwords are copied and never shown.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ServerConnectionBuilder<B extends ServerConnectionBuilder<B>> {
    private final Endpoint.Family family;
    private String url;
    private String user;
    private char[] password;
    private ToolSettings tools = ToolSettings.defaults();

    ServerConnectionBuilder(Endpoint.Family family) {
        this.family = family;
    }

    /**
     * {@code jdbc:postgresql://host[:port]/db[?user=…&password=…&sslmode=…]}, or {@code jdbc:mysql://…/db} /
     * {@code jdbc:mariadb://…/db}, as the builder's database family takes.
     */
    public B jdbcUrl(String jdbcUrl) {
        String lower = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        boolean matches = family == Endpoint.Family.POSTGRESQL ? lower.startsWith("jdbc:postgresql:")
                : lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:");
        if (!matches) {
            throw new IllegalArgumentException("jdbcUrl needs to start with " + (family == Endpoint.Family.POSTGRESQL
                    ? "jdbc:postgresql:" : "jdbc:mysql: or jdbc:mariadb:"));
        }
        this.url = jdbcUrl;
        return self();
    }

    /** A libpq URI {@code postgresql://user[:password]@host[:port]/db[?sslmode=…]}, or {@code mysql://…}. */
    public B url(String uri) {
        Endpoint parsed = Endpoint.parse(Objects.requireNonNull(uri, "url"));
        if (parsed.family() != family) {
            throw new IllegalArgumentException("url needs to be a " + (family == Endpoint.Family.POSTGRESQL
                    ? "PostgreSQL" : "MySQL or MariaDB") + " URL, not " + parsed.describe());
        }
        this.url = uri;
        return self();
    }

    /** The user, overriding the URL's. */
    public B user(String user) {
        this.user = Objects.requireNonNull(user, "user");
        return self();
    }

    /** The password, overriding the URL's; the array is copied. */
    public B password(char[] password) {
        this.password = Objects.requireNonNull(password, "password").clone();
        return self();
    }

    /** The password, overriding the URL's. */
    public B password(String password) {
        return password(Objects.requireNonNull(password, "password").toCharArray());
    }

    /** The directory holding the client tools to use; when set, no other place is searched. */
    public B toolDirectory(Path directory) {
        this.tools = tools.withToolDirectory(Objects.requireNonNull(directory, "directory"));
        return self();
    }

    /** For tests: the directories searched when no tool directory is set. */
    B toolSearchPath(List<Path> directories) {
        this.tools = tools.withSearchPath(directories);
        return self();
    }

    /** For tests: how tools are started. */
    B processLauncher(ProcessLauncher launcher) {
        this.tools = tools.withLauncher(Objects.requireNonNull(launcher, "launcher"));
        return self();
    }

    /**
     * The endpoint the settings describe.
     *
     * @param what what is being built, for the message when no URL was given ("a PostgreSQL source")
     */
    Endpoint endpoint(String what) {
        if (url == null) {
            throw new IllegalStateException(what + " needs jdbcUrl(…) or url(…)");
        }
        return Endpoint.parse(url).withUser(user).withPassword(password);
    }

    ToolSettings tools() {
        return tools;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
