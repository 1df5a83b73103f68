package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.internal.StoredChecksum;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.spi.BlobInfo;
import io.backline.core.storage.InMemoryStorage;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applying a policy through {@link BackupManager}: delete order, history kept, dry runs change nothing. */
class RetentionApplyTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final BackupCatalogTest.MutableClock clock =
            new BackupCatalogTest.MutableClock(Instant.parse("2026-11-01T06:00:00Z"));
    private final List<BackupEvent> events = new ArrayList<>();
    private BackupManager manager;
    private String failedId;

    @BeforeEach
    void tenDailyBackupsAndOneFailure() {
        manager = BackupManager.builder().storage(storage).clock(clock).compression(Compression.zstd(1))
                .listener(events::add).build();
        for (int day = 0; day < 10; day++) {
            manager.backup(GeneratedSource.of("orders", 50_000)).orThrow();
            clock.now = clock.now.plus(Duration.ofDays(1));
        }
        failedId = manager.backup(GeneratedSource.failing("orders", 50_000, new IOException("boom"))).id();
    }

    @Test
    void dryRun_plansButChangesNothing() throws IOException {
        List<BlobInfo> before = storage.list("");

        RetentionResult result = manager.applyRetention("orders",
                RetentionPolicy.builder().keepLast(3).build(), true);

        assertThat(result.dryRun()).isTrue();
        assertThat(result.deleted()).hasSize(7);
        assertThat(result.freedBytes()).isPositive();
        assertThat(storage.list("")).isEqualTo(before);
    }

    @Test
    void apply_deletesArtifactsAndSidecars_keepsManifestsAsHistory() throws IOException {
        RetentionResult result = manager.applyRetention("orders",
                RetentionPolicy.builder().keepLast(3).build(), false);

        BackupCatalog catalog = manager.catalog();
        List<BackupSummary> live = catalog.list(BackupQuery.source("orders").status(BackupStatus.COMPLETED));
        assertThat(live).hasSize(3);
        for (BackupSummary kept : live) {
            StoredChecksum.check(storage, kept.manifest());
        }
        List<BackupSummary> history = catalog.list(BackupQuery.source("orders").includeDeleted()
                .status(BackupStatus.COMPLETED));
        assertThat(history).hasSize(10);
        assertThat(history.stream().filter(BackupSummary::deleted)).hasSize(7)
                .allSatisfy(b -> assertThat(b.manifest().deletedAt()).isEqualTo(clock.now));
        for (String ref : result.deleted()) {
            String id = ref.substring(ref.indexOf('/') + 1);
            assertThat(storage.list("orders/" + id)).extracting(BlobInfo::key)
                    .containsExactly("orders/" + id + ".manifest.json");
        }
        assertThat(events.stream().filter(e -> e instanceof BackupEvent.Deleted)).hasSize(7);
        assertThat(catalog.find(failedId).orElseThrow().status()).isEqualTo(BackupStatus.FAILED);
    }

    @Test
    void apply_removesLeftoversOfInterruptedAttempts() throws IOException {
        // an artifact whose manifest never became COMPLETED (as a crash between artifact and manifest leaves it)
        storage.put("orders/" + failedId + ".bin.zst", new byte[1234]);

        RetentionResult result = manager.applyRetention("orders",
                RetentionPolicy.builder().keepLast(20).build(), false);

        assertThat(result.cleaned()).containsExactly("orders/" + failedId);
        assertThat(storage.stat("orders/" + failedId + ".bin.zst")).isEmpty();
        assertThat(storage.stat("orders/" + failedId + ".manifest.json")).isPresent();
        assertThat(result.deleted()).isEmpty();
    }

    @Test
    void appliedTwice_isIdempotent() {
        RetentionPolicy policy = RetentionPolicy.builder().keepDaily(5).build();
        manager.applyRetention("orders", policy, false);

        RetentionResult second = manager.applyRetention("orders", policy, false);

        assertThat(second.deleted()).isEmpty();
        assertThat(manager.catalog().list(BackupQuery.source("orders").status(BackupStatus.COMPLETED))).hasSize(5);
    }
}
