package io.backline.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.BackupManager;
import io.backline.core.BackupResult;
import io.backline.core.BackupSummary;
import io.backline.core.Compression;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobWriter;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads through a proxy that breaks them: dropped connections in the middle of a part, 500 and 503 answers and
 * stalls past the attempt timeout are retried until the object is whole; faults that outlast the retries fail the
 * write cleanly, with no object and no multipart upload left behind.
 */
class S3FaultsTest {
    private static final long MIB = 1024 * 1024;
    private static final String BUCKET = "faults";
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3TestServer server;

    private S3FaultProxy proxy;
    private S3Storage storage;
    private String prefix;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.inMemory();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new S3FaultProxy(server.port());
        prefix = "run-" + PREFIXES.incrementAndGet();
        storage = storage(4);
    }

    @AfterEach
    void stopProxy() throws IOException {
        storage.close();
        proxy.close();
    }

    private S3Storage storage(int maxAttempts) {
        return S3TestServer.storageAt(proxy.endpoint(), BUCKET)
                .keyPrefix(prefix)
                .partSize(5 * MIB)
                .maxAttempts(maxAttempts)
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .apiCallTimeout(Duration.ofSeconds(30))
                .conditionalWrites(ConditionalWrites.EMULATED)
                .build();
    }

    @Test
    void partDroppedMidBody_isSentAgain_andTheObjectIsWhole() throws Exception {
        proxy.inject(S3FaultProxy.Request::isUploadPart, S3FaultProxy.Fault.DROP_MID_BODY, 2);

        byte[] digest = writeRandom("src/big.bin", 12 * MIB + 333);

        assertThat(proxy.injected()).isEqualTo(2);
        assertThat(readDigest("src/big.bin")).isEqualTo(digest);
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void partsAnswered500And503_areSentAgain_andTheObjectIsWhole() throws Exception {
        proxy.inject(S3FaultProxy.Request::isUploadPart, S3FaultProxy.Fault.ANSWER_500, 1)
                .inject(S3FaultProxy.Request::isUploadPart, S3FaultProxy.Fault.ANSWER_503, 2);

        byte[] digest = writeRandom("src/big.bin", 11 * MIB);

        assertThat(proxy.injected()).isEqualTo(3);
        assertThat(readDigest("src/big.bin")).isEqualTo(digest);
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void smallObjectAnswered503_isSentAgain() throws Exception {
        proxy.inject(S3FaultProxy.Request::isPutObject, S3FaultProxy.Fault.ANSWER_503, 2);

        storage.put("src/manifest.json", "{\"v\":1}".getBytes());

        assertThat(proxy.injected()).isEqualTo(2);
        assertThat(new String(storage.readAll("src/manifest.json"))).isEqualTo("{\"v\":1}");
    }

    @Test
    void partStalledPastTheAttemptTimeout_isSentAgain() throws Exception {
        proxy.stallFor(20_000);
        proxy.inject(S3FaultProxy.Request::isUploadPart, S3FaultProxy.Fault.STALL, 1);

        long started = System.nanoTime();
        byte[] digest = writeRandom("src/big.bin", 6 * MIB);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(proxy.injected()).isEqualTo(1);
        assertThat(readDigest("src/big.bin")).isEqualTo(digest);
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void partFailingEveryAttempt_failsTheWrite_leavingNoObjectAndNoUpload() throws Exception {
        proxy.injectAlways(S3FaultProxy.Request::isUploadPart, S3FaultProxy.Fault.ANSWER_500);

        assertThatThrownBy(() -> writeRandom("src/doomed.bin", 12 * MIB))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("s3://" + BUCKET + "/" + prefix + "/src/doomed.bin")
                .hasMessageContaining("500");

        assertThat(storage.stat("src/doomed.bin")).isEmpty();
        assertThat(storage.list("")).isEmpty();
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
        // 4 attempts of part 1 at least; then nothing more was sent for parts after the failure was seen
        assertThat(proxy.requests().stream().filter(r -> r.startsWith("DELETE") && r.contains("uploadId=")))
                .hasSize(1);
    }

    @Test
    void partDroppedOnEveryAttempt_failsTheWrite_leavingNoObjectAndNoUpload() throws Exception {
        proxy.injectAlways(S3FaultProxy.Request::isUploadPart, S3FaultProxy.Fault.DROP_MID_BODY);

        assertThatThrownBy(() -> writeRandom("src/doomed.bin", 12 * MIB)).isInstanceOf(IOException.class);

        assertThat(storage.stat("src/doomed.bin")).isEmpty();
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void backupWhosePartsKeepFailing_recordsAFailedManifest_andLeavesNoArtifactNoLockAndNoUpload() {
        proxy.injectAlways(S3FaultProxy.Request::isUploadPart, S3FaultProxy.Fault.ANSWER_503);
        BackupManager manager = BackupManager.builder().storage(storage).compression(Compression.none()).build();

        BackupResult result = manager.backup(GeneratedSource.of("orders", 12 * MIB));

        assertThat(result.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("orders/" + result.id());
        BackupSummary summary = manager.catalog().find(result.id()).orElseThrow();
        assertThat(summary.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(summary.manifest().error().message()).contains("503");
        assertThat(listKeys("orders/")).containsExactly("orders/" + result.id() + ".manifest.json");
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void serviceWithoutConditionalWrites_getsAClearMessageNamingTheFallback() throws Exception {
        proxy.inject(r -> r.isPutObject() && "*".equals(r.header("If-None-Match")),
                S3FaultProxy.Fault.ANSWER_501, 1);
        try (S3Storage nativeWrites = S3TestServer.storageAt(proxy.endpoint(), BUCKET).keyPrefix(prefix)
                .maxAttempts(1).conditionalWrites(ConditionalWrites.NATIVE).build()) {
            assertThatThrownBy(() -> nativeWrites.putIfAbsent("orders/lock.json", new byte[] {1}))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("501")
                    .hasMessageContaining("conditionalWrites(ConditionalWrites.EMULATED)");
        }
    }

    @Test
    void cleanupLeftovers_abortsOldUploadsButNotThoseStillBeingWritten() throws Exception {
        // s3proxy reports a multipart upload's start as "now", so the storage's clock moves instead
        MutableClock clock = new MutableClock(Instant.now());
        String abandoned = prefix + "/src/abandoned.bin";
        try (var client = server.client()) {
            client.createMultipartUpload(r -> r.bucket(BUCKET).key(abandoned));
        }
        try (S3Storage clocked = S3TestServer.storageAt(proxy.endpoint(), BUCKET).keyPrefix(prefix)
                .partSize(5 * MIB).clock(clock).build();
             BlobWriter open = clocked.create("src/open.bin")) {
            open.write(new byte[(int) (6 * MIB)]);
            open.write(1); // the first part is full and more follows: the multipart upload starts
            assertThat(server.multipartUploads(BUCKET)).containsExactlyInAnyOrder(abandoned,
                    prefix + "/src/open.bin");

            assertThat(clocked.cleanupLeftovers(Duration.ofHours(1))).isZero();
            clock.now = clock.now.plus(Duration.ofHours(2));
            assertThat(clocked.cleanupLeftovers(Duration.ofHours(1))).isEqualTo(1);

            assertThat(server.multipartUploads(BUCKET)).containsExactly(prefix + "/src/open.bin");
            open.commit();
            assertThat(clocked.stat("src/open.bin")).map(BlobInfo::size).contains(6 * MIB + 1);
        }
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private java.util.List<String> listKeys(String listPrefix) {
        try {
            return storage.list(listPrefix).stream().map(BlobInfo::key).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] writeRandom(String key, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(size);
        byte[] chunk = new byte[64 * 1024 + 5];
        try (BlobWriter writer = storage.create(key)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                for (int i = 0; i < n; i++) {
                    chunk[i] = (byte) random.nextInt(256);
                }
                writer.write(chunk, 0, n);
                digest.update(chunk, 0, n);
                left -= n;
            }
            writer.commit();
        }
        return digest.digest();
    }

    private byte[] readDigest(String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = storage.get(key)) {
            byte[] buffer = new byte[32 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }
}
