package io.backline.verify.internal;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContents.TableRows;
import io.backline.verify.spi.ScratchContents.TreeCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a scratch copy holds with what the manifest records: every table with an exact row count must be
 * there with exactly that many rows (tables with estimated counts must be there); a tree must have the manifest's
 * files, directories, symlinks and bytes. Tables the scratch copy has beyond the manifest's are not an error.
 */
public final class ScratchComparison {
    private ScratchComparison() {
    }

    /** The differences, in words; empty when the copy matches. */
    public static List<String> differences(BackupManifest manifest, ScratchContents contents) {
        List<String> differences = new ArrayList<>();
        if (manifest.database() != null) {
            compareTables(manifest.database().tables(), contents.tables(), differences);
        }
        if (manifest.files() != null) {
            compareTree(manifest.files(), contents.files(), differences);
        }
        return differences;
    }

    /** A one-line summary of a matching copy. */
    public static String summary(BackupManifest manifest, ScratchContents contents) {
        if (contents.files() != null) {
            TreeCounts tree = contents.files();
            return tree.fileCount() + " files (" + tree.totalBytes() + " bytes), " + tree.dirCount()
                    + " directories and " + tree.symlinkCount() + " symlinks restored as the manifest records";
        }
        long rows = contents.tables().stream().mapToLong(TableRows::rows).sum();
        int expected = manifest.database() == null ? 0 : manifest.database().tables().size();
        return contents.tables().size() + " tables (" + rows + " rows) restored; all " + expected
                + " tables of the manifest match";
    }

    private static void compareTables(List<TableInfo> expected, List<TableRows> found, List<String> differences) {
        Map<String, Long> rows = new HashMap<>();
        for (TableRows table : found) {
            rows.put(key(table.schema(), table.name()), table.rows());
        }
        for (TableInfo table : expected) {
            String name = (table.schema() == null ? "" : table.schema() + ".") + table.name();
            Long restored = rows.get(key(table.schema(), table.name()));
            if (restored == null) {
                differences.add(name + " is missing from the restored copy (the manifest records " + table.rows()
                        + " rows)");
            } else if (table.rowsExact() && restored != table.rows()) {
                differences.add(name + " has " + restored + " rows restored, the manifest records " + table.rows());
            }
        }
    }

    private static void compareTree(FilesInfo expected, TreeCounts found, List<String> differences) {
        if (found == null) {
            differences.add("the scratch target reported no file counts for a file-tree backup");
            return;
        }
        if (found.fileCount() != expected.fileCount() || found.totalBytes() != expected.totalBytes()) {
            differences.add(found.fileCount() + " files (" + found.totalBytes() + " bytes) restored, the manifest"
                    + " records " + expected.fileCount() + " files (" + expected.totalBytes() + " bytes)");
        }
        if (found.dirCount() != expected.dirCount()) {
            differences.add(found.dirCount() + " directories restored, the manifest records " + expected.dirCount());
        }
        if (found.symlinkCount() != expected.symlinkCount()) {
            differences.add(found.symlinkCount() + " symlinks restored, the manifest records "
                    + expected.symlinkCount());
        }
    }

    private static String key(String schema, String name) {
        return (schema == null ? "" : schema) + "\u0000" + name;
    }
}
