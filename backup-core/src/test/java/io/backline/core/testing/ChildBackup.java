package io.backline.core.testing;

import io.backline.core.BackupManager;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.RestoreResult;
import io.backline.core.storage.LocalStorage;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A backup run in a separate JVM by tests that kill it or limit its heap.
 * Usage: {@code ChildBackup hang REPO SIZE} (prints HALFWAY and waits forever) or {@code ChildBackup roundtrip REPO
 * SIZE} (backs up SIZE bytes, restores them into a counting target, prints OK and the counts).
 */
public final class ChildBackup {
    private ChildBackup() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path repo = Path.of(args[1]);
        long size = Long.parseLong(args[2]);
        BackupManager manager = BackupManager.builder().storage(LocalStorage.at(repo))
                .compression(Compression.zstd(1)).build();
        if ("hang".equals(mode)) {
            GeneratedSource source = GeneratedSource.pausing("victim", size, new CountDownLatch(1));
            Thread announcer = new Thread(() -> {
                try {
                    source.awaitHalfway(60);
                    System.out.println("HALFWAY");
                    System.out.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            announcer.start();
            manager.backup(source);
            return;
        }
        BackupResult result = manager.backup(GeneratedSource.of("big", size)).orThrow();
        CountingTarget target = new CountingTarget();
        RestoreResult restore = BackupRestorer.builder().storage(LocalStorage.at(repo)).build()
                .restore(result.id(), target).orThrow();
        System.out.println("OK content=" + result.contentBytes() + " stored=" + result.storedBytes() + " restored="
                + target.bytes() + " items=" + restore.items() + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
