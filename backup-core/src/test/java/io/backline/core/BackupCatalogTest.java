package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import io.backline.core.storage.InMemoryStorage;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {
    @TempDir
    Path temp;

    private final InMemoryStorage storage = InMemoryStorage.create();
    private MutableClock clock;

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void fillRepository() throws IOException {
        clock = new MutableClock(Instant.parse("2026-11-01T06:00:00Z"));
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("f"), "x");
        BackupManager manager = BackupManager.builder().storage(storage).clock(clock).build();
        for (int day = 0; day < 10; day++) {
            manager.backup(GeneratedSource.of("orders", 1000)).orThrow();
            manager.backup(FileSource.of("uploads", tree)).orThrow();
            if (day == 5) {
                manager.backup(GeneratedSource.failing("orders", 1000, new IOException("boom")));
            }
            clock.now = clock.now.plus(Duration.ofDays(1));
        }
    }

    @Test
    void list_isNewestFirst_acrossSources() {
        var all = BackupCatalog.of(storage, clock).list();

        assertThat(all).hasSize(21);
        assertThat(all).isSortedAccordingTo((a, b) -> b.startedAt().compareTo(a.startedAt()));
    }

    @Test
    void list_filtersBySourceKindStatusAndWindow() {
        BackupCatalog catalog = BackupCatalog.of(storage, clock);

        assertThat(catalog.list(BackupQuery.source("orders"))).hasSize(11);
        assertThat(catalog.list(BackupQuery.all().kind(SourceKind.FILES))).hasSize(10)
                .allSatisfy(b -> assertThat(b.source()).isEqualTo("uploads"));
        assertThat(catalog.list(BackupQuery.all().status(BackupStatus.FAILED))).singleElement()
                .satisfies(b -> assertThat(b.manifest().error().message()).contains("boom"));
        // clock is now 2026-11-11T06:00Z; the last 3 days hold the backups of 11-08, 11-09 and 11-10
        assertThat(catalog.list(BackupQuery.all().kind(SourceKind.DATABASE).within(Duration.ofDays(3))))
                .hasSize(3);
        assertThat(catalog.list(BackupQuery.all().between(Instant.parse("2026-11-06T00:00:00Z"),
                Instant.parse("2026-11-07T00:00:00Z")))).hasSize(3);
        assertThat(catalog.list(BackupQuery.all().limit(4))).hasSize(4);
    }

    @Test
    void latestCompleted_perSource_skipsFailures() {
        BackupCatalog catalog = BackupCatalog.of(storage, clock);

        assertThat(catalog.latestCompletedPerSource()).containsOnlyKeys("orders", "uploads");
        assertThat(catalog.latestCompleted("orders").orElseThrow().startedAt())
                .isEqualTo(Instant.parse("2026-11-10T06:00:00Z"));
        assertThat(catalog.sources()).containsExactly("orders", "uploads");
    }

    @Test
    void find_acceptsIdOrSourceSlashId() {
        BackupCatalog catalog = BackupCatalog.of(storage, clock);
        BackupSummary newest = catalog.list().get(0);

        assertThat(catalog.find(newest.id())).contains(newest);
        assertThat(catalog.find(newest.ref())).contains(newest);
        assertThat(catalog.find("20200101T000000Z-aaaaaaaa")).isEmpty();
    }

    @Test
    void malformedManifest_isLeftOutOfLists_andNamedByFind() throws IOException {
        String key = "orders/20261120T000000Z-broken00.manifest.json";
        storage.put(key, "{\"formatVersion\": 1, \"id\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(BackupCatalog.of(storage, clock).list(BackupQuery.source("orders"))).hasSize(11);
        assertThatThrownBy(() -> BackupCatalog.of(storage, clock).find("orders/20261120T000000Z-broken00"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining(key);
    }

    @Test
    void manifestOfANewerFormat_isRefusedWithAnUpgradeHint() throws IOException {
        String key = "orders/20261120T000000Z-future00.manifest.json";
        storage.put(key, "{\"formatVersion\": 2, \"id\": \"x\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> BackupCatalog.of(storage, clock).find("orders/20261120T000000Z-future00"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("upgrade Backline");
    }
}
