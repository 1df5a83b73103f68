package io.backline.jdbc;

import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import io.backline.jdbc.internal.EmbeddedJdbc;
import io.backline.jdbc.internal.EmbeddedUrls;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.Secrets;
import io.backline.jdbc.internal.SourceNames;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An H2 database as a backup source, in pure Java: the rows of H2's {@code SCRIPT} command (one SQL statement per
 * row) are written to the payload one by one, each followed by a newline. The payload is a SQL script that H2's
 * {@code RUNSCRIPT} or {@link H2Target} restores.
 *
 * <p>Guarantees: the row counts and the script come from one REPEATABLE READ transaction. Nothing is written to
 * disk. The password never appears in the description or {@link #toString()}.
 *
 * <p>Not guaranteed: memory is bounded by H2, which may buffer the {@code SCRIPT} result (H2 spills large results
 * to temp files of its own); the script contains H2's user definitions with their salted password hashes, as
 * {@code SCRIPT} writes them.
 */
public final class H2Source implements BackupSource {
    /** The payload format recorded in manifests. */
    public static final String PAYLOAD_FORMAT = "h2-script";

    private final String name;
    private final String url;
    private final String user;
    private final char[] password;

    private H2Source(Builder builder) {
        this.url = builder.url;
        this.user = builder.user;
        this.password = builder.password;
        this.name = builder.name != null ? builder.name : EmbeddedUrls.nameOf(EmbeddedUrls.h2Name(url));
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

    /** The JDBC URL with any {@code PASSWORD=} setting masked. */
    @Override
    public String description() {
        return Secrets.maskUrl(url);
    }

    @Override
    public String payloadFormat() {
        return PAYLOAD_FORMAT;
    }

    @Override
    public String payloadExtension() {
        return "sql";
    }

    @Override
    public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
        String ref = context.backupRef();
        try (Connection connection = EmbeddedJdbc.open(url, user, password, description(), ref, Stage.SOURCE)) {
            try {
                String version = connection.getMetaData().getDatabaseProductVersion();
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                List<TableInfo> tables = EmbeddedJdbc.h2Tables(connection);
                Writer writer = new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8),
                        64 * 1024);
                try (Statement statement = connection.createStatement()) {
                    statement.setFetchSize(100);
                    try (ResultSet rows = statement.executeQuery("SCRIPT")) {
                        while (rows.next()) {
                            writer.write(rows.getString(1));
                            writer.write('\n');
                        }
                    }
                }
                writer.flush();
                connection.rollback();
                return SourceReport.ofDatabase(new DatabaseInfo("H2", version, "h2 SCRIPT", version,
                        EmbeddedUrls.h2Name(url), tables));
            } catch (SQLException e) {
                throw JdbcSupport.failure(e, "could not script " + description(), password, ref, Stage.SOURCE);
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not close " + description(), password, ref, Stage.SOURCE);
        }
    }

    @Override
    public String toString() {
        return "H2Source[" + name + ", " + description() + "]";
    }

    /** Lets a writer be flushed without closing the pipeline's stream. */
    static final class NonClosing extends java.io.FilterOutputStream {
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

    /** Configures an {@link H2Source}. */
    public static final class Builder {
        private String name;
        private String url;
        private String user;
        private char[] password;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = SourceNames.require(name);
            return this;
        }

        /** {@code jdbc:h2:file:/path/db}, {@code jdbc:h2:mem:name}, {@code jdbc:h2:tcp://…}. */
        public Builder jdbcUrl(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException("jdbcUrl needs to start with jdbc:h2:");
            }
            this.url = jdbcUrl;
            return this;
        }

        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        public Builder password(String password) {
            return password(Objects.requireNonNull(password, "password").toCharArray());
        }

        public H2Source build() {
            if (url == null) {
                throw new IllegalStateException("an H2 source needs jdbcUrl(…)");
            }
            return new H2Source(this);
        }
    }
}
