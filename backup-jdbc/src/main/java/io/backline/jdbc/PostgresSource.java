package io.backline.jdbc;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.ToolException;
import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import io.backline.jdbc.internal.Endpoint;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.LocatedTool;
import io.backline.jdbc.internal.PgArchiveRowCounter;
import io.backline.jdbc.internal.PostgresClient;
import io.backline.jdbc.internal.PostgresTableCounter;
import io.backline.jdbc.internal.ProcessSpec;
import io.backline.jdbc.internal.SecretFile;
import io.backline.jdbc.internal.SourceNames;
import io.backline.jdbc.internal.TableFilter;
import io.backline.jdbc.internal.ToolProcess;
import io.backline.jdbc.internal.ToolSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL database as a backup source: {@code pg_dump --format=custom --compress=0} streamed into the backup
 * (Backline compresses), so the payload restores with a plain {@code pg_restore}.
 *
 * <p>Guarantees: the manifest's row counts are exact for the dump. A REPEATABLE READ transaction exports a snapshot,
 * lists the tables in it and stays open until {@code pg_dump}, started with {@code --snapshot}, has finished; the
 * rows of each table are counted in the archive as it streams past ({@link PgArchiveRowCounter}, for the archive
 * versions of {@code pg_dump} 11 to 18), and with {@code count(*)} in the same snapshot for any table the archive
 * did not account for (or for every table, alongside the dump, with other {@code pg_dump} versions). The
 * {@code pg_dump} used has a major version at least the server's, found in {@link Builder#toolDirectory(Path)} when
 * set, else on {@code PATH}, else in {@code /usr/lib/postgresql/*&#47;bin}; otherwise the backup fails before
 * anything is written. The password reaches {@code pg_dump} only through a 0600 {@code PGPASSFILE} in the context's
 * temp directory, deleted afterwards; it is never in arguments, descriptions, messages or {@link #toString()}. A
 * non-zero exit of {@code pg_dump} fails the backup with its (bounded, masked) stderr even if bytes were written.
 *
 * <p>Not guaranteed: roles, tablespaces and database-level settings ({@code pg_dumpall} territory) are not in the
 * payload; large objects are, as {@code pg_dump} includes them.
 */
public final class PostgresSource implements BackupSource {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSource.class);

    /** The payload format recorded in manifests. */
    public static final String PAYLOAD_FORMAT = "pg_dump-custom";

    private final String name;
    private final Endpoint endpoint;
    private final TableFilter filter;
    private final ToolSettings tools;

    private PostgresSource(Builder builder, Endpoint endpoint) {
        this.endpoint = endpoint;
        this.name = builder.name != null ? builder.name : SourceNames.derive(endpoint.database());
        this.filter = new TableFilter(builder.includeSchemas, builder.excludeSchemas, builder.includeTables,
                builder.excludeTables);
        this.tools = builder.tools();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DATABASE;
    }

    /** {@code postgresql://user@host:port/db}, never the password. */
    @Override
    public String description() {
        return endpoint.describe();
    }

    @Override
    public String payloadFormat() {
        return PAYLOAD_FORMAT;
    }

    @Override
    public String payloadExtension() {
        return "pgdump";
    }

    /** Connects and probes {@code pg_dump} while the backup takes its lock; see {@link #writeTo}. */
    @Override
    public Callable<? extends AutoCloseable> headStart(String backupRef) {
        return () -> openSession(backupRef);
    }

    @Override
    public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
        Objects.requireNonNull(out, "out");
        String ref = context.backupRef();
        char[] password = endpoint.password();
        try (Session session = preparedOrOpen(context)) {
            Connection connection = session.connection();
            String serverVersion = session.serverVersion();
            LocatedTool pgDump = session.pgDump();
            String snapshot;
            try {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                snapshot = exportSnapshot(connection);
            } catch (SQLException e) {
                throw JdbcSupport.failure(e, "could not open a snapshot on " + description(), password, ref,
                        Stage.SOURCE);
            }
            List<TableInfo> tables;
            if (PgArchiveRowCounter.reads(pgDump.version().major())) {
                PgArchiveRowCounter archiveRows = new PgArchiveRowCounter(out);
                List<String[]> listed = listTables(connection, ref, password);
                dump(pgDump, snapshot, archiveRows, context);
                tables = countedInArchive(connection, listed, archiveRows, ref, password);
            } else {
                CompletableFuture<List<TableInfo>> counting = countAlongside(connection);
                dump(pgDump, snapshot, out, context);
                tables = rowCounts(counting, ref, password);
            }
            try {
                connection.rollback();
            } catch (SQLException e) {
                // The dump is complete; a failed rollback of a read-only transaction changes nothing.
            }
            return SourceReport.ofDatabase(new DatabaseInfo("PostgreSQL", serverVersion, "pg_dump",
                    pgDump.version().text(), endpoint.database(), tables));
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not close the connection to " + description(), password, ref,
                    Stage.SOURCE);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    /** The session prepared while the backup took its lock, or a new one. */
    private Session preparedOrOpen(SourceContext context) throws IOException {
        Optional<Session> prepared = context.headStart().take(Session.class);
        return prepared.isPresent() ? prepared.get() : openSession(context.backupRef());
    }

    /** Opens the connection the backup reads through and finds the {@code pg_dump} that matches the server. */
    private Session openSession(String ref) {
        char[] password = endpoint.password();
        Connection connection = PostgresClient.connect(endpoint, ref, Stage.SOURCE);
        try {
            String serverVersion;
            int serverMajor;
            try {
                serverVersion = PostgresClient.serverVersion(connection);
                serverMajor = PostgresClient.serverMajor(connection);
            } catch (SQLException e) {
                throw JdbcSupport.failure(e, "could not read the server version of " + description(), password, ref,
                        Stage.SOURCE);
            }
            LocatedTool pgDump = tools.locator().locate(PostgresClient.requirement("pg_dump", serverMajor,
                    "PostgreSQL server " + serverVersion + " at " + description()), ref, Stage.SOURCE);
            return new Session(connection, serverVersion, pgDump);
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    /** An open connection to the server, its version and the {@code pg_dump} that can dump it. */
    private record Session(Connection connection, String serverVersion, LocatedTool pgDump)
            implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private List<String[]> listTables(Connection connection, String ref, char[] password) {
        try {
            return PostgresTableCounter.tables(connection, filter);
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not list the tables of " + description(), password, ref,
                    Stage.SOURCE);
        }
    }

    /** The archive's count for each listed table; {@code count(*)} in the snapshot for those it lacks. */
    private List<TableInfo> countedInArchive(Connection connection, List<String[]> listed,
                                             PgArchiveRowCounter archiveRows, String ref, char[] password) {
        Map<String, Long> counted = archiveRows.counts().orElse(Map.of());
        if (archiveRows.failure() != null) {
            LOG.info("counting the rows of {} with count(*): its archive was not understood ({})", description(),
                    archiveRows.failure());
        }
        List<TableInfo> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String[] table : listed) {
                Long rows = counted.get(PgArchiveRowCounter.key(table[0], table[1]));
                if (rows == null) {
                    rows = PostgresTableCounter.countRows(statement, table[0], table[1]);
                }
                tables.add(new TableInfo(table[0], table[1], rows, true));
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not count the rows of " + description(), password, ref,
                    Stage.SOURCE);
        }
        return tables;
    }

    /**
     * Counts every table in the exported snapshot on the otherwise idle exporting connection while pg_dump reads
     * the same snapshot: exact for the dump, at no wall time (but at the server's CPU).
     */
    private CompletableFuture<List<TableInfo>> countAlongside(Connection connection) {
        CompletableFuture<List<TableInfo>> counting = new CompletableFuture<>();
        Thread counter = new Thread(() -> {
            try {
                counting.complete(PostgresTableCounter.count(connection, filter));
            } catch (SQLException | RuntimeException e) {
                counting.completeExceptionally(e);
            }
        }, "backline-pg-row-count");
        counter.setDaemon(true);
        counter.start();
        return counting;
    }

    private List<TableInfo> rowCounts(CompletableFuture<List<TableInfo>> counting, String ref, char[] password) {
        try {
            return counting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(ErrorCode.SOURCE_FAILED, ref, Stage.SOURCE,
                    "interrupted while counting the rows of " + description(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw JdbcSupport.failure(sql, "could not count the rows of " + description(), password, ref,
                        Stage.SOURCE);
            }
            throw new BackupException(ErrorCode.SOURCE_FAILED, ref, Stage.SOURCE,
                    "could not count the rows of " + description() + ": " + e.getCause(), e.getCause());
        }
    }

    private static String exportSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void dump(LocatedTool pgDump, String snapshot, OutputStream out, SourceContext context)
            throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(pgDump.path().toString());
        argv.add("--format=custom");
        argv.add("--compress=0");
        argv.add("--snapshot=" + snapshot);
        argv.addAll(PostgresClient.connectionArguments(endpoint));
        filter.includeSchemas().forEach(p -> argv.add("--schema=" + p));
        filter.excludeSchemas().forEach(p -> argv.add("--exclude-schema=" + p));
        filter.includeTables().forEach(p -> argv.add("--table=" + p));
        filter.excludeTables().forEach(p -> argv.add("--exclude-table=" + p));
        argv.add(PostgresClient.databaseArgument(endpoint.database()));
        char[] password = endpoint.password();
        try (SecretFile passFile = PostgresClient.passFile(context.tempDir(), endpoint)) {
            ProcessSpec spec = PostgresClient.spec(argv, passFile, endpoint);
            try (ToolProcess process = ToolProcess.start(tools.launcher(), spec, password)) {
                process.stdin().close();
                process.copyStdout(out);
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new ToolException(ErrorCode.TOOL_FAILED, context.backupRef(), Stage.SOURCE,
                            "pg_dump of " + description() + " exited with status " + exit + ": "
                                    + process.stderr());
                }
            }
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresSource[" + name + ", " + description() + "]";
    }

    /**
     * Configures a {@link PostgresSource}. The connection comes from {@link #jdbcUrl(String)} or {@link #url(String)};
     * {@link #user(String)} and {@link #password(char[])} override what the URL holds.
     */
    public static final class Builder extends ServerConnectionBuilder<Builder> {
        private String name;
        private final List<String> includeSchemas = new ArrayList<>();
        private final List<String> excludeSchemas = new ArrayList<>();
        private final List<String> includeTables = new ArrayList<>();
        private final List<String> excludeTables = new ArrayList<>();

        private Builder() {
            super(Endpoint.Family.POSTGRESQL);
        }

        /** The source name in the repository; defaults to one derived from the database name. */
        public Builder name(String name) {
            this.name = SourceNames.require(name);
            return this;
        }

        /** Dumps only schemas matching these {@code pg_dump --schema} patterns. */
        public Builder includeSchemas(String... patterns) {
            includeSchemas.addAll(List.of(patterns));
            return this;
        }

        /** Leaves out schemas matching these {@code pg_dump --exclude-schema} patterns. */
        public Builder excludeSchemas(String... patterns) {
            excludeSchemas.addAll(List.of(patterns));
            return this;
        }

        /** Dumps only tables matching these {@code pg_dump --table} patterns (schema filters then do not apply). */
        public Builder includeTables(String... patterns) {
            includeTables.addAll(List.of(patterns));
            return this;
        }

        /** Leaves out tables matching these {@code pg_dump --exclude-table} patterns. */
        public Builder excludeTables(String... patterns) {
            excludeTables.addAll(List.of(patterns));
            return this;
        }

        /** Builds the source; fails when no URL or database is given, or a pattern is malformed. */
        public PostgresSource build() {
            Endpoint endpoint = endpoint("a PostgreSQL source");
            if (endpoint.database() == null || endpoint.database().isEmpty()) {
                throw new IllegalStateException("the URL needs to name a database: " + endpoint.describe());
            }
            includeSchemas.forEach(io.backline.jdbc.internal.PgPattern::schema);
            excludeSchemas.forEach(io.backline.jdbc.internal.PgPattern::schema);
            includeTables.forEach(io.backline.jdbc.internal.PgPattern::table);
            excludeTables.forEach(io.backline.jdbc.internal.PgPattern::table);
            return new PostgresSource(this, endpoint);
        }
    }
}
