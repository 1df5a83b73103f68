package io.backline.jdbc;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.core.spi.StagedRestore;
import io.backline.jdbc.internal.DatabaseNames;
import io.backline.jdbc.internal.Endpoint;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.LocatedTool;
import io.backline.jdbc.internal.NewDatabaseRestore;
import io.backline.jdbc.internal.MySqlAdmin;
import io.backline.jdbc.internal.MySqlClient;
import io.backline.jdbc.internal.MySqlSwap;
import io.backline.jdbc.internal.RowCountCheck;
import io.backline.jdbc.internal.SecretFile;
import io.backline.jdbc.internal.ToolFeeder;
import io.backline.jdbc.internal.ToolProcess;
import io.backline.jdbc.internal.ToolSettings;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A MySQL or MariaDB database as a restore target: the SQL payload is streamed into the {@code mariadb} (MariaDB)
 * or {@code mysql} (MySQL) client with the credentials in a 0600 {@code --defaults-extra-file}.
 *
 * <p>Guarantees: an explicit {@link RestoreMode}; {@code CREATE_NEW} onto an existing database fails in
 * {@link #prepare} before anything changes. {@code SAFE_REPLACE} restores into a sibling database, checks its row
 * counts against the manifest, then moves all tables at once with one {@code RENAME TABLE} (the old ones into
 * {@code <db>_backline_old_<time>}, kept unless {@link Builder#dropOldAfterSwap(boolean)}) and recreates views,
 * routines, triggers and events; a failure at any point before the new objects are in place leaves the target as
 * it was and drops the sibling. A restore into a database that does not exist yet ({@code CREATE_NEW}, or
 * {@code SAFE_REPLACE} of a missing one) is staged ({@link #stage}): through a {@code BackupRestorer} it is checked
 * in one pass and the new database is dropped again when the payload fails a check at its end.
 *
 * <p>Not guaranteed: sessions using the target are ended during a replace; the swap is atomic for tables, but
 * views, routines, triggers and events are recreated right after it, so for a moment they may be missing.
 * Grants on the database are not copied to the swapped-in tables' database (they move with the name).
 */
public final class MySqlTarget implements RestoreTarget {
    private static final int MAX_NAME_BYTES = 64;

    private final Endpoint endpoint;
    private final String database;
    private final RestoreMode mode;
    private final boolean dropOldAfterSwap;
    private final boolean verifyRowCounts;
    private final ToolSettings tools;

    private MySqlTarget(Builder builder, Endpoint endpoint) {
        this.endpoint = endpoint;
        this.database = endpoint.database();
        this.mode = builder.mode;
        this.dropOldAfterSwap = builder.dropOldAfterSwap;
        this.verifyRowCounts = builder.verifyRowCounts;
        this.tools = builder.tools();
    }

    public static Builder builder() {
        return new Builder();
    }

    public RestoreMode mode() {
        return mode;
    }

    @Override
    public String describe() {
        return endpoint.describe() + " (" + mode + ")";
    }

    @Override
    public void prepare(BackupManifest manifest, RestoreContext context) {
        try (Connection connection = connectServer(context.backupRef())) {
            plan(new MySqlAdmin(connection), manifest, context.backupRef());
        } catch (SQLException e) {
            throw failure(e, "could not check " + endpoint.describe(), context.backupRef());
        }
    }

    @Override
    public RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context)
            throws IOException {
        String ref = context.backupRef();
        try (Connection connection = connectServer(ref)) {
            MySqlAdmin admin = new MySqlAdmin(connection);
            Plan plan = plan(admin, manifest, ref);
            switch (plan.effectiveMode) {
                case CREATE_NEW -> {
                    admin.create(database, null);
                    try {
                        return restoreAndCheck(admin, database, plan.client, payload, manifest, context);
                    } catch (IOException | RuntimeException e) {
                        dropQuietly(admin, database, e);
                        throw e;
                    }
                }
                case REPLACE -> {
                    admin.drop(database);
                    admin.create(database, null);
                    return restoreAndCheck(admin, database, plan.client, payload, manifest, context);
                }
                default -> {
                    return safeReplace(admin, plan.client, payload, manifest, context);
                }
            }
        } catch (SQLException e) {
            throw failure(e, "could not restore into " + endpoint.describe(), ref);
        }
    }

    /**
     * A restore into a database that does not exist yet ({@code CREATE_NEW}, or {@code SAFE_REPLACE} of a missing
     * one) is staged: the new database is dropped again unless the restorer's checks of the whole payload pass. Other
     * modes are not staged (empty).
     */
    @Override
    public Optional<StagedRestore> stage(BackupManifest manifest, RestoreContext context) throws IOException {
        String ref = context.backupRef();
        Plan plan;
        try (Connection connection = headStartOrConnect(context)) {
            plan = plan(new MySqlAdmin(connection), manifest, ref);
        } catch (SQLException e) {
            throw failure(e, "could not check " + endpoint.describe(), ref);
        }
        if (plan.effectiveMode != RestoreMode.CREATE_NEW) {
            return Optional.empty();
        }
        return Optional.of(new NewDatabaseRestore("database '" + database + "' on " + endpoint.describe(),
                () -> onServer(ref, "could not create database '" + database + "'",
                        admin -> admin.create(database, null)),
                payload -> {
                    try (Connection connection = connectServer(ref)) {
                        return restoreAndCheck(new MySqlAdmin(connection), database, plan.client, payload, manifest,
                                context);
                    } catch (SQLException e) {
                        throw failure(e, "could not restore into " + endpoint.describe(), ref);
                    }
                },
                () -> onServer(ref, "could not drop database '" + database + "'", admin -> admin.drop(database))));
    }

    /** Opens the server connection {@link #stage} checks through, while the restorer reads the manifest. */
    @Override
    public Callable<? extends AutoCloseable> headStart(String backupRef) {
        return () -> {
            try {
                return new Server(connectServer(backupRef));
            } catch (RuntimeException e) { // stage connects again and reports it with the backup's full reference
                return null;
            }
        };
    }

    private Connection headStartOrConnect(RestoreContext context) throws IOException {
        Optional<Server> early = context.headStart().take(Server.class);
        return early.isPresent() ? early.get().connection() : connectServer(context.backupRef());
    }

    /** The server connection opened ahead. */
    private record Server(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Work on a server connection. */
    @FunctionalInterface
    private interface AdminAction {
        void run(MySqlAdmin admin) throws SQLException;
    }

    private void onServer(String ref, String doing, AdminAction action) {
        try (Connection connection = connectServer(ref)) {
            action.run(new MySqlAdmin(connection));
        } catch (SQLException e) {
            throw failure(e, doing + " on " + endpoint.describe(), ref);
        }
    }

    private record Plan(RestoreMode effectiveMode, LocatedTool client) {
    }

    private Plan plan(MySqlAdmin admin, BackupManifest manifest, String ref) throws SQLException {
        if (manifest.payload() != null && manifest.payload().format() != null
                && !MySqlSource.PAYLOAD_FORMAT.equals(manifest.payload().format())) {
            throw new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref, Stage.RESTORE, "a MySQL/MariaDB target takes "
                    + MySqlSource.PAYLOAD_FORMAT + " payloads, not " + manifest.payload().format());
        }

        String serverVersion = MySqlClient.serverVersion(admin.connection());
        LocatedTool client = tools.locator().locate(MySqlClient.clientRequirement(serverVersion, "Restoring into "
                + MySqlClient.product(serverVersion) + " server " + serverVersion + " at " + endpoint.describe()),
                ref, Stage.RESTORE);
        boolean exists = admin.exists(database);
        if (mode == RestoreMode.CREATE_NEW && exists) {
            throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "database '"
                    + database + "' already exists on " + endpoint.describe() + "; restore into a new name, or "
                    + "choose RestoreMode.REPLACE or SAFE_REPLACE explicitly");
        }
        return new Plan(mode == RestoreMode.SAFE_REPLACE && !exists ? RestoreMode.CREATE_NEW : mode, client);
    }

    private RestoreOutcome safeReplace(MySqlAdmin admin, LocatedTool client, InputStream payload,
                                       BackupManifest manifest, RestoreContext context)
            throws IOException, SQLException {
        String sibling = DatabaseNames.sibling(database, MAX_NAME_BYTES);
        admin.create(sibling, database);
        RestoreOutcome outcome;
        try {
            outcome = restoreAndCheck(admin, sibling, client, payload, manifest, context);
        } catch (IOException | RuntimeException e) {
            dropQuietly(admin, sibling, e);
            throw e;
        }

        String old = DatabaseNames.old(database, context.clock(), MAX_NAME_BYTES);
        try {
            new MySqlSwap(admin, database, sibling, old).run(dropOldAfterSwap);
        } catch (SQLException | RuntimeException e) {
            dropQuietly(admin, sibling, e);
            throw e;
        }
        return outcome;
    }

    private RestoreOutcome restoreAndCheck(MySqlAdmin admin, String into, LocatedTool client, InputStream payload,
                                           BackupManifest manifest, RestoreContext context) throws IOException {
        String ref = context.backupRef();
        long bytes;
        try (SecretFile defaults = MySqlClient.defaultsFile(context.tempDir(), endpoint)) {
            List<String> argv = new ArrayList<>();
            argv.add(client.path().toString());
            argv.addAll(MySqlClient.connectionArguments(defaults, endpoint));
            argv.add("--batch");
            argv.add("--database=" + into);
            try (ToolProcess process = ToolProcess.start(tools.launcher(), MySqlClient.spec(argv),
                    endpoint.password())) {
                bytes = ToolFeeder.feed(process, payload, client.name() + " into '" + into + "'", ref);
            }
        }
        long rows = RowCountCheck.expectedRows(manifest);
        if (verifyRowCounts) {
            rows = RowCountCheck.verify(manifest, table -> admin.count(into, table.name()),
                    "database '" + into + "'", ref);
        }
        return new RestoreOutcome(endpoint.describe(), rows, bytes);
    }

    private void dropQuietly(MySqlAdmin admin, String name, Exception primary) {
        try {
            admin.drop(name);
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    private Connection connectServer(String ref) {
        return MySqlClient.connect(endpoint.withDatabase(null), ref, Stage.RESTORE);
    }

    private DatabaseAccessException failure(SQLException e, String doing, String ref) {
        return JdbcSupport.failure(e, doing, endpoint.password(), ref, Stage.RESTORE);
    }

    @Override
    public String toString() {
        return "MySqlTarget[" + describe() + "]";
    }

    /** Configures a {@link MySqlTarget}; {@link #mode(RestoreMode)} is required. */
    public static final class Builder extends ServerConnectionBuilder<Builder> {
        private String database;
        private RestoreMode mode;
        private boolean dropOldAfterSwap;
        private boolean verifyRowCounts = true;

        private Builder() {
            super(Endpoint.Family.MYSQL);
        }

        /** Restores into this database instead of the one the URL names. */
        public Builder database(String database) {
            if (database == null || database.isEmpty()) {
                throw new IllegalArgumentException("database may not be empty");
            }
            this.database = database;
            return this;
        }

        public Builder mode(RestoreMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** In {@code SAFE_REPLACE}, drops the old copy after a successful swap instead of keeping it. */
        public Builder dropOldAfterSwap(boolean drop) {
            this.dropOldAfterSwap = drop;
            return this;
        }

        /** Whether to count restored rows against the manifest (default true; always on in SAFE_REPLACE). */
        public Builder verifyRowCounts(boolean verify) {
            this.verifyRowCounts = verify;
            return this;
        }

        public MySqlTarget build() {
            if (mode == null) {
                throw new IllegalStateException("a restore target needs an explicit mode(RestoreMode)");
            }
            Endpoint endpoint = endpoint("a MySQL/MariaDB target");
            if (database != null) {
                endpoint = endpoint.withDatabase(database);
            }
            if (endpoint.database() == null || endpoint.database().isEmpty()) {
                throw new IllegalStateException("name the database to restore into in the URL or with database(…)");
            }
            if (mode == RestoreMode.SAFE_REPLACE) {
                verifyRowCounts = true;
            }
            return new MySqlTarget(this, endpoint);
        }
    }
}
