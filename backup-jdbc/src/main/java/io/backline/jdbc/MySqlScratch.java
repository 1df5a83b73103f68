package io.backline.jdbc;

import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.spi.RestoreTarget;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.MySqlAdmin;
import io.backline.jdbc.internal.MySqlClient;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One drill's scratch database on a MySQL or MariaDB server. {@link MySqlTarget} ({@code CREATE_NEW}, no row-count
 * check of its own) creates and fills it; {@link #inspect()} counts the rows of every table that holds data and
 * reports them under the source database's name, as the manifest spells it; {@link #close()} ends other sessions on
 * it and drops it.
 */
final class MySqlScratch implements ScratchTarget {
    private final ScratchServer server;
    private final String name;
    private final String schema;
    private final String ref;
    private final MySqlTarget target;
    private boolean closed;
    private boolean dropped;

    private MySqlScratch(ScratchServer server, String name, String schema, String ref, MySqlTarget target) {
        this.server = server;
        this.name = name;
        this.schema = schema;
        this.ref = ref;
        this.target = target;
    }

    /** Checks that {@code name} is free on the server and returns the scratch place; creates nothing yet. */
    static MySqlScratch create(ScratchServer server, String name, BackupManifest manifest, ScratchContext context) {
        String ref = context.backupRef();
        try (Connection connection = connect(server, ref)) {
            if (new MySqlAdmin(connection).exists(name)) {
                throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "the scratch"
                        + " database '" + name + "' already exists on " + server.describe() + " (a drill of this"
                        + " backup is running, or one was killed); it is left alone: drop it by hand");
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not check " + server.describe() + " for the scratch database",
                    server.endpoint().password(), ref, Stage.RESTORE);
        }
        return new MySqlScratch(server, name, sourceSchema(manifest, name), ref, target(server, name));
    }

    private static MySqlTarget target(ScratchServer server, String name) {
        MySqlTarget.Builder builder = MySqlTarget.builder()
                .jdbcUrl(server.endpoint().withDatabase(name).jdbcUrl("jdbc:mysql"))
                .mode(RestoreMode.CREATE_NEW).verifyRowCounts(false);
        if (server.user() != null) {
            builder.user(server.user());
        }
        server.withPassword(builder::password);
        if (server.toolDirectory() != null) {
            builder.toolDirectory(server.toolDirectory());
        }
        return builder.build();
    }

    /** The schema the manifest gives the tables: the source database's name (the scratch name if none). */
    private static String sourceSchema(BackupManifest manifest, String scratch) {
        if (manifest.database() == null) {
            return scratch;
        }
        if (manifest.database().database() != null) {
            return manifest.database().database();
        }
        return manifest.database().tables().stream().map(TableInfo::schema).filter(s -> s != null).findFirst()
                .orElse(scratch);
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
        try (Connection connection = connect(server, ref)) {
            MySqlAdmin admin = new MySqlAdmin(connection);
            List<TableInfo> tables = new ArrayList<>();
            for (String table : admin.dataTables(name)) {
                tables.add(new TableInfo(schema, table, admin.count(name, table), true));
            }
            return ScratchTables.of(tables);
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
        try (Connection connection = connect(server, ref)) {
            new MySqlAdmin(connection).drop(name);
            dropped = true;
        } catch (SQLException | RuntimeException e) {
            throw ScratchTables.cleanupFailure(describe(), e, server);
        }
    }

    private static Connection connect(ScratchServer server, String ref) {
        return MySqlClient.connect(server.endpoint().withDatabase(null), ref, Stage.RESTORE);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " was closed; a scratch place serves one drill");
        }
    }

    @Override
    public String toString() {
        return "MySqlScratch[" + describe() + "]";
    }
}
