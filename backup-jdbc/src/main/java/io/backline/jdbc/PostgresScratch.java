package io.backline.jdbc;

import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.spi.RestoreTarget;
import io.backline.jdbc.internal.Endpoint;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.PostgresAdmin;
import io.backline.jdbc.internal.PostgresClient;
import io.backline.jdbc.internal.PostgresTableCounter;
import io.backline.jdbc.internal.TableFilter;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One drill's scratch database on a PostgreSQL server. {@link PostgresTarget} ({@code CREATE_NEW},
 * {@code --no-owner --no-privileges}, no row-count check of its own) creates and fills it; {@link #inspect()} counts
 * the rows of every ordinary table ({@code count(*) FROM ONLY}, partitions counted, partitioned parents not, as the
 * manifest records them); {@link #close()} ends other sessions and drops it.
 */
final class PostgresScratch implements ScratchTarget {
    /** The first major version with {@code DROP DATABASE … WITH (FORCE)}. */
    private static final int FORCE_DROP_SINCE = 13;

    private final ScratchServer server;
    private final String name;
    private final String maintenance;
    private final String ref;
    private final PostgresTarget target;
    private boolean closed;
    private boolean dropped;

    private PostgresScratch(ScratchServer server, String name, String maintenance, String ref,
                            PostgresTarget target) {
        this.server = server;
        this.name = name;
        this.maintenance = maintenance;
        this.ref = ref;
        this.target = target;
    }

    /** Checks that {@code name} is free on the server and returns the scratch place; creates nothing yet. */
    static PostgresScratch create(ScratchServer server, String name, ScratchContext context) {
        String ref = context.backupRef();
        String maintenance = maintenanceDatabase(server.endpoint(), name);
        try (Connection admin = connect(server, maintenance, ref)) {
            if (new PostgresAdmin(admin).exists(name)) {
                throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "the scratch"
                        + " database '" + name + "' already exists on " + server.describe() + " (a drill of this"
                        + " backup is running, or one was killed); it is left alone: drop it by hand");
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not check " + server.describe() + " for the scratch database",
                    server.endpoint().password(), ref, Stage.RESTORE);
        }
        return new PostgresScratch(server, name, maintenance, ref, target(server, name, maintenance));
    }

    private static PostgresTarget target(ScratchServer server, String name, String maintenance) {
        PostgresTarget.Builder builder = PostgresTarget.builder()
                .jdbcUrl(server.endpoint().withDatabase(name).jdbcUrl("jdbc:postgresql"))
                .mode(RestoreMode.CREATE_NEW).noOwner().noPrivileges().verifyRowCounts(false)
                .maintenanceDatabase(maintenance);
        if (server.user() != null) {
            builder.user(server.user());
        }
        server.withPassword(builder::password);
        if (server.toolDirectory() != null) {
            builder.toolDirectory(server.toolDirectory());
        }
        return builder.build();
    }

    /** The database named in the server URL, else {@code postgres} ({@code template1} should that be the name). */
    private static String maintenanceDatabase(Endpoint endpoint, String scratch) {
        String named = endpoint.database();
        if (named != null && !named.isEmpty() && !named.equals(scratch)) {
            return named;
        }
        return scratch.equals("postgres") ? "template1" : "postgres";
    }

    @Override
    public String describe() {
        return "database " + name + " on " + server.describe();
    }

    @Override
    public RestoreTarget restoreTarget() {
        requireOpen();
        return target;
    }

    @Override
    public ScratchContents inspect() {
        requireOpen();
        try (Connection connection = connect(server, name, ref)) {
            return ScratchTables.of(PostgresTableCounter.count(connection, TableFilter.ALL));
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not count the rows in " + describe(), server.endpoint().password(),
                    ref, Stage.RESTORE);
        }
    }

    /**
     * Ends every other session on the scratch database and drops it. Another call retries a drop that failed and
     * does nothing after one that succeeded.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        if (dropped) {
            return;
        }
        try (Connection admin = connect(server, maintenance, ref)) {
            PostgresAdmin databases = new PostgresAdmin(admin);
            if (PostgresClient.serverMajor(admin) >= FORCE_DROP_SINCE) {
                databases.terminateConnections(name);
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + JdbcSupport.quoteDouble(name) + " WITH (FORCE)");
                }
            } else {
                databases.drop(name);
            }
            dropped = true;
        } catch (SQLException | RuntimeException e) {
            throw ScratchTables.cleanupFailure(describe(), e, server);
        }
    }

    private static Connection connect(ScratchServer server, String database, String ref) {
        return PostgresClient.connect(server.endpoint().withDatabase(database), ref, Stage.RESTORE);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " was closed; a scratch place serves one drill");
        }
    }

    @Override
    public String toString() {
        return "PostgresScratch[" + describe() + "]";
    }
}
