package io.backline.jdbc;

import io.backline.core.manifest.BackupManifest;
import io.backline.jdbc.internal.Endpoint;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import io.backline.verify.spi.ScratchTargets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Scratch databases for restore drills ({@code VerificationLevel.TEST_RESTORE} of backup-verify's
 * {@code BackupVerifier}): each drill restores a database backup into a new database named
 * {@link ScratchContext#scratchName()} ({@code backline_verify_<id>}), reports each user table's exact row count,
 * and removes the database afterwards.
 *
 * <pre>{@code
 * ScratchDatabases scratch = ScratchDatabases.builder()
 *     .postgres("jdbc:postgresql://db-scratch:5432/postgres", "backline", passwordChars)
 *     .mysql("jdbc:mariadb://db-scratch:3306/", "backline", passwordChars)
 *     .build();                                              // SQLite and H2 drills need no server
 * BackupVerifier verifier = BackupVerifier.builder()…scratchTargets(scratch).build();
 * }</pre>
 *
 * <p>What goes where, decided by the manifest's payload format:
 * <ul>
 *   <li>{@code pg_dump-custom}: a database on the configured PostgreSQL server, restored by {@link PostgresTarget}
 *       ({@code CREATE_NEW}, {@code --no-owner --no-privileges}, so the drill works under a role other than the
 *       one that owned the source), and dropped with {@code DROP DATABASE … WITH (FORCE)} after other sessions
 *       are ended;</li>
 *   <li>{@code mysqldump-sql}: a database on the configured MySQL/MariaDB server, restored by {@link MySqlTarget}
 *       ({@code CREATE_NEW}) and dropped with {@code DROP DATABASE IF EXISTS};</li>
 *   <li>{@code sqlite-db}: an owner-only (0600) file {@code <tempDir>/backline_verify_<id>.sqlite}, restored by
 *       {@link SqliteTarget} and deleted afterwards;</li>
 *   <li>{@code h2-script}: the in-memory H2 database {@code jdbc:h2:mem:backline_verify_<id>}, restored by
 *       {@link H2Target} and shut down afterwards.</li>
 * </ul>
 *
 * <p>Guarantees: the scratch name must match {@code backline_verify_[a-z0-9_]*} and be at most 63 characters, or
 * nothing is created; a scratch database or file that already exists is refused, never reused or dropped (it
 * belongs to a drill still running, or to one that was killed: drop it by hand). {@code close()} removes the
 * scratch database even when the restore stopped half-way (PostgreSQL: other sessions on it are ended first), and
 * may be called again; a closed scratch place cannot be used again, so a late second {@code close()} never drops a
 * database a later drill created under the same name. Row counts are reported, not
 * judged: the verifier compares them with the manifest. Passwords reach the tools only through 0600 files and never
 * appear in arguments, messages, descriptions or {@link #toString()}. The drill needs the server user to be allowed
 * to create databases. Tool discovery is that of the targets ({@code pg_restore} of at least the dump's major
 * version; {@code mariadb} or {@code mysql} matching the server).
 *
 * <p>Not guaranteed: a JVM killed during a drill leaves the scratch database behind. SQLite and H2 drills need
 * their JDBC driver on the class path; without it those payloads are not {@linkplain #supports supported}.
 *
 * <p>Dependencies: this class implements backup-verify's SPI, so backup-jdbc declares backup-verify as an
 * <em>optional</em> dependency — hosts that run restore drills have backup-verify on their class path anyway, and
 * hosts that only back up and restore do not get it. Nothing else in backup-jdbc uses backup-verify.
 */
public final class ScratchDatabases implements ScratchTargets {
    private static final Pattern SAFE_NAME = Pattern.compile("backline_verify_[a-z0-9_]*");
    private static final int MAX_NAME = 63;

    private final ScratchServer postgres;
    private final ScratchServer mysql;
    private final boolean sqlite;
    private final boolean h2;

    private ScratchDatabases(Builder builder) {
        this.postgres = builder.postgres == null ? null : builder.postgres.withToolDirectory(builder.postgresTools);
        this.mysql = builder.mysql == null ? null : builder.mysql.withToolDirectory(builder.mysqlTools);
        this.sqlite = builder.embedded && hasClass("org.sqlite.JDBC");
        this.h2 = builder.embedded && hasClass("org.h2.Driver");
    }

    /** A new builder; embedded (SQLite, H2) drills are on unless turned off, server drills need a server. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a drill of this backup can run here: {@code pg_dump-custom} with a PostgreSQL server configured,
     * {@code mysqldump-sql} with a MySQL/MariaDB server configured, {@code sqlite-db} and {@code h2-script} when
     * embedded drills are on and the driver is present. Reads the manifest only.
     */
    @Override
    public boolean supports(BackupManifest manifest) {
        String format = manifest.payload() == null ? null : manifest.payload().format();
        if (format == null) {
            return false;
        }
        return switch (format) {
            case PostgresSource.PAYLOAD_FORMAT -> postgres != null;
            case MySqlSource.PAYLOAD_FORMAT -> mysql != null;
            case SqliteSource.PAYLOAD_FORMAT -> sqlite;
            case H2Source.PAYLOAD_FORMAT -> h2;
            default -> false;
        };
    }

    /**
     * Checks that the scratch database does not exist yet (opening the in-memory one for H2) and returns the place
     * to restore into. Nothing is left behind when this throws.
     *
     * @throws IllegalArgumentException the payload is not supported, or the scratch name is not safe to use
     * @throws io.backline.core.RestoreConflictException the scratch database or file exists already
     * @throws DatabaseAccessException the server cannot be reached or refuses the user
     */
    @Override
    public ScratchTarget create(BackupManifest manifest, ScratchContext context) throws IOException {
        Objects.requireNonNull(manifest, "manifest");
        String name = requireSafeName(context.scratchName());
        if (!supports(manifest)) {
            throw new IllegalArgumentException(describe() + " cannot restore payload '"
                    + (manifest.payload() == null ? null : manifest.payload().format()) + "' of "
                    + context.backupRef());
        }
        return switch (manifest.payload().format()) {
            case PostgresSource.PAYLOAD_FORMAT -> PostgresScratch.create(postgres, name, context);
            case MySqlSource.PAYLOAD_FORMAT -> MySqlScratch.create(mysql, name, manifest, context);
            case SqliteSource.PAYLOAD_FORMAT -> SqliteScratch.create(name, context);
            default -> H2Scratch.create(name, context);
        };
    }

    /**
     * {@code name} when it is {@code backline_verify_} followed by lower-case letters, digits and underscores, at most
     * 63 characters in all: safe as an unquoted identifier on every server and as a file name.
     *
     * @throws IllegalArgumentException otherwise
     */
    static String requireSafeName(String name) {
        if (name == null || name.length() > MAX_NAME || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a scratch database name needs to match backline_verify_[a-z0-9_]*"
                    + " and be at most " + MAX_NAME + " characters, not '" + name + "'");
        }
        return name;
    }

    @Override
    public String describe() {
        List<String> places = new ArrayList<>();
        if (postgres != null) {
            places.add(postgres.describe());
        }
        if (mysql != null) {
            places.add(mysql.describe());
        }
        if (sqlite) {
            places.add("SQLite files in the temp directory");
        }
        if (h2) {
            places.add("in-memory H2");
        }
        return "scratch databases on " + (places.isEmpty() ? "nothing" : String.join(", ", places));
    }

    @Override
    public String toString() {
        return "ScratchDatabases[" + describe() + "]";
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, ScratchDatabases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Configures {@link ScratchDatabases}; each setter checks its argument, {@link #build()} the drivers. */
    public static final class Builder {
        private ScratchServer postgres;
        private ScratchServer mysql;
        private Path postgresTools;
        private Path mysqlTools;
        private boolean embedded = true;

        private Builder() {
        }

        /**
         * The PostgreSQL server for drills of {@code pg_dump-custom} backups: {@code jdbc:postgresql://host:port/db}
         * or {@code postgresql://user@host:port/db}, user and password in the URL if at all. The database named is
         * the one connected to for {@code CREATE}/{@code DROP DATABASE} (default {@code postgres}).
         */
        public Builder postgres(String serverUrl) {
            this.postgres = ScratchServer.of(serverUrl, Endpoint.Family.POSTGRESQL, null, null);
            return this;
        }

        /** {@link #postgres(String)} with the user and password given apart; the array is copied. */
        public Builder postgres(String serverUrl, String user, char[] password) {
            this.postgres = ScratchServer.of(serverUrl, Endpoint.Family.POSTGRESQL,
                    Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** {@link #postgres(String, String, char[])} for a password held as a string. */
        public Builder postgres(String serverUrl, String user, String password) {
            char[] chars = Objects.requireNonNull(password, "password").toCharArray();
            try {
                return postgres(serverUrl, user, chars);
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
        }

        /**
         * The MySQL or MariaDB server for drills of {@code mysqldump-sql} backups: {@code jdbc:mariadb://host:port/},
         * {@code jdbc:mysql://…} or {@code mysql://user@host:port/}; a database in the URL is ignored.
         */
        public Builder mysql(String serverUrl) {
            this.mysql = ScratchServer.of(serverUrl, Endpoint.Family.MYSQL, null, null);
            return this;
        }

        /** {@link #mysql(String)} with the user and password given apart; the array is copied. */
        public Builder mysql(String serverUrl, String user, char[] password) {
            this.mysql = ScratchServer.of(serverUrl, Endpoint.Family.MYSQL,
                    Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** {@link #mysql(String, String, char[])} for a password held as a string. */
        public Builder mysql(String serverUrl, String user, String password) {
            char[] chars = Objects.requireNonNull(password, "password").toCharArray();
            try {
                return mysql(serverUrl, user, chars);
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
        }

        /** The directory holding the {@code pg_restore} to use; when set, no other place is searched. */
        public Builder postgresToolDirectory(Path directory) {
            this.postgresTools = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The directory holding the {@code mariadb}/{@code mysql} client; when set, no other place is searched. */
        public Builder mysqlToolDirectory(Path directory) {
            this.mysqlTools = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Whether SQLite and H2 backups are drilled in a temp file and in memory (default true). */
        public Builder embedded(boolean enabled) {
            this.embedded = enabled;
            return this;
        }

        /**
         * Builds the provider.
         *
         * @throws IllegalStateException when nothing is configured, or a server's JDBC driver is missing
         */
        public ScratchDatabases build() {
            if (postgres == null && mysql == null && !embedded) {
                throw new IllegalStateException("scratch databases need postgres(…), mysql(…) or embedded(true)");
            }
            if (postgres != null && !hasClass("org.postgresql.Driver")) {
                throw new IllegalStateException("postgres(…) needs the PostgreSQL JDBC driver (org.postgresql:"
                        + "postgresql) on the class path");
            }
            if (mysql != null && !hasClass("org.mariadb.jdbc.Driver") && !hasClass("com.mysql.cj.jdbc.Driver")) {
                throw new IllegalStateException("mysql(…) needs MariaDB Connector/J (org.mariadb.jdbc:"
                        + "mariadb-java-client) or MySQL Connector/J on the class path");
            }
            return new ScratchDatabases(this);
        }
    }
}
