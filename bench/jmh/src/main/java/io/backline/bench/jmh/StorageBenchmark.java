package io.backline.bench.jmh;

import io.backline.core.spi.BlobWriter;
import io.backline.core.storage.LocalStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link LocalStorage} put: create a pending blob, write {@code sizeMiB} in 128 KiB pieces, commit (fsync, atomic
 * move, directory sync). Includes the disk's fsync, so it depends on the disk and on what else writes to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StorageBenchmark {
    @Param("64")
    public int sizeMiB;

    private Path dir;
    private LocalStorage storage;
    private byte[] data;
    private int n;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("backline-jmh-storage");
        storage = LocalStorage.at(dir);
        data = BenchData.random(sizeMiB << 20, 5);
    }

    @TearDown(Level.Invocation)
    public void deleteBlob() throws IOException {
        storage.delete("bench/blob-" + n);
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public long put() throws IOException {
        n++;
        try (BlobWriter blob = storage.create("bench/blob-" + n)) {
            int piece = 1 << 17;
            for (int off = 0; off < data.length; off += piece) {
                blob.write(data, off, Math.min(piece, data.length - off));
            }
            blob.commit();
            return blob.bytesWritten();
        }
    }
}
