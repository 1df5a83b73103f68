package io.backline.jdbc;

import static io.backline.jdbc.Given.ifGiven;

import io.backline.core.spi.RestoreTarget;
import java.util.Locale;
import java.util.Objects;

/**
 * Makes a database {@link RestoreTarget} from a URL and an explicit {@link RestoreMode}, choosing the
 * implementation by scheme as {@link DatabaseSources} does. The URL names the database (or file) to restore into.
 */
public final class DatabaseTargets {
    private DatabaseTargets() {
    }

    public static RestoreTarget fromUrl(String url, RestoreMode mode) {
        return fromUrl(url, null, null, mode);
    }

    /**
     * A target for {@code url} with a user and password given apart from it (either may be null).
     *
     * @throws IllegalArgumentException for an unknown scheme
     * @throws IllegalStateException    for a mode the database does not support (SAFE_REPLACE on H2)
     */
    public static RestoreTarget fromUrl(String url, String user, char[] password, RestoreMode mode) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(mode, "mode");
        boolean jdbc = url.toLowerCase(Locale.ROOT).startsWith("jdbc:");
        return switch (DatabaseScheme.of(url)) {
            case POSTGRESQL -> {
                PostgresTarget.Builder builder = jdbc ? PostgresTarget.builder().jdbcUrl(url)
                        : PostgresTarget.builder().url(url);
                ifGiven(user, builder::user);
                ifGiven(password, builder::password);
                yield builder.mode(mode).build();
            }
            case MYSQL -> {
                MySqlTarget.Builder builder = jdbc ? MySqlTarget.builder().jdbcUrl(url) : MySqlTarget.builder().url(url);
                ifGiven(user, builder::user);
                ifGiven(password, builder::password);
                yield builder.mode(mode).build();
            }
            case H2 -> {
                H2Target.Builder builder = H2Target.builder().jdbcUrl(url);
                ifGiven(user, builder::user);
                ifGiven(password, builder::password);
                yield builder.mode(mode).build();
            }
            case SQLITE -> SqliteTarget.builder().jdbcUrl(url).mode(mode).build();
        };
    }
}
