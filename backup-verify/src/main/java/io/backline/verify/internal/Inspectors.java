package io.backline.verify.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Picks the {@link ContentInspector} for a payload format: {@code tar*} (FileSource and foreign tars),
 * {@code pg_dump-custom}, {@code mysqldump-sql}, {@code h2-script} and {@code sqlite-db}.
 *
 * @param pgRestore   the {@code pg_restore} command
 * @param sqlite3     the {@code sqlite3} command (used when no SQLite JDBC driver is on the class path)
 * @param tempDir     where the SQLite check may write its owner-only temp file
 * @param toolTimeout how long a tool may run after its input ended
 */
public record Inspectors(String pgRestore, String sqlite3, Path tempDir, Duration toolTimeout) {

    /** The inspector for {@code format}, or empty when there is no content check for it. */
    public Optional<ContentInspector> forFormat(String format) {
        if (format == null) {
            return Optional.empty();
        }
        if (format.startsWith("tar")) {
            return Optional.of(new TarInspector());
        }
        switch (format) {
            case "pg_dump-custom":
                return Optional.of(new PgDumpInspector(pgRestore, toolTimeout));
            case "mysqldump-sql":
                return Optional.of(SqlScriptInspector.mysqlDump());
            case "h2-script":
                return Optional.of(SqlScriptInspector.script());
            case "sqlite-db":
                return Optional.of(new SqliteInspector(tempDir, sqlite3, toolTimeout));
            default:
                return Optional.empty();
        }
    }
}
