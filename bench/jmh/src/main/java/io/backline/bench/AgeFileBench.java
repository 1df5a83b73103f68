package io.backline.bench;

import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.BackupEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * age file encryption and decryption through {@link BackupEncryption}, for comparison with the {@code age} CLI on the
 * same file ({@code bench/age-vs-cli.sh}).
 *
 * <pre>
 * AgeFileBench encrypt|decrypt|encrypt-overlap|decrypt-overlap IN OUT KEYFILE
 * </pre>
 * {@code encrypt} encrypts to the recipient of the identity in KEYFILE (only its public half is used); {@code decrypt}
 * decrypts with it. Both run on one thread, as the library does today: read, crypto and write in turn. The
 * {@code -overlap} variants keep the library's single crypto stream but move file reading and writing to two more
 * threads with bounded hand-offs (4 × 1 MiB each), to show what overlapping I/O with the crypto stage gains on two
 * cores. Prints {@code BENCH} lines with {@code op_ms} (start-up excluded) and {@code mb_s} (10^6 bytes of plaintext
 * per second).
 */
public final class AgeFileBench {
    private static final int BUFFER = 1 << 17;

    private AgeFileBench() {
    }

    public static void main(String[] args) throws Exception {
        Probe probe = Probe.start();
        probe.label("main");
        if (args.length != 4) {
            System.err.println("usage: AgeFileBench encrypt|decrypt|encrypt-overlap|decrypt-overlap IN OUT KEYFILE");
            System.exit(2);
        }
        String op = args[0];
        Path in = Path.of(args[1]);
        Path out = Path.of(args[2]);
        List<AgeIdentity> identities = AgeIdentity.readFile(Path.of(args[3]));
        BackupEncryption encryption = op.startsWith("encrypt")
                ? BackupEncryption.toRecipients(identities.get(0).recipient())
                : BackupEncryption.withIdentities(identities);
        boolean overlap = op.endsWith("-overlap");
        long t0 = System.nanoTime();
        long plainBytes;
        if (!overlap) {
            try (InputStream source = Files.newInputStream(in); OutputStream sink = Files.newOutputStream(out)) {
                plainBytes = op.startsWith("encrypt")
                        ? copy(source, encryption.encrypt(sink), true)
                        : copy(encryption.decrypt(source), sink, false);
            }
        } else {
            plainBytes = overlapped(op.startsWith("encrypt"), encryption, in, out);
        }
        long elapsed = System.nanoTime() - t0;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ok", true);
        extra.put("plain_bytes", plainBytes);
        extra.put("mb_s", String.format(Locale.ROOT, "%.1f", plainBytes / (elapsed / 1e9) / 1e6));
        probe.report(op, elapsed, extra);
    }

    /** Copies and closes {@code to} when {@code closeTo} (ending the age stream); returns the bytes copied. */
    private static long copy(InputStream from, OutputStream to, boolean closeTo) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = from.read(buffer)) >= 0; ) {
            to.write(buffer, 0, n);
            total += n;
        }
        if (closeTo) {
            to.close();
        }
        return total;
    }

    private static long overlapped(boolean encrypt, BackupEncryption encryption, Path in, Path out) throws Exception {
        Handoff toCrypto = new Handoff(4, 1 << 20);
        Handoff toDisk = new Handoff(4, 1 << 20);
        Thread reader = new Thread(() -> {
            try (InputStream source = Files.newInputStream(in); OutputStream sink = toCrypto.sink()) {
                copy(source, sink, false);
            } catch (IOException | RuntimeException e) {
                toCrypto.fail(e);
            }
        }, "bench-reader");
        Exception[] writeError = new Exception[1];
        Thread writer = new Thread(() -> {
            try (InputStream source = toDisk.source(); OutputStream sink = Files.newOutputStream(out)) {
                copy(source, sink, false);
            } catch (IOException | RuntimeException e) {
                writeError[0] = e;
            }
        }, "bench-writer");
        reader.start();
        writer.start();
        long plain;
        try (OutputStream disk = toDisk.sink()) {
            plain = encrypt
                    ? copy(toCrypto.source(), encryption.encrypt(disk), true)
                    : copy(encryption.decrypt(toCrypto.source()), disk, false);
        }
        reader.join();
        writer.join();
        if (writeError[0] != null) {
            throw writeError[0];
        }
        return plain;
    }
}
