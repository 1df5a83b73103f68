package io.backline.verify.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a scratch copy holds after a test restore, as reported by {@link ScratchTarget#inspect()}: either the tables
 * with their exact row counts (a database) or the counts of a file tree. The verifier compares it with the manifest.
 *
 * @param tables the tables found, each with its exact row count; empty for a file tree
 * @param files  the file tree's counts; null for a database
 */
public record ScratchContents(List<TableRows> tables, TreeCounts files) {

    public ScratchContents {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** A restored database holding {@code tables}. */
    public static ScratchContents ofTables(List<TableRows> tables) {
        return new ScratchContents(Objects.requireNonNull(tables, "tables"), null);
    }

    /** A restored file tree. */
    public static ScratchContents ofFiles(TreeCounts files) {
        return new ScratchContents(List.of(), Objects.requireNonNull(files, "files"));
    }

    /**
     * One table of a restored database and its exact row count.
     *
     * @param schema the schema (PostgreSQL), database (MySQL) or {@code main} (SQLite); as the manifest spells it
     * @param name   the table's name, as the manifest spells it
     * @param rows   the exact number of rows ({@code SELECT count(*)})
     */
    public record TableRows(String schema, String name, long rows) {
        public TableRows {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The counts of a restored file tree, leaving out the paths that the manifest given to
     * {@link ScratchTargets#create} lists as skipped (a file that changed while it was archived is in the tar but not
     * in the manifest's counts).
     *
     * @param fileCount    regular files
     * @param dirCount     directories below the root (the root itself is not counted)
     * @param symlinkCount symbolic links
     * @param totalBytes   bytes of the regular files
     */
    public record TreeCounts(long fileCount, long dirCount, long symlinkCount, long totalBytes) {
    }
}
