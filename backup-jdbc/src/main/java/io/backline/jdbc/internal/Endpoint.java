package io.backline.jdbc.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A network database server and database, parsed from a JDBC URL ({@code jdbc:postgresql://…},
 * {@code jdbc:mysql://…}, {@code jdbc:mariadb://…}) or a URI ({@code postgresql://user:pw@host:5432/db},
 * {@code mysql://…}). Credentials found in the URL are kept apart from the other parameters so that nothing that
 * prints an endpoint can print them; {@link #toString()} never shows the password.
 */
public final class Endpoint {
    /** The server family. */
    public enum Family {
        POSTGRESQL(5432, "postgresql"), MYSQL(3306, "mysql");

        final int defaultPort;
        final String uriScheme;

        Family(int defaultPort, String uriScheme) {
            this.defaultPort = defaultPort;
            this.uriScheme = uriScheme;
        }
    }

    private final Family family;
    private final String scheme;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final char[] password;
    private final Map<String, String> parameters;

    private Endpoint(Family family, String scheme, String host, int port, String database, String user,
                     char[] password, Map<String, String> parameters) {
        this.family = family;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password == null ? null : password.clone();
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * Parses {@code url}. Accepted: {@code jdbc:postgresql://host[:port][/db][?k=v…]}, {@code postgresql://} and
     * {@code postgres://} URIs with optional {@code user[:password]@}, and the same for {@code jdbc:mysql},
     * {@code jdbc:mariadb}, {@code mysql://}, {@code mariadb://}.
     *
     * @throws IllegalArgumentException naming what is wrong (the message never repeats a password)
     */
    public static Endpoint parse(String url) {
        Objects.requireNonNull(url, "url");
        String lower = url.toLowerCase(Locale.ROOT);
        Family family;
        String scheme;
        String rest;
        if (lower.startsWith("jdbc:postgresql:")) {
            family = Family.POSTGRESQL;
            scheme = "jdbc:postgresql";
            rest = url.substring("jdbc:postgresql:".length());
        } else if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            family = Family.POSTGRESQL;
            scheme = "postgresql";
            rest = url.substring(url.indexOf(':') + 1);
        } else if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            family = Family.MYSQL;
            scheme = lower.startsWith("jdbc:mysql:") ? "jdbc:mysql" : "jdbc:mariadb";
            rest = url.substring(scheme.length() + 1);
        } else if (lower.startsWith("mysql://") || lower.startsWith("mariadb://")) {
            family = Family.MYSQL;
            scheme = lower.startsWith("mysql://") ? "mysql" : "mariadb";
            rest = url.substring(scheme.length() + 1);
        } else {
            throw new IllegalArgumentException("not a PostgreSQL or MySQL/MariaDB URL: " + Secrets.maskUrl(url));
        }
        return parseRest(family, scheme, rest, url);
    }

    private static Endpoint parseRest(Family family, String scheme, String rest, String original) {
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String user = null;
        char[] password = null;
        String host = "localhost";
        int port = family.defaultPort;
        String database = null;
        if (rest.startsWith("//")) {
            String authorityAndPath = rest.substring(2);
            int slash = authorityAndPath.indexOf('/');
            String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
            String path = slash < 0 ? "" : authorityAndPath.substring(slash + 1);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                if (colon >= 0) {
                    password = decode(userInfo.substring(colon + 1)).toCharArray();
                }
            }
            if (authority.contains(",")) {
                throw new IllegalArgumentException("several hosts are not supported, use one: "
                        + Secrets.maskUrl(original));
            }
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed IPv6 address in " + Secrets.maskUrl(original));
                }
                host = authority.substring(1, close);
                String after = authority.substring(close + 1);
                if (after.startsWith(":")) {
                    port = parsePort(after.substring(1), original);
                }
            } else if (!authority.isEmpty()) {
                int colon = authority.lastIndexOf(':');
                host = colon < 0 ? authority : authority.substring(0, colon);
                if (colon >= 0) {
                    port = parsePort(authority.substring(colon + 1), original);
                }
            }
            if (!path.isEmpty()) {
                database = decode(path);
            }
        } else if (!rest.isEmpty()) {
            database = decode(rest);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (key.equalsIgnoreCase("user")) {
                user = value;
            } else if (key.equalsIgnoreCase("password")) {
                password = value.toCharArray();
            } else {
                parameters.put(key, value);
            }
        }
        return new Endpoint(family, scheme, host, port, database, user, password, parameters);
    }

    private static int parsePort(String text, String original) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port needs to be a number from 1 to 65535, not '" + text + "' in "
                    + Secrets.maskUrl(original));
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Family family() {
        return family;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The database, or null when the URL names none. */
    public String database() {
        return database;
    }

    /** The user, or null. */
    public String user() {
        return user;
    }

    /** A copy of the password, or null. */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    /** Whether a non-empty password is known. */
    public boolean hasPassword() {
        return password != null && password.length > 0;
    }

    /** Non-secret URL parameters such as {@code sslmode}. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** A copy with another database. */
    public Endpoint withDatabase(String newDatabase) {
        return new Endpoint(family, scheme, host, port, newDatabase, user, password, parameters);
    }

    /** A copy with the user replaced when {@code newUser} is not null. */
    public Endpoint withUser(String newUser) {
        return newUser == null ? this
                : new Endpoint(family, scheme, host, port, database, newUser, password, parameters);
    }

    /** A copy with the password replaced when {@code newPassword} is not null. */
    public Endpoint withPassword(char[] newPassword) {
        return newPassword == null ? this
                : new Endpoint(family, scheme, host, port, database, user, newPassword, parameters);
    }

    /**
     * The JDBC URL without credentials, e.g. {@code jdbc:postgresql://h:5432/db?sslmode=require}; for the MySQL
     * family the scheme is {@code jdbcScheme}.
     */
    public String jdbcUrl(String jdbcScheme) {
        StringBuilder url = new StringBuilder(jdbcScheme).append("://").append(hostForUrl()).append(':').append(port)
                .append('/');
        if (database != null) {
            url.append(encode(database));
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
        return url.append(query).toString();
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** A description without credentials: {@code postgresql://user@host:5432/db}. */
    public String describe() {
        StringBuilder text = new StringBuilder(family.uriScheme).append("://");
        if (user != null && !user.isEmpty()) {
            text.append(encode(user)).append('@');
        }
        text.append(hostForUrl()).append(':').append(port).append('/');
        if (database != null) {
            text.append(database);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
