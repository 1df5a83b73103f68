import io.backline.core.BackupManager;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import io.backline.core.RestoreResult;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.spi.Storage;
import io.backline.core.storage.LocalStorage;
import io.backline.s3.S3Storage;
import io.backline.s3.S3TestServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * Backup and restore of a tree to LocalStorage and to an S3-compatible server running in this JVM (s3proxy with a
 * filesystem blob store), alternating, with wall time, throughput and the peak heap of each phase.
 *
 * <pre>java -cp CLASSPATH bench/s3/S3Bench.java TREE_DIR WORK_DIR [ROUNDS]</pre>
 * The peak heap of the S3 rows includes the in-process server's own heap; the client alone is shown to fit in
 * 64 MiB by backup-s3's S3BoundedMemoryTest.
 */
public final class S3Bench {
    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long bytes;
        try (var walk = Files.walk(tree)) {
            bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "tree %s: %.1f MiB; JDK %s; %d rounds%n", tree, bytes / 1048576.0,
                System.getProperty("java.version"), rounds);
        try (AgeIdentity key = AgeKeys.generate(); S3TestServer server = S3TestServer.onDisk(work.resolve("s3"))) {
            server.createBucket("bench");
            for (int round = 1; round <= rounds; round++) {
                clean(work.resolve("local"));
                run("local", LocalStorage.at(work.resolve("local")), tree, work, key, bytes, round);
                try (S3Storage s3 = server.storage("bench").keyPrefix("round-" + round + "/").build()) {
                    run("s3", s3, tree, work, key, bytes, round);
                }
            }
        }
    }

    private static void run(String name, Storage storage, Path tree, Path work, AgeIdentity key, long bytes,
                            int round) throws Exception {
        resetPeaks();
        long t0 = System.nanoTime();
        BackupResult backup = BackupManager.builder().storage(storage).compression(Compression.zstd(3))
                .encryption(BackupEncryption.toRecipients(key.recipient().toString())).build()
                .backup(FileSource.of("bench", tree)).orThrow();
        long backupNanos = System.nanoTime() - t0;
        long backupPeak = heapPeak();

        Path target = work.resolve("restore-" + name);
        clean(target);
        resetPeaks();
        t0 = System.nanoTime();
        RestoreResult restore = BackupRestorer.builder().storage(storage)
                .encryption(BackupEncryption.withIdentities(key)).build().restoreFiles(backup.id(), target).orThrow();
        long restoreNanos = System.nanoTime() - t0;
        long restorePeak = heapPeak();
        System.out.printf(Locale.ROOT, "round %d %-6s backup %6.2f s %7.1f MB/s peak heap %6.1f MiB | restore %6.2f s"
                        + " %7.1f MB/s peak heap %6.1f MiB (%d entries, stored %.1f MiB)%n", round, name,
                backupNanos / 1e9, bytes / 1e6 / (backupNanos / 1e9), backupPeak / 1048576.0, restoreNanos / 1e9,
                bytes / 1e6 / (restoreNanos / 1e9), restorePeak / 1048576.0, restore.items(),
                backup.storedBytes() / 1048576.0);
        clean(target);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void clean(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
