package io.backline.s3;

import io.backline.core.BackupManager;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.RestoreResult;
import io.backline.core.testing.CountingTarget;
import io.backline.core.testing.GeneratedSource;
import java.net.URI;

/**
 * A backup to S3 and its restore, run in a separate JVM by {@link S3BoundedMemoryTest} with a small heap.
 * Usage: {@code S3ChildBackup ENDPOINT BUCKET SIZE}; prints {@code OK content=… stored=… restored=… maxHeap=…}.
 */
public final class S3ChildBackup {
    private S3ChildBackup() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        long size = Long.parseLong(args[2]);
        try (S3Storage storage = S3TestServer.storageAt(endpoint, bucket).keyPrefix("bounded")
                .partSize(5L * 1024 * 1024).maxPartsInFlight(2).conditionalWrites(ConditionalWrites.EMULATED)
                .build()) {
            BackupManager manager = BackupManager.builder().storage(storage).compression(Compression.zstd(1)).build();
            BackupResult result = manager.backup(GeneratedSource.of("big", size)).orThrow();
            CountingTarget target = new CountingTarget();
            RestoreResult restore = BackupRestorer.builder().storage(storage).build()
                    .restore(result.id(), target).orThrow();
            System.out.println("OK content=" + result.contentBytes() + " stored=" + result.storedBytes()
                    + " restored=" + target.bytes() + " items=" + restore.items() + " maxHeap="
                    + Runtime.getRuntime().maxMemory());
        }
    }
}
