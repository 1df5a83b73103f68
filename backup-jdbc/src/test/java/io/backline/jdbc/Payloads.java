package io.backline.jdbc;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.PayloadInfo;
import io.backline.core.manifest.BackupManifest.SourceInfo;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Runs sources into files and makes the manifests targets are given, as the backup manager would. */
final class Payloads {
    private Payloads() {
    }

    /** A backup written to a file, and what the source reported. */
    record Written(Path file, SourceReport report, BackupManifest manifest) {
    }

    static SourceContext sourceContext(Path tempDir) {
        return new SourceContext("test/20260101T000000Z-abcdefgh", tempDir, Clock.systemUTC());
    }

    static RestoreContext restoreContext(Path tempDir) {
        return new RestoreContext("test/20260101T000000Z-abcdefgh", tempDir, Clock.systemUTC());
    }

    static Written backup(BackupSource source, Path dir) throws IOException {
        Path file = dir.resolve(source.name() + "." + source.payloadExtension());
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        SourceReport report;
        try (OutputStream out = Files.newOutputStream(file)) {
            report = source.writeTo(out, sourceContext(temp));
        }
        return new Written(file, report, manifest(source, report));
    }

    static BackupManifest manifest(BackupSource source, SourceReport report) {
        return new BackupManifest("20260101T000000Z-abcdefgh", BackupManifest.FORMAT_VERSION,
                new SourceInfo(source.name(), source.kind(), source.description()), Map.of(), BackupStatus.COMPLETED,
                Instant.now(), Instant.now(), null, null, null, null, null,
                new PayloadInfo(source.payloadFormat()), report.database(), report.files(), null, null);
    }
}
