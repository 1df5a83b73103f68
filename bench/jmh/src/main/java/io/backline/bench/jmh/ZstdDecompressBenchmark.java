package io.backline.bench.jmh;

import io.backline.core.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * zstd decompression through {@link Compression#decompress} of a level-{@code level} frame of {@code sizeMiB} of the
 * tree's mix, read in 128 KiB pieces (the restore and verify path). Score: ms per operation over the uncompressed size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ZstdDecompressBenchmark {
    @Param("64")
    public int sizeMiB;
    @Param("3")
    public int level;

    private byte[] frame;
    private final byte[] buffer = new byte[1 << 17];

    @Setup
    public void setUp() throws IOException {
        byte[] data = BenchData.mixed(sizeMiB << 20, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        try (OutputStream z = Compression.zstd(level, 0).compress(out)) {
            z.write(data);
        }
        frame = out.toByteArray();
    }

    @Benchmark
    public long decompress() throws IOException {
        long total = 0;
        try (InputStream z = Compression.zstd(level, 0).decompress(new ByteArrayInputStream(frame))) {
            for (int n; (n = z.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }
}
