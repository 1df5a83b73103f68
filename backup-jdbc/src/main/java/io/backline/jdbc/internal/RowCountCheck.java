package io.backline.jdbc.internal;

import io.backline.core.ErrorCode;
import io.backline.core.IntegrityException;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Compares a restored database's row counts with the exact counts in the manifest. */
public final class RowCountCheck {
    /** Counts a table's rows in the restored database; a missing table throws. */
    @FunctionalInterface
    public interface Counter {
        long count(TableInfo table) throws SQLException;
    }

    private RowCountCheck() {
    }

    /**
     * Checks every exactly-counted table of {@code manifest}.
     *
     * @return the total rows counted
     * @throws IntegrityException listing the tables whose counts differ or that are missing
     */
    public static long verify(BackupManifest manifest, Counter counter, String where, String backupRef) {
        if (manifest.database() == null) {
            return 0;
        }
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (TableInfo table : manifest.database().tables()) {
            String label = table.schema() == null ? table.name() : table.schema() + "." + table.name();
            try {
                long actual = counter.count(table);
                total += actual;
                if (table.rowsExact() && actual != table.rows()) {
                    problems.add(label + " has " + actual + " rows, the backup " + table.rows());
                }
            } catch (SQLException e) {
                problems.add(label + " could not be counted (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IntegrityException(ErrorCode.INTEGRITY, backupRef, Stage.RESTORE, "the restored copy in "
                    + where + " does not match the backup: " + String.join("; ", problems));
        }
        return total;
    }

    /** The sum of the manifest's row counts. */
    public static long expectedRows(BackupManifest manifest) {
        return manifest.database() == null ? 0
                : manifest.database().tables().stream().mapToLong(TableInfo::rows).sum();
    }
}
