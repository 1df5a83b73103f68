package io.backline.jdbc;

import io.backline.jdbc.internal.Secrets;
import java.util.Locale;

/** The database families Backline recognises in a URL. */
enum DatabaseScheme {
    POSTGRESQL, MYSQL, H2, SQLITE;

    static DatabaseScheme of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:") || lower.startsWith("postgresql://")
                || lower.startsWith("postgres://")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:") || lower.startsWith("mysql://")
                || lower.startsWith("mariadb://")) {
            return MYSQL;
        }
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalArgumentException("unsupported database URL " + Secrets.maskUrl(url) + "; use jdbc:postgresql:,"
                + " postgresql://, jdbc:mysql:, jdbc:mariadb:, mysql://, mariadb://, jdbc:h2: or jdbc:sqlite:");
    }
}
