package io.backline.jdbc;

import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.BackupException;
import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import io.backline.jdbc.internal.EmbeddedJdbc;
import io.backline.jdbc.internal.EmbeddedUrls;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.SecretFile;
import io.backline.jdbc.internal.SourceNames;
import io.backline.jdbc.internal.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A SQLite database file as a backup source: SQLite's online backup API copies a consistent snapshot into a 0600
 * temp file in the context's temp directory (the one plaintext temp file DESIGN allows), which is then streamed as
 * the payload and deleted in {@code finally}. The payload is a plain SQLite database file.
 *
 * <p>Guarantees: the copy is consistent even while the application writes (the backup API restarts or locks as
 * SQLite needs); row counts are counted in the copy, so they are exact. Needs {@code org.xerial:sqlite-jdbc}.
 *
 * <p>Not guaranteed: the temp directory needs room for a full copy of the database.
 */
public final class SqliteSource implements BackupSource {
    /** The payload format recorded in manifests. */
    public static final String PAYLOAD_FORMAT = "sqlite-db";

    private final String name;
    private final Path file;

    private SqliteSource(String name, Path file) {
        this.name = name;
        this.file = file;
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

    @Override
    public String description() {
        return "sqlite:" + file;
    }

    @Override
    public String payloadFormat() {
        return PAYLOAD_FORMAT;
    }

    @Override
    public String payloadExtension() {
        return "sqlite";
    }

    @Override
    public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
        String ref = context.backupRef();
        if (!Files.isRegularFile(file)) {
            throw new DatabaseAccessException(DatabaseAccessException.Problem.DATABASE_MISSING, null, ref,
                    Stage.SOURCE, "the SQLite database " + file + " does not exist", null);
        }
        try (SecretFile copy = SecretFile.create(context.tempDir(), "backline-sqlite-", new char[0])) {
            String version;
            List<TableInfo> tables;
            try (Connection source = EmbeddedJdbc.open("jdbc:sqlite:" + file, null, null, description(), ref,
                    Stage.SOURCE); Statement statement = source.createStatement()) {
                version = source.getMetaData().getDatabaseProductVersion();
                statement.executeUpdate("backup to \"" + copy.path() + "\"");
            } catch (SQLException e) {
                throw JdbcSupport.failure(e, "could not copy " + description(), null, ref, Stage.SOURCE);
            }
            try (Connection copied = EmbeddedJdbc.open("jdbc:sqlite:" + copy.path(), null, null, description(), ref,
                    Stage.SOURCE)) {
                tables = EmbeddedJdbc.sqliteTables(copied);
            } catch (SQLException e) {
                throw JdbcSupport.failure(e, "could not count the rows of the copy of " + description(), null, ref,
                        Stage.SOURCE);
            }
            try (InputStream in = Files.newInputStream(copy.path())) {
                Streams.copy(in, out);
            }
            return SourceReport.ofDatabase(new DatabaseInfo("SQLite", version, "sqlite online backup", version,
                    file.getFileName().toString(), tables));
        } catch (IllegalArgumentException e) {
            throw new BackupException(ErrorCode.SOURCE_FAILED, ref, Stage.SOURCE, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SqliteSource[" + name + ", " + description() + "]";
    }

    /** Configures a {@link SqliteSource}. */
    public static final class Builder {
        private String name;
        private Path file;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = SourceNames.require(name);
            return this;
        }

        /** The database file. */
        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /** {@code jdbc:sqlite:/path/to/file.db}; in-memory databases cannot be backed up. */
        public Builder jdbcUrl(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:")) {
                throw new IllegalArgumentException("jdbcUrl needs to start with jdbc:sqlite:");
            }
            this.file = EmbeddedUrls.sqliteFile(jdbcUrl).orElseThrow(() -> new IllegalArgumentException(
                    "jdbcUrl needs to name a database file, not an in-memory database"));
            return this;
        }

        public SqliteSource build() {
            if (file == null) {
                throw new IllegalStateException("a SQLite source needs file(…) or jdbcUrl(…)");
            }
            Path absolute = file.toAbsolutePath().normalize();
            return new SqliteSource(name != null ? name : EmbeddedUrls.nameOf(absolute.toString()), absolute);
        }
    }
}
