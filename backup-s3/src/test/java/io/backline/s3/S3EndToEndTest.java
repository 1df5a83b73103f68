package io.backline.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.BackupManager;
import io.backline.core.BackupQuery;
import io.backline.core.BackupReader;
import io.backline.core.BackupResult;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupSummary;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import io.backline.core.RestoreResult;
import io.backline.core.RetentionPolicy;
import io.backline.core.RetentionResult;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.spi.BlobInfo;
import io.backline.core.testing.CountingTarget;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backline's whole cycle against an S3-compatible server: back up a file tree and a database-like stream, list,
 * check, read ranges, restore, apply retention, and hold the per-source lock, with {@link S3Storage} as the only
 * storage. Requests go through {@link S3FaultProxy} without faults, which gives the server conditional writes, so the
 * lock and the manifests' first writes use {@code If-None-Match: *}.
 */
class S3EndToEndTest {
    private static final long MIB = 1024 * 1024;
    private static final String BUCKET = "e2e";
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3TestServer server;
    private static S3FaultProxy proxy;

    @TempDir
    Path temp;

    private S3Storage storage;
    private BackupManager manager;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.inMemory();
        server.createBucket(BUCKET);
        proxy = new S3FaultProxy(server.port()).emulateConditionalWrites(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        proxy.close();
        server.close();
    }

    @BeforeEach
    void createStorage() {
        storage = S3TestServer.storageAt(proxy.endpoint(), BUCKET)
                .keyPrefix("backups/app-" + PREFIXES.incrementAndGet())
                .partSize(5 * MIB)
                .conditionalWrites(ConditionalWrites.NATIVE)
                .build();
        manager = BackupManager.builder().storage(storage).compression(Compression.zstd(1)).build();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void fileTree_isBackedUpListedCheckedAndRestoredIdentically() throws IOException {
        Path tree = tree();

        BackupResult result = manager.backup(FileSource.of("uploads", tree)).orThrow();

        BackupManifest manifest = result.manifest().orElseThrow();
        assertThat(manifest.status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(manifest.files().fileCount()).isEqualTo(3);
        assertThat(manifest.artifact().storedBytes()).isGreaterThan(5 * MIB); // went up as a multipart upload
        assertThat(manager.catalog().list(BackupQuery.source("uploads")))
                .singleElement().satisfies(b -> {
                    assertThat(b.id()).isEqualTo(result.id());
                    assertThat(b.status()).isEqualTo(BackupStatus.COMPLETED);
                });
        assertThat(storage.list("uploads/")).extracting(BlobInfo::key).containsExactly(
                "uploads/" + result.id() + ".manifest.json",
                "uploads/" + result.id() + ".sha256",
                "uploads/" + manifest.artifact().name());
        assertThat(storage.stat("backline-repository.json")).isPresent();
        BackupReader.of(storage, BackupEncryption.none()).checkStored(manifest);

        Path restored = temp.resolve("restored");
        RestoreResult restore = BackupRestorer.builder().storage(storage).build()
                .restoreFiles(result.id(), restored).orThrow();

        assertThat(restore.items()).isEqualTo(3);
        for (String file : List.of("random.bin", "docs/readme.txt", "docs/empty")) {
            assertThat(restored.resolve(file)).hasSameBinaryContentAs(tree.resolve(file));
        }
    }

    @Test
    void artifact_readInRanges_matchesTheWholeObject() throws IOException {
        BackupResult result = manager.backup(FileSource.of("uploads", tree())).orThrow();
        String key = "uploads/" + result.manifest().orElseThrow().artifact().name();
        byte[] whole;
        try (InputStream in = storage.get(key)) {
            whole = in.readAllBytes();
        }

        for (long[] range : new long[][] {{0, 1}, {5 * MIB - 3, 7}, {whole.length - 10, 10}, {12_345, 3 * MIB}}) {
            try (InputStream in = storage.get(key, range[0], range[1])) {
                assertThat(in.readAllBytes()).isEqualTo(
                        Arrays.copyOfRange(whole, (int) range[0], (int) (range[0] + range[1])));
            }
        }
        try (InputStream past = storage.get(key, whole.length + 5L, 10)) {
            assertThat(past.readAllBytes()).isEmpty();
        }
    }

    @Test
    void databaseLikeStream_isBackedUpAndRestoredByteForByte() throws IOException {
        long size = 40 * MIB;

        BackupResult result = manager.backup(GeneratedSource.of("orders-db", size)).orThrow();

        BackupManifest manifest = result.manifest().orElseThrow();
        assertThat(manifest.database().database()).isEqualTo("orders-db");
        assertThat(manifest.artifact().contentBytes()).isEqualTo(size);
        BackupReader reader = BackupReader.of(storage, BackupEncryption.none());
        reader.checkStored(manifest);
        try (BackupReader.Payload payload = reader.open(manifest)) {
            payload.transferTo(java.io.OutputStream.nullOutputStream());
            payload.verify();
        }

        CountingTarget target = new CountingTarget();
        BackupRestorer.builder().storage(storage).build().restore(result.id(), target).orThrow();
        assertThat(target.bytes()).isEqualTo(size);
    }

    @Test
    void retention_deletesOldArtifactsFromTheBucket_andKeepsTheirManifestsAsHistory() throws IOException {
        for (int i = 0; i < 3; i++) {
            manager.backup(GeneratedSource.of("orders-db", 100_000)).orThrow();
        }

        RetentionResult retention = manager.applyRetention("orders-db",
                RetentionPolicy.builder().keepLast(1).build(), false);

        assertThat(retention.deleted()).hasSize(2);
        List<BackupSummary> live = manager.catalog().list(BackupQuery.source("orders-db")
                .status(BackupStatus.COMPLETED));
        assertThat(live).hasSize(1);
        BackupReader.of(storage, BackupEncryption.none()).checkStored(live.get(0).manifest());
        for (String ref : retention.deleted()) {
            String id = ref.substring(ref.indexOf('/') + 1);
            assertThat(storage.list("orders-db/" + id)).extracting(BlobInfo::key)
                    .containsExactly("orders-db/" + id + ".manifest.json");
        }
        assertThat(manager.catalog().list(BackupQuery.source("orders-db").includeDeleted())).hasSize(3);
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void secondBackupOfASource_whileTheFirstRuns_isRefusedByTheLockInTheBucket() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GeneratedSource slow = GeneratedSource.pausing("orders-db", 12 * MIB, release);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BackupResult> first = pool.submit(() -> manager.backup(slow));
            assertThat(slow.awaitHalfway(30)).isTrue();
            // a second manager (as another process would have) on its own storage instance
            try (S3Storage other = S3TestServer.storageAt(proxy.endpoint(), BUCKET)
                    .keyPrefix(storage.keyPrefix()).conditionalWrites(ConditionalWrites.NATIVE).build()) {
                BackupResult second = BackupManager.builder().storage(other).build()
                        .backup(GeneratedSource.of("orders-db", 10));

                assertThat(second.succeeded()).isFalse();
                assertThat(second.error().orElseThrow().getMessage()).containsIgnoringCase("lock");
            }
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(storage.stat("orders-db/lock.json")).isEmpty();
    }

    private Path tree() throws IOException {
        Path root = Files.createDirectories(temp.resolve("tree/docs"));
        byte[] random = new byte[(int) (7 * MIB)];
        new SplittableRandom(7).nextBytes(random);
        Files.write(temp.resolve("tree/random.bin"), random);
        Files.writeString(root.resolve("readme.txt"), "backed up to a bucket\n".repeat(500),
                StandardCharsets.UTF_8);
        Files.write(root.resolve("empty"), new byte[0]);
        return temp.resolve("tree");
    }
}
