package io.backline.jdbc;

import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.spi.RestoreTarget;
import io.backline.jdbc.internal.EmbeddedJdbc;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One drill's in-memory H2 database, {@code jdbc:h2:mem:backline_verify_<id>}, private to this JVM. An in-memory H2
 * database lives as long as a connection to it is open, so this scratch place holds one from {@link #create} to
 * {@link #close()}; {@link H2Target} ({@code CREATE_NEW}) runs the script into it, {@link #inspect()} counts each
 * table's rows, and {@link #close()} shuts the database down, which discards it.
 */
final class H2Scratch implements ScratchTarget {
    private static final String USER = "sa";

    private final String url;
    private final String ref;
    private final Connection keeper;
    private final H2Target target;
    private boolean closed;

    private H2Scratch(String url, String ref, Connection keeper) {
        this.url = url;
        this.ref = ref;
        this.keeper = keeper;
        this.target = H2Target.builder().jdbcUrl(url).user(USER).mode(RestoreMode.CREATE_NEW).build();
    }

    /** Opens the in-memory database, refusing one that already holds tables (a drill of the same backup). */
    static H2Scratch create(String name, ScratchContext context) {
        String url = "jdbc:h2:mem:" + name;
        String ref = context.backupRef();
        Connection keeper = EmbeddedJdbc.open(url, USER, null, url, ref, Stage.RESTORE);
        try {
            long objects = userObjects(keeper);
            if (objects > 0) {
                throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "the in-memory"
                        + " H2 database " + url + " already holds " + objects + " tables or views (a drill of this"
                        + " backup is running in this JVM); it is left alone");
            }
            return new H2Scratch(url, ref, keeper);
        } catch (SQLException | RuntimeException e) {
            try {
                keeper.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException sql) {
                throw JdbcSupport.failure(sql, "could not open " + url, null, ref, Stage.RESTORE);
            }
            throw (RuntimeException) e;
        }
    }

    private static long userObjects(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public String describe() {
        return "in-memory H2 database " + url;
    }

    @Override
    public RestoreTarget restoreTarget() {
        requireOpen();
        return target;
    }

    @Override
    public ScratchContents inspect() {
        requireOpen();
        try {
            return ScratchTables.of(EmbeddedJdbc.h2Tables(keeper));
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not count the rows in " + describe(), null, ref, Stage.RESTORE);
        }
    }

    /** Shuts the in-memory database down, discarding it; does nothing the second time. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (!keeper.isClosed()) {
                try (Statement statement = keeper.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            }
            closed = true;
        } catch (SQLException e) {
            throw new IOException("could not shut down " + describe() + ": " + e.getMessage(), e);
        } finally {
            try {
                keeper.close();
            } catch (SQLException e) {
                // Shut down already; nothing is left to release.
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " was closed; a scratch place serves one drill");
        }
    }

    @Override
    public String toString() {
        return "H2Scratch[" + url + "]";
    }
}
