package io.backline.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.MutableClock;
import io.backline.analytics.SyntheticRepository;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.spi.BlobInfo;
import io.backline.core.storage.ForwardingStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final long MB = 1_000_000L;
    private static final Instant START = Instant.parse("2026-11-01T02:00:00Z");

    private final SyntheticRepository repo = new SyntheticRepository();
    private final AtomicInteger listings = new AtomicInteger();
    private final MutableClock clock = new MutableClock(START.plus(Duration.ofDays(10)));
    private BackupAnalyticsEngine engine;
    private String lastId;

    @BeforeEach
    void history() {
        for (int i = 0; i < 10; i++) {
            lastId = repo.completed("app", START.plus(Duration.ofDays(i)), 100 * MB, Duration.ofSeconds(90));
        }
        repo.failed("app", START.plus(Duration.ofDays(3)).plusSeconds(60), "SOURCE", "boom");
        repo.verification("app", lastId, START.plus(Duration.ofDays(9)).plusSeconds(3600), Outcome.PASSED);
        ForwardingStorage counting = new ForwardingStorage(repo.storage()) {
            @Override
            public List<BlobInfo> list(String prefix) throws IOException {
                listings.incrementAndGet();
                return super.list(prefix);
            }
        };
        engine = BackupAnalyticsEngine.builder().storage(counting).clock(clock).capacityBytes(5000 * MB).build();
    }

    @Test
    void prometheusShowsTheConventionalNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BacklineMetrics.create(engine).bindTo(registry);
        String scrape = registry.scrape();
        long lastSuccess = START.plus(Duration.ofDays(9)).plusSeconds(90).getEpochSecond();
        assertThat(scrape).contains(
                "backline_backup_last_success_seconds{source=\"app\"} " + (double) lastSuccess,
                "backline_backup_last_verification_seconds{source=\"app\"} "
                        + (double) START.plus(Duration.ofDays(9)).plusSeconds(3600).getEpochSecond(),
                "backline_backup_last_duration_seconds{source=\"app\"} 90.0",
                "backline_backup_last_size_bytes{source=\"app\"} 1.0E8",
                "backline_backups_total{source=\"app\",status=\"completed\"} 10.0",
                "backline_backups_total{source=\"app\",status=\"failed\"} 1.0",
                "backline_verification_pass_rate{source=\"app\"} 1.0",
                "backline_storage_used_bytes{source=\"app\"} 1.0E9",
                "backline_storage_forecast_bytes{bound=\"predicted\",horizon=\"30d\"} 4.0E9",
                "backline_storage_forecast_bytes{bound=\"upper\",horizon=\"30d\"}",
                "backline_storage_capacity_bytes 5.0E9");
    }

    @Test
    void theGrafanaDashboardUsesOnlyNamesTheBinderExports() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BacklineMetrics.create(engine).bindTo(registry);
        String scrape = registry.scrape();
        String root = System.getenv().getOrDefault("BACKLINE_REPO_ROOT", "..");
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of(root, "docs", "grafana",
                "backline-dashboard.json"));
        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("backline_[a-z_]+").matcher(dashboard);
        while (names.find()) {
            used.add(names.group());
        }
        assertThat(used).containsExactlyInAnyOrder("backline_backup_last_success_seconds",
                "backline_backup_last_verification_seconds", "backline_backup_last_duration_seconds",
                "backline_backup_last_size_bytes", "backline_backups_total", "backline_verification_pass_rate",
                "backline_storage_used_bytes", "backline_storage_forecast_bytes", "backline_storage_capacity_bytes");
        for (String name : used) {
            assertThat(scrape).as("exported %s", name).contains("\n" + name);
        }
    }

    @Test
    void aScrapeReadsTheRepositoryOnceAndScrapesWithinTheIntervalNotAtAll() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BacklineMetrics.create(engine, Duration.ofSeconds(30)).bindTo(registry);
        registry.scrape();
        assertThat(listings.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        registry.scrape();
        registry.scrape();
        assertThat(listings.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        registry.scrape();
        assertThat(listings.get()).isEqualTo(2);
    }

    @Test
    void gaugesShowFreshDataAfterTheIntervalIncludingNewSources() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BacklineMetrics.create(engine, Duration.ofSeconds(30)).bindTo(registry);
        assertThat(registry.get("backline.backups").tags("source", "app", "status", "completed").functionCounter()
                .count()).isEqualTo(10);
        repo.completed("app", clock.instant(), 100 * MB, Duration.ofSeconds(90));
        repo.completed("orders-db", clock.instant(), 7 * MB, Duration.ofSeconds(5));
        assertThat(registry.get("backline.backups").tags("source", "app", "status", "completed").functionCounter()
                .count()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(31));
        assertThat(registry.get("backline.backups").tags("source", "app", "status", "completed").functionCounter()
                .count()).isEqualTo(11);
        assertThat(registry.get("backline.storage.used").tag("source", "orders-db").gauge().value())
                .isEqualTo(7.0 * MB);
    }

    @Test
    void anUnreadableRepositoryKeepsThePreviousValues() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BacklineMetrics.create(engine, Duration.ZERO).bindTo(registry);
        repo.storage().put("backline-repository.json", "{\"format\":\"other\"}".getBytes());
        assertThat(registry.get("backline.storage.used").tag("source", "app").gauge().value()).isEqualTo(1.0e9);
    }
}
