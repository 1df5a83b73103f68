package io.backline.jdbc;

import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.jdbc.internal.Secrets;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContents.TableRows;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * What the scratch databases share: tables counted into {@link ScratchContents}, and cleanup errors without
 * secrets.
 */
final class ScratchTables {
    private ScratchTables() {
    }

    /** The tables as counted, each under its own schema. */
    static ScratchContents of(List<TableInfo> tables) {
        return ScratchContents.ofTables(tables.stream()
                .map(table -> new TableRows(table.schema(), table.name(), table.rows())).toList());
    }

    /** An {@link IOException} saying that {@code what} could not be removed, its cause's text masked. */
    static IOException cleanupFailure(String what, Exception cause, ScratchServer server) {
        char[] password = server == null ? null : server.endpoint().password();
        try {
            return new IOException("could not remove " + what + ": "
                    + Secrets.mask(String.valueOf(cause.getMessage()), password), cause instanceof IOException
                    || cause instanceof io.backline.core.BackupException ? cause : null);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
