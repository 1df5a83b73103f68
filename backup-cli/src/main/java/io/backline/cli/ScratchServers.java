package io.backline.cli;

import io.backline.jdbc.ScratchDatabases;
import io.backline.verify.spi.ScratchTargets;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code --scratch-db} URLs into scratch targets; embedded SQLite and H2 drills need no server. The password,
 * when the URL holds none, comes from {@code BACKLINE_DB_PASSWORD}.
 */
final class ScratchServers {
    private ScratchServers() {
    }

    static List<ScratchTargets> targets(List<String> servers, String user) {
        ScratchDatabases.Builder builder = ScratchDatabases.builder().embedded(true);
        String fromEnv = System.getenv(DatabaseCredentials.PASSWORD_VARIABLE);
        char[] password = fromEnv == null || fromEnv.isEmpty() ? null : fromEnv.toCharArray();
        for (String url : servers) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("jdbc:postgresql:") || lower.startsWith("postgresql://")
                    || lower.startsWith("postgres://")) {
                builder.postgres(url, user, password);
            } else if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")
                    || lower.startsWith("mysql://") || lower.startsWith("mariadb://")) {
                builder.mysql(url, user, password);
            } else {
                throw new IllegalArgumentException("--scratch-db needs a PostgreSQL or MySQL/MariaDB server URL, not '"
                        + url.replaceAll("://[^@/]*@", "://…@") + "'");
            }
        }
        return List.of(builder.build());
    }
}
