package io.backline.bench;

import io.backline.core.BackupRestorer;
import io.backline.core.Compression;
import io.backline.core.DirectoryTarget;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.internal.RepositoryLayout;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.storage.LocalStorage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A prototype of the two-thread read path proposed in docs/PERFORMANCE.md, built from public pieces only, to measure
 * what it would gain before anyone changes {@code ArtifactReader}: a producer thread runs fetch → stored SHA-256 →
 * age decrypt → zstd decompress into a bounded hand-off (4 × 1 MiB); the calling thread runs content SHA-256 and
 * either drains (verify) or extracts the tar through {@link DirectoryTarget} (restore). Both digests and sizes are
 * compared with the manifest at the end, as the library does; there is no stored-checksum pre-pass.
 *
 * <pre>
 * OverlapBench verify  REPO ID IDENTITY_FILE
 * OverlapBench restore REPO ID TARGET_DIR IDENTITY_FILE
 * </pre>
 * Not a library class and not a replacement for the library's error handling (stages, typed exceptions).
 */
public final class OverlapBench {
    private OverlapBench() {
    }

    public static void main(String[] args) throws Exception {
        Probe probe = Probe.start();
        probe.label("main");
        boolean restore = args[0].equals("restore");
        LocalStorage storage = LocalStorage.at(Path.of(args[1]));
        BackupEncryption encryption = BackupEncryption.withIdentities(Path.of(args[restore ? 4 : 3]));
        BackupManifest manifest = BackupRestorer.builder().storage(storage).encryption(encryption).build()
                .catalog().find(args[2]).orElseThrow().manifest();
        long t0 = System.nanoTime();
        MessageDigest storedSha = sha256();
        MessageDigest contentSha = sha256();
        long[] storedCount = new long[1];
        Handoff handoff = new Handoff(4, 1 << 20);
        Thread producer = new Thread(() -> {
            try (InputStream raw = storage.get(RepositoryLayout.artifactKey(manifest.source().name(),
                    manifest.artifact().name()));
                 CountingInput counted = new CountingInput(new BufferedInputStream(raw, 1 << 17));
                 InputStream stored = new DigestInputStream(counted, storedSha);
                 InputStream plain = encryption.decrypt(stored);
                 InputStream content = Compression.of(manifest.compression()).decompress(plain)) {
                OutputStream sink = handoff.sink();
                content.transferTo(sink);
                plain.transferTo(OutputStream.nullOutputStream()); // read age to its end: the last chunk authenticates
                stored.transferTo(OutputStream.nullOutputStream());
                storedCount[0] = counted.count;
                sink.close(); // only a complete, authenticated stream ends normally; a failure ends it with fail()
            } catch (IOException | RuntimeException e) {
                handoff.fail(e);
            }
        }, "bench-producer");
        producer.start();
        long contentBytes;
        long items = 0;
        try (CountingInput consumed = new CountingInput(new DigestInputStream(handoff.source(), contentSha))) {
            if (restore) {
                items = DirectoryTarget.of(Path.of(args[3]))
                        .restore(consumed, manifest, new RestoreContext(manifest.ref(), Path.of(args[3]),
                                Clock.systemUTC())).items();
            }
            consumed.transferTo(OutputStream.nullOutputStream());
            contentBytes = consumed.count;
        }
        producer.join();
        long elapsed = System.nanoTime() - t0;
        BackupManifest.ArtifactInfo a = manifest.artifact();
        boolean ok = HexFormat.of().formatHex(storedSha.digest()).equals(a.sha256()) && storedCount[0] == a.storedBytes()
                && HexFormat.of().formatHex(contentSha.digest()).equals(a.contentSha256())
                && contentBytes == a.contentBytes();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ok", ok);
        extra.put("content_bytes", contentBytes);
        extra.put("items", items);
        probe.report(args[0] + "-overlap", elapsed, extra);
        if (!ok) {
            System.err.println("FAILED: digests or sizes differ from the manifest");
            System.exit(1);
        }
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
