package io.backline.jdbc.internal;

import io.backline.core.Stage;
import io.backline.jdbc.DatabaseAccessException;
import io.backline.jdbc.DatabaseAccessException.Problem;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections and turns SQL errors into {@link DatabaseAccessException}s without secrets. */
public final class JdbcSupport {
    private JdbcSupport() {
    }

    /**
     * Opens a connection.
     *
     * @param url        a URL without credentials
     * @param properties user, password and driver options
     * @param what       the server and database as shown in messages
     */
    public static Connection open(String url, Properties properties, String what, char[] password, String backupRef,
                                  Stage stage) {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw failure(e, "could not connect to " + what, password, backupRef, stage);
        }
    }

    /** Classifies {@code e} and wraps it with {@code doing} as context; the password is masked out of the text. */
    public static DatabaseAccessException failure(SQLException e, String doing, char[] password, String backupRef,
                                                  Stage stage) {
        Problem problem = classify(e);
        String detail = Secrets.mask(String.valueOf(e.getMessage()), password);
        String lead = switch (problem) {
            case AUTHENTICATION -> "authentication failed";
            case UNREACHABLE -> "server unreachable";
            case DATABASE_MISSING -> "database does not exist";
            case DRIVER_MISSING -> "no JDBC driver for this URL on the classpath (add the driver dependency)";
            case OTHER -> "SQL error";
        };
        return new DatabaseAccessException(problem, e.getSQLState(), backupRef, stage,
                doing + ": " + lead + ": " + detail, sanitizedCause(e, password));
    }

    private static Throwable sanitizedCause(SQLException e, char[] password) {
        if (password == null || password.length == 0) {
            return e;
        }
        String text = String.valueOf(e.getMessage());
        if (!text.contains(new String(password))) {
            return e;
        }
        SQLException clean = new SQLException(Secrets.mask(text, password), e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    static Problem classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("No suitable driver")) {
            return Problem.DRIVER_MISSING;
        }
        if (state.startsWith("28") || e.getErrorCode() == 1045 || e.getErrorCode() == 1044) {
            return Problem.AUTHENTICATION;
        }
        if (state.equals("3D000") || e.getErrorCode() == 1049 || state.equals("90146")) {
            return Problem.DATABASE_MISSING;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return Problem.UNREACHABLE;
            }
        }
        if (state.startsWith("08")) {
            return Problem.UNREACHABLE;
        }
        return Problem.OTHER;
    }

    /** Quotes an identifier with double quotes (PostgreSQL, H2, SQLite). */
    public static String quoteDouble(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes an identifier with backticks (MySQL, MariaDB). */
    public static String quoteBacktick(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
