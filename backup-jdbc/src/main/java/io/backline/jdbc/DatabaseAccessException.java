package io.backline.jdbc;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import java.util.Optional;

/**
 * Backline could not use a database over JDBC: wrong credentials, an unreachable or unknown host, a database that
 * does not exist, a JDBC driver missing from the classpath, or another SQL error. Raised before any payload byte is
 * written when the problem shows at connection time. The message names the server (never a password) and the
 * problem; {@link #problem()} tells programs which one it was.
 *
 * <p>The error code is {@link ErrorCode#DATABASE_UNAVAILABLE} (retryable) when the server could not be reached and
 * {@link ErrorCode#DATABASE_ACCESS} otherwise, at stage {@link Stage#SOURCE} for a backup and {@link Stage#RESTORE}
 * for a restore.
 */
public final class DatabaseAccessException extends BackupException {
    /** What kind of problem it was. */
    public enum Problem {
        /** The server refused the user or password. */
        AUTHENTICATION,
        /** The host is unknown, refuses connections or does not answer in time. */
        UNREACHABLE,
        /** The server has no database of that name. */
        DATABASE_MISSING,
        /** No JDBC driver for the URL is on the classpath. */
        DRIVER_MISSING,
        /** Any other SQL error. */
        OTHER
    }

    private final Problem problem;
    private final String sqlState;

    public DatabaseAccessException(Problem problem, String sqlState, String backupRef, Stage stage, String reason,
                                   Throwable cause) {
        super(problem == Problem.UNREACHABLE ? ErrorCode.DATABASE_UNAVAILABLE : ErrorCode.DATABASE_ACCESS, backupRef,
                stage, reason, cause);
        this.problem = problem;
        this.sqlState = sqlState;
    }

    /** What kind of problem it was. */
    public Problem problem() {
        return problem;
    }

    /** The SQLSTATE the driver reported, when there was one. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
