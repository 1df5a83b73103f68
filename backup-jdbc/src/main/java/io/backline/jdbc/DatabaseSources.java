package io.backline.jdbc;

import static io.backline.jdbc.Given.ifGiven;

import io.backline.core.spi.BackupSource;
import java.util.Locale;
import java.util.Objects;

/**
 * Makes a database {@link BackupSource} from a URL, choosing the implementation by scheme:
 * {@code jdbc:postgresql:}, {@code postgresql://}, {@code postgres://} → {@link PostgresSource};
 * {@code jdbc:mysql:}, {@code jdbc:mariadb:}, {@code mysql://}, {@code mariadb://} → {@link MySqlSource};
 * {@code jdbc:h2:} → {@link H2Source}; {@code jdbc:sqlite:} → {@link SqliteSource}. Sources made here use the
 * defaults (name derived from the database, tools searched on {@code PATH}); use the builders for more.
 */
public final class DatabaseSources {
    private DatabaseSources() {
    }

    /** A source for {@code url}, with any credentials it holds. */
    public static BackupSource fromUrl(String url) {
        return fromUrl(url, null, null);
    }

    /**
     * A source for {@code url} with a user and password given apart from it (either may be null).
     *
     * @throws IllegalArgumentException for an unknown scheme (the message never repeats a password)
     */
    public static BackupSource fromUrl(String url, String user, char[] password) {
        return fromUrl(null, url, user, password);
    }

    /**
     * A source named {@code name} (null: derived from the database) for {@code url}, with a user and password given
     * apart from it (either may be null).
     *
     * @throws IllegalArgumentException for an unknown scheme (the message never repeats a password)
     */
    public static BackupSource fromUrl(String name, String url, String user, char[] password) {
        Objects.requireNonNull(url, "url");
        boolean jdbc = url.toLowerCase(Locale.ROOT).startsWith("jdbc:");
        return switch (DatabaseScheme.of(url)) {
            case POSTGRESQL -> {
                PostgresSource.Builder builder = jdbc ? PostgresSource.builder().jdbcUrl(url)
                        : PostgresSource.builder().url(url);
                ifGiven(name, builder::name);
                ifGiven(user, builder::user);
                ifGiven(password, builder::password);
                yield builder.build();
            }
            case MYSQL -> {
                MySqlSource.Builder builder = jdbc ? MySqlSource.builder().jdbcUrl(url) : MySqlSource.builder().url(url);
                ifGiven(name, builder::name);
                ifGiven(user, builder::user);
                ifGiven(password, builder::password);
                yield builder.build();
            }
            case H2 -> {
                H2Source.Builder builder = H2Source.builder().jdbcUrl(url);
                ifGiven(name, builder::name);
                ifGiven(user, builder::user);
                ifGiven(password, builder::password);
                yield builder.build();
            }
            case SQLITE -> {
                SqliteSource.Builder builder = SqliteSource.builder().jdbcUrl(url);
                ifGiven(name, builder::name);
                yield builder.build();
            }
        };
    }
}
