package io.backline.jdbc;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.jdbc.internal.EmbeddedJdbc;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.jdbc.internal.RowCountCheck;
import io.backline.jdbc.internal.Secrets;
import io.backline.jdbc.internal.SqlScriptReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;

/**
 * An H2 database as a restore target: the {@code h2-script} payload is read statement by statement (semicolons in
 * strings, quoted names, comments and {@code $$} bodies respected) and each statement executed; the script is
 * never held whole in memory.
 *
 * <p>Guarantees: {@code CREATE_NEW} requires a database without user tables or views (an H2 database comes into
 * being on first connection), checked in {@link #prepare} before anything changes; {@code REPLACE} runs
 * {@code DROP ALL OBJECTS} first. Row counts are checked against the manifest.
 *
 * <p>Not supported: {@code SAFE_REPLACE} ({@link Builder#build()} refuses it), because H2 cannot rename a database
 * and a side-by-side file swap needs every other connection closed; restore into a new database and switch the
 * application's URL instead. A failed {@code CREATE_NEW} restore drops what it created.
 */
public final class H2Target implements RestoreTarget {
    private final String url;
    private final String user;
    private final char[] password;
    private final RestoreMode mode;

    private H2Target(Builder builder) {
        this.url = builder.url;
        this.user = builder.user;
        this.password = builder.password;
        this.mode = builder.mode;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return Secrets.maskUrl(url) + " (" + mode + ")";
    }

    @Override
    public void prepare(BackupManifest manifest, RestoreContext context) {
        checkFormat(manifest, context.backupRef());
        if (mode == RestoreMode.CREATE_NEW) {
            try (Connection connection = open(context.backupRef())) {
                checkEmpty(connection, context.backupRef());
            } catch (SQLException e) {
                throw JdbcSupport.failure(e, "could not check " + Secrets.maskUrl(url), password,
                        context.backupRef(), Stage.RESTORE);
            }
        }
    }

    @Override
    public RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context)
            throws IOException {
        String ref = context.backupRef();
        checkFormat(manifest, ref);
        try (Connection connection = open(ref)) {
            if (mode == RestoreMode.CREATE_NEW) {
                checkEmpty(connection, ref);
            } else {
                execute(connection, "DROP ALL OBJECTS");
            }
            CountingInput counted = new CountingInput(payload);
            try {
                runScript(connection, counted);
                long rows = RowCountCheck.verify(manifest, table -> EmbeddedJdbc.count(connection, table.schema(),
                        table.name()), Secrets.maskUrl(url), ref);
                return new RestoreOutcome(Secrets.maskUrl(url), rows, counted.count);
            } catch (IOException | RuntimeException | SQLException e) {
                if (mode == RestoreMode.CREATE_NEW) {
                    try {
                        execute(connection, "DROP ALL OBJECTS");
                    } catch (SQLException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not restore into " + Secrets.maskUrl(url), password, ref,
                    Stage.RESTORE);
        }
    }

    private void runScript(Connection connection, InputStream payload) throws IOException, SQLException {
        Reader reader = new InputStreamReader(payload, StandardCharsets.UTF_8);
        SqlScriptReader statements = new SqlScriptReader(reader);
        try (Statement statement = connection.createStatement()) {
            String sql;
            while ((sql = statements.next()) != null) {
                statement.execute(sql);
            }
        }
        char[] rest = new char[8192];
        while (reader.read(rest) >= 0) {
            // Read to the end, as targets must.
        }
    }

    private void checkFormat(BackupManifest manifest, String ref) {
        if (manifest.payload() != null && manifest.payload().format() != null
                && !H2Source.PAYLOAD_FORMAT.equals(manifest.payload().format())) {
            throw new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref, Stage.RESTORE, "an H2 target takes "
                    + H2Source.PAYLOAD_FORMAT + " payloads, not " + manifest.payload().format());
        }
    }

    private void checkEmpty(Connection connection, String ref) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
            rows.next();
            if (rows.getLong(1) > 0) {
                throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE, "the H2 database "
                        + Secrets.maskUrl(url) + " already holds " + rows.getLong(1) + " tables or views; restore"
                        + " into a new database, or choose RestoreMode.REPLACE explicitly");
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection open(String ref) {
        return EmbeddedJdbc.open(url, user, password, Secrets.maskUrl(url), ref, Stage.RESTORE);
    }

    @Override
    public String toString() {
        return "H2Target[" + describe() + "]";
    }

    /** Counts the bytes read. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Configures an {@link H2Target}; {@link #mode(RestoreMode)} is required. */
    public static final class Builder {
        private String url;
        private String user;
        private char[] password;
        private RestoreMode mode;

        private Builder() {
        }

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

        public Builder mode(RestoreMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public H2Target build() {
            if (url == null) {
                throw new IllegalStateException("an H2 target needs jdbcUrl(…)");
            }
            if (mode == null) {
                throw new IllegalStateException("a restore target needs an explicit mode(RestoreMode)");
            }
            if (mode == RestoreMode.SAFE_REPLACE) {
                throw new IllegalStateException("H2 targets support CREATE_NEW and REPLACE, not SAFE_REPLACE:"
                        + " restore into a new H2 database and switch the application's URL instead");
            }
            return new H2Target(this);
        }
    }
}
