package io.backline.core.spi;

import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.FilesInfo;

/** What a source wrote, for the manifest: one of the two sections is set. */
public record SourceReport(DatabaseInfo database, FilesInfo files) {

    public static SourceReport ofFiles(FilesInfo files) {
        return new SourceReport(null, files);
    }

    public static SourceReport ofDatabase(DatabaseInfo database) {
        return new SourceReport(database, null);
    }
}
