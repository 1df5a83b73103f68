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
import io.backline.jdbc.internal.PostgresAdmin;
import io.backline.jdbc.internal.PostgresClient;
import io.backline.jdbc.internal.PostgresTableCounter;
import io.backline.jdbc.internal.RowCountCheck;
import io.backline.jdbc.internal.SecretFile;
import io.backline.jdbc.internal.ToolFeeder;
import io.backline.jdbc.internal.ToolProcess;
import io.backline.jdbc.internal.ToolSettings;
import io.backline.jdbc.internal.ToolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A PostgreSQL database as a restore target: the {@code pg_dump} custom-format payload is streamed into
 * {@code pg_restore --exit-on-error} through its stdin.
 *
 * <p>Guarantees: the {@link RestoreMode} is explicit; {@link #prepare} fails with a
 * {@link RestoreConflictException} before any byte is fetched when {@code CREATE_NEW} meets an existing database,
 * and with a {@code ToolException} when no {@code pg_restore} of at least the dump's major version is found. In
 * {@code SAFE_REPLACE} the payload goes into a sibling database, whose row counts must equal the manifest's exact
 * counts before two {@code ALTER DATABASE … RENAME} swap it in; until then the target is untouched, and on failure
 * the sibling is dropped. A restore into a database that does not exist yet ({@code CREATE_NEW}, or
 * {@code SAFE_REPLACE} of a missing one) is staged ({@link #stage}): through a {@code BackupRestorer} it is checked
 * in one pass and the new database is dropped again when the payload fails a check at its end. The password reaches
 * {@code pg_restore} only through a 0600 {@code PGPASSFILE}.
 *
 * <p>Not guaranteed: the swap ends other sessions on the target (they must reconnect); roles referenced by the
 * dump must exist unless {@link Builder#noOwner()} and {@link Builder#noPrivileges()} are set; database-level
 * settings (locale, {@code ALTER DATABASE … SET}) are not in a {@code pg_dump} archive and come from
 * {@code template0} and the server defaults.
 */
public final class PostgresTarget implements RestoreTarget {
    private static final int MAX_NAME_BYTES = 63;

    private final Endpoint endpoint;
    private final String database;
    private final RestoreMode mode;
    private final boolean noOwner;
    private final boolean noPrivileges;
    private final boolean dropOldAfterSwap;
    private final boolean verifyRowCounts;
    private final String maintenanceDatabase;
    private final ToolSettings tools;

    private PostgresTarget(Builder builder, Endpoint endpoint) {
        this.endpoint = endpoint;
        this.database = endpoint.database();
        this.mode = builder.mode;
        this.noOwner = builder.noOwner;
        this.noPrivileges = builder.noPrivileges;
        this.dropOldAfterSwap = builder.dropOldAfterSwap;
        this.verifyRowCounts = builder.verifyRowCounts;
        this.maintenanceDatabase = builder.maintenanceDatabase != null ? builder.maintenanceDatabase
                : database.equals("postgres") ? "template1" : "postgres";
        this.tools = builder.tools();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The restore mode. */
    public RestoreMode mode() {
        return mode;
    }

    @Override
    public String describe() {
        return endpoint.describe() + " (" + mode + ")";
    }

    @Override
    public void prepare(BackupManifest manifest, RestoreContext context) {
        try (Connection admin = connectTo(maintenanceDatabase, context.backupRef())) {
            plan(admin, manifest, context.backupRef());
        } catch (SQLException e) {
            throw failure(e, "could not check " + endpoint.describe(), context.backupRef());
        }
    }

    @Override
    public RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context)
            throws IOException {
        String ref = context.backupRef();
        try (Connection admin = connectTo(maintenanceDatabase, ref)) {
            PostgresAdmin databases = new PostgresAdmin(admin);
            Plan plan = plan(admin, manifest, ref);
            return switch (plan.effectiveMode) {
                case CREATE_NEW -> createNew(databases, plan.pgRestore, payload, manifest, context);
                case REPLACE -> replace(databases, plan.pgRestore, payload, manifest, context);
                case SAFE_REPLACE -> safeReplace(databases, plan.pgRestore, payload, manifest, context);
            };
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
        try (Connection admin = headStartOrConnect(context)) {
            plan = plan(admin, manifest, ref);
        } catch (SQLException e) {
            throw failure(e, "could not check " + endpoint.describe(), ref);
        }
        if (plan.effectiveMode != RestoreMode.CREATE_NEW) {
            return Optional.empty();
        }
        return Optional.of(new NewDatabaseRestore("database '" + database + "' on " + endpoint.describe(),
                () -> onServer(ref, "could not create database '" + database + "'", admin -> admin.create(database)),
                payload -> restoreAndCheck(database, plan.pgRestore, payload, manifest, context),
                () -> onServer(ref, "could not drop database '" + database + "'", admin -> admin.drop(database))));
    }

    /** Opens the maintenance connection {@link #stage} checks through, while the restorer reads the manifest. */
    @Override
    public Callable<? extends AutoCloseable> headStart(String backupRef) {
        return () -> {
            try {
                return new Maintenance(connectTo(maintenanceDatabase, backupRef));
            } catch (RuntimeException e) { // stage connects again and reports it with the backup's full reference
                return null;
            }
        };
    }

    private Connection headStartOrConnect(RestoreContext context) throws IOException {
        Optional<Maintenance> early = context.headStart().take(Maintenance.class);
        return early.isPresent() ? early.get().connection() : connectTo(maintenanceDatabase, context.backupRef());
    }

    /** The maintenance connection opened ahead. */
    private record Maintenance(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Work on the maintenance connection. */
    @FunctionalInterface
    private interface AdminAction {
        void run(PostgresAdmin admin) throws SQLException;
    }

    private void onServer(String ref, String doing, AdminAction action) {
        try (Connection admin = connectTo(maintenanceDatabase, ref)) {
            action.run(new PostgresAdmin(admin));
        } catch (SQLException e) {
            throw failure(e, doing + " on " + endpoint.describe(), ref);
        }
    }

    private record Plan(RestoreMode effectiveMode, LocatedTool pgRestore) {
    }

    private Plan plan(Connection admin, BackupManifest manifest, String ref) throws SQLException {
        if (manifest.payload() != null && manifest.payload().format() != null
                && !PostgresSource.PAYLOAD_FORMAT.equals(manifest.payload().format())) {
            throw new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref, Stage.RESTORE, "a PostgreSQL target takes "
                    + PostgresSource.PAYLOAD_FORMAT + " payloads, not " + manifest.payload().format());
        }
        int dumpMajor = manifest.database() == null ? 0
                : ToolVersion.ofServer(manifest.database().toolVersion()).map(ToolVersion::major).orElse(0);
        String serverVersion = PostgresClient.serverVersion(admin);
        LocatedTool pgRestore = tools.locator().locate(PostgresClient.requirement("pg_restore", dumpMajor,
                "Restoring a pg_dump " + (dumpMajor == 0 ? "" : dumpMajor + " ") + "archive into PostgreSQL "
                        + serverVersion + " at " + endpoint.describe()), ref, Stage.RESTORE);
        boolean exists = new PostgresAdmin(admin).exists(database);
        if (mode == RestoreMode.CREATE_NEW && exists) {
            throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "database '"
                    + database + "' already exists on " + endpoint.describe() + "; restore into a new name, or "
                    + "choose RestoreMode.REPLACE or SAFE_REPLACE explicitly");
        }

        RestoreMode effective = mode == RestoreMode.SAFE_REPLACE && !exists ? RestoreMode.CREATE_NEW : mode;
        return new Plan(effective, pgRestore);
    }

    private RestoreOutcome createNew(PostgresAdmin databases, LocatedTool pgRestore, InputStream payload,
                                     BackupManifest manifest, RestoreContext context) throws IOException, SQLException {
        databases.create(database);
        try {
            return restoreAndCheck(database, pgRestore, payload, manifest, context);
        } catch (IOException | RuntimeException e) {
            dropQuietly(databases, database, e);
            throw e;
        }
    }

    private RestoreOutcome replace(PostgresAdmin databases, LocatedTool pgRestore, InputStream payload,
                                   BackupManifest manifest, RestoreContext context) throws IOException, SQLException {
        databases.drop(database);
        databases.create(database);
        return restoreAndCheck(database, pgRestore, payload, manifest, context);
    }

    private RestoreOutcome safeReplace(PostgresAdmin databases, LocatedTool pgRestore, InputStream payload,
                                       BackupManifest manifest, RestoreContext context)
            throws IOException, SQLException {
        String ref = context.backupRef();
        String sibling = DatabaseNames.sibling(database, MAX_NAME_BYTES);
        databases.create(sibling);
        RestoreOutcome outcome;
        try {
            outcome = restoreAndCheck(sibling, pgRestore, payload, manifest, context);
        } catch (IOException | RuntimeException e) {
            dropQuietly(databases, sibling, e);
            throw e;
        }

        String old = DatabaseNames.old(database, context.clock(), MAX_NAME_BYTES);
        try {
            databases.rename(database, old);
        } catch (SQLException e) {
            dropQuietly(databases, sibling, e);
            throw e;
        }
        try {
            databases.rename(sibling, database);
        } catch (SQLException e) {
            try {
                databases.rename(old, database);
            } catch (SQLException back) {
                e.addSuppressed(back);
                throw failure(e, "the swap failed and the original could not be renamed back; it is now named '"
                        + old + "'", ref);
            }
            dropQuietly(databases, sibling, e);
            throw e;
        }
        if (dropOldAfterSwap) {
            databases.drop(old);
        }
        return outcome;
    }

    private RestoreOutcome restoreAndCheck(String into, LocatedTool pgRestore, InputStream payload,
                                           BackupManifest manifest, RestoreContext context) throws IOException {
        String ref = context.backupRef();
        long bytes = runPgRestore(into, pgRestore, payload, context);
        long rows = RowCountCheck.expectedRows(manifest);
        if (verifyRowCounts) {
            try (Connection restored = connectTo(into, ref); Statement statement = restored.createStatement()) {
                rows = RowCountCheck.verify(manifest, table -> PostgresTableCounter.countRows(statement,
                        table.schema(), table.name()), "database '" + into + "'", ref);
            } catch (SQLException e) {
                throw failure(e, "could not count the rows restored into '" + into + "'", ref);
            }
        }
        return new RestoreOutcome(endpoint.withDatabase(database).describe(), rows, bytes);
    }

    private long runPgRestore(String into, LocatedTool pgRestore, InputStream payload, RestoreContext context)
            throws IOException {
        String ref = context.backupRef();
        List<String> argv = new ArrayList<>();
        argv.add(pgRestore.path().toString());
        argv.add("--exit-on-error");
        argv.addAll(PostgresClient.connectionArguments(endpoint));
        if (noOwner) {
            argv.add("--no-owner");
        }
        if (noPrivileges) {
            argv.add("--no-privileges");
        }
        argv.add(PostgresClient.databaseArgument(into));
        char[] password = endpoint.password();
        try (SecretFile passFile = PostgresClient.passFile(context.tempDir(), endpoint);
             ToolProcess process = ToolProcess.start(tools.launcher(),
                     PostgresClient.spec(argv, passFile, endpoint), password)) {
            return ToolFeeder.feed(process, payload, "pg_restore into '" + into + "'", ref);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    private void dropQuietly(PostgresAdmin databases, String name, Exception primary) {
        try {
            databases.drop(name);
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    private Connection connectTo(String db, String ref) {
        return PostgresClient.connect(endpoint.withDatabase(db), ref, Stage.RESTORE);
    }

    private DatabaseAccessException failure(SQLException e, String doing, String ref) {
        return JdbcSupport.failure(e, doing, endpoint.password(), ref, Stage.RESTORE);
    }

    @Override
    public String toString() {
        return "PostgresTarget[" + describe() + "]";
    }

    /** Configures a {@link PostgresTarget}; {@link #mode(RestoreMode)} is required. */
    public static final class Builder extends ServerConnectionBuilder<Builder> {
        private String database;
        private RestoreMode mode;
        private boolean noOwner;
        private boolean noPrivileges;
        private boolean dropOldAfterSwap;
        private boolean verifyRowCounts = true;
        private String maintenanceDatabase;

        private Builder() {
            super(Endpoint.Family.POSTGRESQL);
        }

        /** Restores into this database instead of the one the URL names. */
        public Builder database(String database) {
            if (database == null || database.isEmpty()) {
                throw new IllegalArgumentException("database may not be empty");
            }
            this.database = database;
            return this;
        }

        /** How an existing target is treated; required. */
        public Builder mode(RestoreMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code pg_restore --no-owner}: objects belong to the restoring user. */
        public Builder noOwner() {
            this.noOwner = true;
            return this;
        }

        /** {@code pg_restore --no-privileges}: GRANTs and REVOKEs are skipped. */
        public Builder noPrivileges() {
            this.noPrivileges = true;
            return this;
        }

        /** In {@code SAFE_REPLACE}, drops the old copy after a successful swap instead of keeping it. */
        public Builder dropOldAfterSwap(boolean drop) {
            this.dropOldAfterSwap = drop;
            return this;
        }

        /** Whether to count the restored rows against the manifest (default true; always on in SAFE_REPLACE). */
        public Builder verifyRowCounts(boolean verify) {
            this.verifyRowCounts = verify;
            return this;
        }

        /** The database to connect to for CREATE/DROP/RENAME DATABASE; default {@code postgres}. */
        public Builder maintenanceDatabase(String name) {
            this.maintenanceDatabase = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Builds the target; fails without a URL, a database or a mode. */
        public PostgresTarget build() {
            if (mode == null) {
                throw new IllegalStateException("a restore target needs an explicit mode(RestoreMode)");
            }
            Endpoint endpoint = endpoint("a PostgreSQL target");
            if (database != null) {
                endpoint = endpoint.withDatabase(database);
            }
            if (endpoint.database() == null || endpoint.database().isEmpty()) {
                throw new IllegalStateException("name the database to restore into in the URL or with database(…)");
            }
            if (mode == RestoreMode.SAFE_REPLACE) {
                verifyRowCounts = true;
            }
            if (maintenanceDatabase != null && maintenanceDatabase.equals(endpoint.database())) {
                throw new IllegalStateException("the maintenance database may not be the target itself");
            }
            return new PostgresTarget(this, endpoint);
        }
    }
}
