package io.backline.bench.jmh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * SHA-256 ({@link MessageDigest}, the JDK provider the pipeline uses for the content and stored digests) over
 * {@code sizeMiB} in 128 KiB updates. The pipeline computes it twice on backup (content and stored bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Sha256Benchmark {
    @Param("64")
    public int sizeMiB;

    private byte[] data;

    @Setup
    public void setUp() {
        data = BenchData.random(sizeMiB << 20, 3);
    }

    @Benchmark
    public byte[] sha256() throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        int piece = 1 << 17;
        for (int off = 0; off < data.length; off += piece) {
            digest.update(data, off, Math.min(piece, data.length - off));
        }
        return digest.digest();
    }
}
