package io.backline.jdbc;

import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.spi.RestoreTarget;
import io.backline.jdbc.internal.EmbeddedJdbc;
import io.backline.jdbc.internal.JdbcSupport;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One drill's scratch SQLite file, {@code <tempDir>/backline_verify_<id>.sqlite}. {@link SqliteTarget}
 * ({@code CREATE_NEW}) writes it through an owner-only (0600) temp file beside it, checks the header and
 * {@code PRAGMA quick_check}, and moves it into place; {@link #inspect()} counts each table's rows;
 * {@link #close()} deletes it with its {@code -journal}, {@code -wal} and {@code -shm} companions.
 */
final class SqliteScratch implements ScratchTarget {
    private static final List<String> COMPANIONS = List.of("", "-journal", "-wal", "-shm");

    private final Path file;
    private final String ref;
    private final SqliteTarget target;
    private boolean closed;

    private SqliteScratch(Path file, String ref) {
        this.file = file;
        this.ref = ref;
        this.target = SqliteTarget.builder().file(file).mode(RestoreMode.CREATE_NEW).build();
    }

    /** Checks that the scratch file (and its companions) do not exist; creates nothing yet. */
    static SqliteScratch create(String name, ScratchContext context) {
        Path file = context.tempDir().toAbsolutePath().normalize().resolve(name + ".sqlite");
        for (String suffix : COMPANIONS) {
            Path path = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, context.backupRef(), Stage.RESTORE,
                        "the scratch file " + path + " already exists (a drill of this backup is running, or one"
                                + " was killed); it is left alone: delete it by hand");
            }
        }
        return new SqliteScratch(file, context.backupRef());
    }

    @Override
    public String describe() {
        return "SQLite file " + file;
    }

    @Override
    public RestoreTarget restoreTarget() {
        requireOpen();
        return target;
    }

    @Override
    public ScratchContents inspect() {
        requireOpen();
        try (Connection connection = EmbeddedJdbc.open("jdbc:sqlite:" + file, null, null, describe(), ref,
                Stage.RESTORE)) {
            return ScratchTables.of(EmbeddedJdbc.sqliteTables(connection));
        } catch (SQLException e) {
            throw JdbcSupport.failure(e, "could not count the rows in " + describe(), null, ref, Stage.RESTORE);
        }
    }

    /** Deletes the file and its companions; nothing to do when they are gone. */
    @Override
    public void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (String suffix : COMPANIONS) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                if (failure == null) {
                    failure = new IOException("could not remove " + describe() + ": " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " was closed; a scratch place serves one drill");
        }
    }

    @Override
    public String toString() {
        return "SqliteScratch[" + file + "]";
    }
}
