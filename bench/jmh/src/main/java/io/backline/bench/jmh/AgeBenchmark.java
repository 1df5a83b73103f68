package io.backline.bench.jmh;

import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
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
 * age v1 payload throughput through {@link BackupEncryption}: X25519 header plus ChaCha20-Poly1305 STREAM in 64 KiB
 * chunks over {@code sizeMiB} of random bytes held in memory, written to / read from memory, on the calling thread.
 * Score: milliseconds per operation; MB/s = sizeMiB × 1.048576 / (ms / 1000) (bench/jmh.sh converts).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AgeBenchmark {
    @Param("64")
    public int sizeMiB;

    private byte[] plain;
    private byte[] sealed;
    private BackupEncryption encrypting;
    private BackupEncryption decrypting;
    private final byte[] buffer = new byte[1 << 16];

    @Setup
    public void setUp() throws IOException {
        plain = BenchData.random(sizeMiB << 20, 1);
        AgeIdentity identity = AgeKeys.generate();
        encrypting = BackupEncryption.toRecipients(identity.recipient());
        decrypting = BackupEncryption.withIdentities(identity);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + (plain.length >> 8) + 4096);
        try (OutputStream enc = encrypting.encrypt(out)) {
            enc.write(plain);
        }
        sealed = out.toByteArray();
    }

    @Benchmark
    public long encrypt() throws IOException {
        CountingSink sink = new CountingSink();
        try (OutputStream enc = encrypting.encrypt(sink)) {
            for (int off = 0; off < plain.length; off += buffer.length) {
                enc.write(plain, off, Math.min(buffer.length, plain.length - off));
            }
        }
        return sink.count;
    }

    @Benchmark
    public long decrypt() throws IOException {
        long total = 0;
        try (InputStream dec = decrypting.decrypt(new ByteArrayInputStream(sealed))) {
            for (int n; (n = dec.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }
}
