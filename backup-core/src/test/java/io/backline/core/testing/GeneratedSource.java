package io.backline.core.testing;

import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A source that writes {@code size} deterministic, moderately compressible bytes without holding them, optionally
 * pausing half-way until released, or failing half-way. Reports itself as a database with one table.
 */
public final class GeneratedSource implements BackupSource {
    private final String name;
    private final long size;
    private final CountDownLatch halfway = new CountDownLatch(1);
    private final CountDownLatch release;
    private final IOException failure;

    private GeneratedSource(String name, long size, CountDownLatch release, IOException failure) {
        this.name = name;
        this.size = size;
        this.release = release;
        this.failure = failure;
    }

    public static GeneratedSource of(String name, long size) {
        return new GeneratedSource(name, size, null, null);
    }

    /** Pauses after half the bytes until {@code release} opens. */
    public static GeneratedSource pausing(String name, long size, CountDownLatch release) {
        return new GeneratedSource(name, size, release, null);
    }

    /** Throws {@code failure} after half the bytes. */
    public static GeneratedSource failing(String name, long size, IOException failure) {
        return new GeneratedSource(name, size, null, failure);
    }

    /** Opens once half the bytes are written. */
    public boolean awaitHalfway(long seconds) throws InterruptedException {
        return halfway.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DATABASE;
    }

    @Override
    public String description() {
        return "generated:" + size;
    }

    @Override
    public String payloadFormat() {
        return "generated";
    }

    @Override
    public String payloadExtension() {
        return "bin";
    }

    @Override
    public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
        byte[] block = new byte[1 << 16];
        long written = 0;
        long state = 0x9E3779B97F4A7C15L;
        boolean paused = false;
        while (written < size) {
            for (int i = 0; i < block.length; i += 8) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                // low entropy: about 2 random bits per byte, so zstd compresses it but it is not trivial
                long v = state & 0x0303030303030303L;
                for (int k = 0; k < 8; k++) {
                    block[i + k] = (byte) ('a' + ((v >>> (8 * k)) & 0xff));
                }
            }
            int n = (int) Math.min(block.length, size - written);
            out.write(block, 0, n);
            written += n;
            if (!paused && written >= size / 2) {
                paused = true;
                halfway.countDown();
                if (failure != null) {
                    throw failure;
                }
                if (release != null) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
        }
        halfway.countDown();
        return SourceReport.ofDatabase(new DatabaseInfo("generated", "1", "none", "1", name,
                List.of(new TableInfo("public", "blocks", size / block.length, true))));
    }
}
