package io.backline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The database user and password: {@code --user}, and the password from {@code --password-file FILE} or the
 * {@code BACKLINE_DB_PASSWORD} variable (never from the command line), or from the URL itself.
 */
final class DatabaseCredentials {
    static final String PASSWORD_VARIABLE = "BACKLINE_DB_PASSWORD";

    @Option(names = "--user", paramLabel = "USER", description = "Database user (or in the URL).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the database password from FILE (or set BACKLINE_DB_PASSWORD).")
    Path passwordFile;

    /** The password, or null when none was given apart from the URL. The caller wipes it. */
    char[] password() {
        if (passwordFile != null) {
            return Secrets.readFirstLine(passwordFile);
        }
        String fromEnv = System.getenv(PASSWORD_VARIABLE);
        return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv.toCharArray();
    }
}
