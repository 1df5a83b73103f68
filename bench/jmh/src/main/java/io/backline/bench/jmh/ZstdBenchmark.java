package io.backline.bench.jmh;

import io.backline.core.Compression;
import java.io.IOException;
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
 * zstd through {@link Compression#zstd(int, int)} (zstd-jni) over {@code sizeMiB} of the tree's mix (65% log text,
 * 35% random), written in 128 KiB pieces as the pipeline does. {@code workers} = 0 compresses on the calling thread;
 * 1 adds one native worker thread (what the CLI's {@code zstd:3} uses on two cores). Score: ms per operation over {@code sizeMiB} of input (uncompressed) bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ZstdBenchmark {
    @Param("64")
    public int sizeMiB;
    @Param({"1", "3"})
    public int level;
    @Param({"0", "1"})
    public int workers;

    private byte[] data;
    private final byte[] buffer = new byte[1 << 17];

    @Setup
    public void setUp() throws IOException {
        data = BenchData.mixed(sizeMiB << 20, 7);
    }

    @Benchmark
    public long compress() throws IOException {
        CountingSink sink = new CountingSink();
        try (OutputStream z = Compression.zstd(level, workers).compress(sink)) {
            for (int off = 0; off < data.length; off += buffer.length) {
                z.write(data, off, Math.min(buffer.length, data.length - off));
            }
        }
        return sink.count;
    }
}
