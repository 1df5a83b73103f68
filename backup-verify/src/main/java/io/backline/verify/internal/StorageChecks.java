package io.backline.verify.internal;

import io.backline.core.spi.Storage;
import io.backline.verify.HealthCheck;
import io.backline.verify.HealthStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The repository's checks: storage reachable, storage writable (a probe blob written and deleted), free space. */
public final class StorageChecks {
    /** The repository marker, whose presence shows the storage is reachable and is a Backline repository. */
    static final String MARKER = "backline-repository.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StorageChecks() {
    }

    public static HealthCheck reachable(Storage storage) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("storage", storage.describe());
        try {
            boolean marker = storage.stat(MARKER).isPresent();
            figures.put("marker", marker);
            return new HealthCheck("storage-reachable", HealthStatus.UP, marker ? "the repository is reachable"
                    : "the storage is reachable; it holds no backup yet (no repository marker)", figures);
        } catch (IOException | RuntimeException e) {
            return new HealthCheck("storage-reachable", HealthStatus.DOWN, "cannot reach " + storage.describe()
                    + ": " + e.getMessage(), figures);
        }
    }

    /** Writes and deletes {@code .backline-health-probe-<random>} at the repository's root. */
    public static HealthCheck writable(Storage storage) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String key = ".backline-health-probe-" + HexFormat.of().formatHex(random);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("probe", key);
        try {
            storage.put(key, "probe\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return new HealthCheck("storage-writable", HealthStatus.DOWN, "cannot write to " + storage.describe()
                    + ": " + e.getMessage(), figures);
        }
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            return new HealthCheck("storage-writable", HealthStatus.DEGRADED, "wrote but cannot delete the probe "
                    + key + ": " + e.getMessage(), figures);
        }
        return new HealthCheck("storage-writable", HealthStatus.UP, "a probe blob was written and deleted", figures);
    }

    /**
     * Free space of the file store holding {@code root}: DOWN when less than {@code nextBackup} bytes (the largest
     * newest backup would not fit again), DEGRADED when below {@code minFreeBytes} or {@code minFreeRatio}.
     */
    public static HealthCheck freeSpace(Path root, long nextBackup, long minFreeBytes, double minFreeRatio) {
        Map<String, Object> figures = new LinkedHashMap<>();
        try {
            FileStore store = Files.getFileStore(root);
            long usable = store.getUsableSpace();
            long total = store.getTotalSpace();
            double ratio = total == 0 ? 0 : (double) usable / total;
            figures.put("path", root.toString());
            figures.put("usableBytes", usable);
            figures.put("totalBytes", total);
            figures.put("usableRatio", Math.round(ratio * 1000) / 1000.0);
            figures.put("largestNewestBackupBytes", nextBackup);
            figures.put("minFreeBytes", minFreeBytes);
            figures.put("minFreeRatio", minFreeRatio);
            if (usable < nextBackup) {
                return new HealthCheck("free-space", HealthStatus.DOWN, usable + " bytes free: the next backup of "
                        + nextBackup + " bytes would not fit", figures);
            }
            if (usable < minFreeBytes || ratio < minFreeRatio) {
                return new HealthCheck("free-space", HealthStatus.DEGRADED, String.format(java.util.Locale.ROOT,
                        "%d bytes (%.1f%%) free, below the threshold of %d bytes or %.1f%%", usable, 100 * ratio,
                        minFreeBytes, 100 * minFreeRatio), figures);
            }
            return new HealthCheck("free-space", HealthStatus.UP, String.format(java.util.Locale.ROOT,
                    "%d bytes (%.1f%%) free", usable, 100 * ratio), figures);
        } catch (IOException e) {
            return new HealthCheck("free-space", HealthStatus.DOWN, "cannot read the free space of " + root + ": "
                    + e.getMessage(), figures);
        }
    }
}
