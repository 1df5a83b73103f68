package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.Storage;
import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.CountingTarget;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupManagerTest {
    @TempDir
    Path temp;

    private Path tree() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data/sub"));
        Files.writeString(data.resolve("a.txt"), "hello backline\n".repeat(1000));
        Files.write(data.resolve("empty"), new byte[0]);
        return temp.resolve("data");
    }

    private BackupManager manager(Storage storage, Compression compression, List<BackupEvent> events) {
        return BackupManager.builder().storage(storage).compression(compression).listener(events::add).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd:3", "gzip:6", "none"})
    void backup_writesArtifactSidecarAndCompletedManifest_thenRestoresTheSameTree(String compression)
            throws IOException {
        Path repo = temp.resolve("repo");
        List<BackupEvent> events = Collections.synchronizedList(new ArrayList<>());
        BackupManager manager = manager(LocalStorage.at(repo), Compression.parse(compression), events);

        BackupResult result = manager.backup(FileSource.of("docs", tree())).orThrow();

        BackupManifest manifest = result.manifest().orElseThrow();
        String extension = Compression.parse(compression).extension();
        assertThat(manifest.status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(manifest.artifact().name()).isEqualTo(result.id() + ".tar" + extension);
        assertThat(manifest.files().fileCount()).isEqualTo(2);
        assertThat(manifest.payload().format()).isEqualTo("tar-pax");
        assertThat(manifest.duration()).isNotNull();
        assertThat(repo.resolve("backline-repository.json")).exists();
        assertThat(repo.resolve("docs/" + manifest.artifact().name())).hasSize(manifest.artifact().storedBytes());
        assertThat(Files.readString(repo.resolve("docs/" + result.id() + ".sha256")))
                .isEqualTo(manifest.artifact().sha256() + "  " + manifest.artifact().name() + "\n");
        assertThat(repo.resolve("docs/lock.json")).doesNotExist();
        assertThat(events).first().isInstanceOf(BackupEvent.Started.class);
        assertThat(events).last().isInstanceOf(BackupEvent.Completed.class);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(BackupEvent.Progress.class));

        Path restored = temp.resolve("restored");
        RestoreResult restore = BackupRestorer.builder().storage(LocalStorage.at(repo)).build()
                .restoreFiles(result.id(), restored).orThrow();
        assertThat(restore.items()).isEqualTo(2);
        assertThat(restored.resolve("sub/a.txt")).hasSameTextualContentAs(temp.resolve("data/sub/a.txt"));
        assertThat(restored.resolve("sub/empty")).isEmptyFile();
    }

    @Test
    void manifest_onDisk_readsBackEqualToTheResult() throws IOException {
        Path repo = temp.resolve("repo");
        BackupResult result = manager(LocalStorage.at(repo), Compression.zstd(1), new ArrayList<>())
                .backup(FileSource.of("docs", tree())).orThrow();

        byte[] json = Files.readAllBytes(repo.resolve("docs/" + result.id() + ".manifest.json"));
        assertThat(ManifestCodec.read(json, "m")).isEqualTo(result.manifest().orElseThrow());
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"formatVersion\" : 1")
                .contains("\"kind\" : \"files\"");
    }

    @Test
    void listenerThatThrows_isIgnoredAndTheBackupCompletes() throws IOException {
        BackupManager manager = BackupManager.builder().storage(LocalStorage.at(temp.resolve("repo")))
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                }).build();

        assertThat(manager.backup(FileSource.of("docs", tree())).succeeded()).isTrue();
    }

    @Test
    void failingSource_recordsFailedManifestWithStageAndCause_andLeavesNoArtifact() throws IOException {
        Path repo = temp.resolve("repo");
        List<BackupEvent> events = new ArrayList<>();
        BackupManager manager = manager(LocalStorage.at(repo), Compression.zstd(1), events);

        BackupResult result = manager.backup(GeneratedSource.failing("orders", 1 << 20,
                new IOException("disk read error")));

        assertThat(result.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(result.error().orElseThrow().stage()).contains(Stage.SOURCE);
        assertThat(result.error().orElseThrow().getMessage()).contains("orders/" + result.id())
                .contains("SOURCE").contains("disk read error");
        BackupSummary summary = manager.catalog().find(result.id()).orElseThrow();
        assertThat(summary.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(summary.manifest().error().stage()).isEqualTo("SOURCE");
        assertThat(summary.manifest().error().message()).contains("disk read error");
        try (var files = Files.list(repo.resolve("orders"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly(result.id() + ".manifest.json");
        }
        assertThat(events).last().isInstanceOf(BackupEvent.Failed.class);
    }

    @Test
    void secondBackupOfTheSameSource_whileTheFirstRuns_failsWithLocked() throws Exception {
        Path repo = temp.resolve("repo");
        BackupManager manager = manager(LocalStorage.at(repo), Compression.zstd(1), new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        GeneratedSource slow = GeneratedSource.pausing("orders", 1 << 20, release);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BackupResult> first = pool.submit(() -> manager.backup(slow));
            assertThat(slow.awaitHalfway(30)).isTrue();

            assertThat(manager.catalog().list(BackupQuery.source("orders")))
                    .singleElement().extracting(BackupSummary::status).isEqualTo(BackupStatus.RUNNING);
            BackupResult second = manager.backup(GeneratedSource.of("orders", 10));
            BackupResult other = manager.backup(GeneratedSource.of("invoices", 10));

            release.countDown();
            assertThat(first.get().succeeded()).isTrue();
            assertThat(second.status()).isEqualTo(BackupStatus.FAILED);
            assertThat(second.error().orElseThrow()).isInstanceOf(BackupLockedException.class);
            assertThat(second.error().orElseThrow().retryable()).isTrue();
            assertThat(other.succeeded()).as("another source is not blocked").isTrue();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void restore_ofDatabaseKindPayload_checksContentDigest() {
        Storage storage = LocalStorage.at(temp.resolve("repo"));
        BackupResult result = manager(storage, Compression.zstd(3), new ArrayList<>())
                .backup(GeneratedSource.of("orders", 3 * 65536 + 17)).orThrow();
        assertThat(result.manifest().orElseThrow().source().kind()).isEqualTo(SourceKind.DATABASE);

        CountingTarget target = new CountingTarget();
        RestoreResult restore = BackupRestorer.builder().storage(storage).build().restore(result.id(), target);

        assertThat(restore.succeeded()).isTrue();
        assertThat(target.bytes()).isEqualTo(3 * 65536 + 17);
    }

    @Test
    void invalidSourceName_isRefusedBeforeAnythingIsWritten() {
        BackupManager manager = BackupManager.builder().storage(LocalStorage.at(temp.resolve("repo"))).build();

        assertThatThrownBy(() -> manager.backup(GeneratedSource.of("Bad Name", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source name needs to match");
    }

    @Test
    void builder_withoutStorage_explainsWhatIsMissing() {
        assertThatThrownBy(() -> BackupManager.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("storage needs to be set");
    }
}
