package io.backline.jdbc;

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
import io.backline.jdbc.internal.MySqlClient;
import io.backline.jdbc.internal.MySqlDumpRowCounter;
import io.backline.jdbc.internal.SecretFile;
import io.backline.jdbc.internal.SourceNames;
import io.backline.jdbc.internal.ToolProcess;
import io.backline.jdbc.internal.ToolSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A MySQL or MariaDB database as a backup source: {@code mariadb-dump} (MariaDB) or {@code mysqldump} (MySQL),
 * chosen from the server's {@code VERSION()}, with {@code --single-transaction --routines --triggers --events
 * --hex-blob --default-character-set=utf8mb4} (and {@code --set-gtid-purged=OFF} on MySQL). The payload is a plain
 * SQL script without {@code CREATE DATABASE}/{@code USE}, so {@code mariadb NEWDB < dump.sql} restores it under any
 * name.
 *
 * <p>Guarantees: row counts in the manifest are counted from the dump stream itself as it passes (the rows of
 * every {@code INSERT} in each table's data section), so they are exact for the payload ({@code rowsExact=true}).
 * The credentials reach the tool only in a 0600 {@code --defaults-extra-file} (its first argument) in the context's
 * temp directory, deleted afterwards. The tool's version must be at least the server's major version and of the
 * same flavour. A non-zero exit fails the backup with bounded, masked stderr.
 *
 * <p>Not guaranteed: {@code --single-transaction} gives a consistent snapshot of InnoDB tables only; MyISAM and
 * other non-transactional tables may change during the dump. Users and grants ({@code mysql} schema) are not
 * included.
 */
public final class MySqlSource implements BackupSource {
    /** The payload format recorded in manifests. */
    public static final String PAYLOAD_FORMAT = "mysqldump-sql";

    private final String name;
    private final Endpoint endpoint;
    private final List<String> includeTables;
    private final List<String> excludeTables;
    private final ToolSettings tools;

    private MySqlSource(Builder builder, Endpoint endpoint) {
        this.endpoint = endpoint;
        this.name = builder.name != null ? builder.name : SourceNames.derive(endpoint.database());
        this.includeTables = List.copyOf(builder.includeTables);
        this.excludeTables = List.copyOf(builder.excludeTables);
        this.tools = builder.tools();
    }

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

    /** {@code mysql://user@host:port/db}, never the password. */
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
        return "sql";
    }

    /** Reads the server version and finds the dump tool while the backup takes its lock; see {@link #writeTo}. */
    @Override
    public Callable<? extends AutoCloseable> headStart(String backupRef) {
        return () -> probe(backupRef);
    }

    @Override
    public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
        String ref = context.backupRef();
        Optional<Probe> prepared = context.headStart().take(Probe.class);
        Probe probe = prepared.isPresent() ? prepared.get() : probe(ref);
        String serverVersion = probe.serverVersion();
        LocatedTool dump = probe.dump();
        MySqlDumpRowCounter counter = new MySqlDumpRowCounter(new NonClosing(out));
        try (SecretFile defaults = MySqlClient.defaultsFile(context.tempDir(), endpoint)) {
            List<String> argv = new ArrayList<>();
            argv.add(dump.path().toString());
            argv.addAll(MySqlClient.connectionArguments(defaults, endpoint));
            argv.addAll(List.of("--single-transaction", "--routines", "--triggers", "--events", "--hex-blob",
                    "--no-tablespaces"));
            if (!MySqlClient.isMariaDb(serverVersion)) {
                argv.add("--set-gtid-purged=OFF");
            }
            excludeTables.forEach(t -> argv.add("--ignore-table=" + endpoint.database() + "." + t));
            argv.add("--");
            argv.add(endpoint.database());
            argv.addAll(includeTables);
            try (ToolProcess process = ToolProcess.start(tools.launcher(), MySqlClient.spec(argv),
                    endpoint.password())) {
                process.stdin().close();
                process.copyStdout(counter);
                counter.flush();
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new ToolException(ErrorCode.TOOL_FAILED, ref, Stage.SOURCE, dump.name() + " of "
                            + description() + " exited with status " + exit + ": " + process.stderr());
                }
            }
        }

        List<TableInfo> tables = new ArrayList<>();
        for (Map.Entry<String, Long> entry : counter.entries()) {
            tables.add(new TableInfo(endpoint.database(), entry.getKey(), entry.getValue(), true));
        }
        return SourceReport.ofDatabase(new DatabaseInfo(MySqlClient.product(serverVersion), serverVersion,
                dump.name(), dump.version().text(), endpoint.database(), tables));
    }

    /** The server's version and the dump tool that matches it. */
    private Probe probe(String ref) {
        String serverVersion;
        try (Connection connection = MySqlClient.connect(endpoint, ref, Stage.SOURCE)) {
            serverVersion = MySqlClient.serverVersion(connection);
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not read the server version of " + description(),
                    endpoint.password(), ref, Stage.SOURCE);
        }
        LocatedTool dump = tools.locator().locate(MySqlClient.dumpRequirement(serverVersion,
                MySqlClient.product(serverVersion) + " server " + serverVersion + " at " + description()), ref,
                Stage.SOURCE);
        return new Probe(serverVersion, dump);
    }

    /** What {@link #probe} found; holds nothing that needs closing. */
    private record Probe(String serverVersion, LocatedTool dump) implements AutoCloseable {
        @Override
        public void close() {
            // nothing open
        }
    }

    @Override
    public String toString() {
        return "MySqlSource[" + name + ", " + description() + "]";
    }

    /** Keeps the row counter from closing the pipeline's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Configures a {@link MySqlSource}. */
    public static final class Builder extends ServerConnectionBuilder<Builder> {
        private String name;
        private final List<String> includeTables = new ArrayList<>();
        private final List<String> excludeTables = new ArrayList<>();

        private Builder() {
            super(Endpoint.Family.MYSQL);
        }

        public Builder name(String name) {
            this.name = SourceNames.require(name);
            return this;
        }

        /** Dumps only these tables (plain names). */
        public Builder includeTables(String... tables) {
            includeTables.addAll(List.of(tables));
            return this;
        }

        /** Leaves these tables out ({@code --ignore-table}). */
        public Builder excludeTables(String... tables) {
            excludeTables.addAll(List.of(tables));
            return this;
        }

        public MySqlSource build() {
            Endpoint endpoint = endpoint("a MySQL/MariaDB source");
            if (endpoint.database() == null || endpoint.database().isEmpty()) {
                throw new IllegalStateException("the URL needs to name a database: " + endpoint.describe());
            }
            for (String table : includeTables) {
                if (table.startsWith("-")) {
                    throw new IllegalArgumentException("a table name may not start with '-': " + table);
                }
            }
            return new MySqlSource(this, endpoint);
        }
    }
}
