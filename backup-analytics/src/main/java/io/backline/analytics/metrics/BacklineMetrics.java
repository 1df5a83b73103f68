package io.backline.analytics.metrics;

import io.backline.analytics.AnalyticsSnapshot;
import io.backline.analytics.AnalyticsSnapshot.SourceSnapshot;
import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.SpaceForecast;
import io.backline.core.manifest.BackupStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a repository's state to Micrometer. Names follow Micrometer's conventions; Prometheus shows them as:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Micrometer name</th><th>Prometheus name</th><th>tags</th><th>value</th></tr>
 *   <tr><td>backline.backup.last.success</td><td>backline_backup_last_success_seconds</td><td>source</td>
 *       <td>end of the newest completed backup, Unix time (NaN: never)</td></tr>
 *   <tr><td>backline.backup.last.verification</td><td>backline_backup_last_verification_seconds</td><td>source</td>
 *       <td>start of the newest verification run, Unix time (NaN: never)</td></tr>
 *   <tr><td>backline.backup.last.duration</td><td>backline_backup_last_duration_seconds</td><td>source</td>
 *       <td>duration of the newest completed backup</td></tr>
 *   <tr><td>backline.backup.last.size</td><td>backline_backup_last_size_bytes</td><td>source</td>
 *       <td>stored bytes of the newest completed backup</td></tr>
 *   <tr><td>backline.backups</td><td>backline_backups_total</td><td>source, status</td>
 *       <td>attempts recorded, by status (completed, failed, interrupted, running)</td></tr>
 *   <tr><td>backline.verification.pass.rate</td><td>backline_verification_pass_rate</td><td>source</td>
 *       <td>passed / (passed + failed) over the last 30 days, 0..1 (NaN: no runs)</td></tr>
 *   <tr><td>backline.storage.used</td><td>backline_storage_used_bytes</td><td>source</td>
 *       <td>bytes in use now</td></tr>
 *   <tr><td>backline.storage.forecast</td><td>backline_storage_forecast_bytes</td><td>bound, horizon</td>
 *       <td>forecast bytes in use at the horizon; bound is predicted, lower or upper (NaN: insufficient data)</td></tr>
 *   <tr><td>backline.storage.capacity</td><td>backline_storage_capacity_bytes</td><td></td>
 *       <td>the engine's configured capacity (NaN: none)</td></tr>
 * </table>
 *
 * <p>Every meter reads one cached {@link AnalyticsSnapshot}, refreshed lazily when a meter is read and the snapshot
 * is older than the refresh interval (60 s unless set): a scrape of all meters reads the repository at most once,
 * and scrapes within the interval not at all. A refresh that fails is logged and the previous snapshot kept.
 * Sources that appear later get their meters at the first refresh that sees them. The meters hold this binder
 * strongly (Micrometer's usual weak reference would let an unreferenced binder be collected and its meters go
 * stale). Thread safe.
 */
public final class BacklineMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(BacklineMetrics.class);

    private final BackupAnalyticsEngine engine;
    private final Duration refreshInterval;
    private final List<MeterRegistry> registries = new ArrayList<>();
    private final Set<String> boundSources = new HashSet<>();
    private AnalyticsSnapshot snapshot;
    private Instant refreshedAt;

    private BacklineMetrics(BackupAnalyticsEngine engine, Duration refreshInterval) {
        this.engine = engine;
        this.refreshInterval = refreshInterval;
    }

    /** Metrics over {@code engine}'s repository, refreshed at most every 60 seconds. */
    public static BacklineMetrics create(BackupAnalyticsEngine engine) {
        return create(engine, Duration.ofSeconds(60));
    }

    /** Metrics over {@code engine}'s repository, refreshed at most every {@code refreshInterval}. */
    public static BacklineMetrics create(BackupAnalyticsEngine engine, Duration refreshInterval) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refreshInterval needs to be >= 0, not " + refreshInterval);
        }
        return new BacklineMetrics(engine, refreshInterval);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String horizon = engine.forecastHorizon().toDays() + "d";
        for (String bound : List.of("predicted", "lower", "upper")) {
            Gauge.builder("backline.storage.forecast", this, m -> forecast(bound))
                    .tags("bound", bound, "horizon", horizon).baseUnit(BaseUnits.BYTES)
                    .description("Forecast bytes in use at the horizon").register(registry);
        }
        Gauge.builder("backline.storage.capacity", this, m -> capacity()).baseUnit(BaseUnits.BYTES)
                .description("Configured repository capacity").register(registry);
        synchronized (this) {
            registries.add(registry);
            for (String source : boundSources) {
                bindSource(registry, source);
            }
            current();
        }
    }

    /** The snapshot the meters show now, refreshed if it is older than the interval. */
    public synchronized AnalyticsSnapshot current() {
        Instant now = engine.clock().instant();
        if (snapshot == null || !now.isBefore(refreshedAt.plus(refreshInterval))) {
            try {
                snapshot = engine.snapshot();
                for (SourceSnapshot source : snapshot.sources()) {
                    if (boundSources.add(source.source())) {
                        registries.forEach(registry -> bindSource(registry, source.source()));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("backup metrics could not be refreshed, showing the previous values: {}", e.getMessage());
                if (snapshot == null) {
                    snapshot = new AnalyticsSnapshot(now, List.of(), 0, null,
                            new SpaceForecast.InsufficientData(now, engine.forecastHorizon(), 0,
                                    "the repository could not be read", List.of()));
                }
            }
            refreshedAt = now;
        }
        return snapshot;
    }

    private void bindSource(MeterRegistry registry, String source) {
        TimeGauge.builder("backline.backup.last.success", this, TimeUnit.MILLISECONDS,
                        m -> millis(source, s -> s.lastSuccessAt()))
                .tag("source", source).description("End of the newest completed backup").register(registry);
        TimeGauge.builder("backline.backup.last.verification", this, TimeUnit.MILLISECONDS,
                        m -> millis(source, s -> s.lastVerificationAt()))
                .tag("source", source).description("Start of the newest verification run").register(registry);
        TimeGauge.builder("backline.backup.last.duration", this, TimeUnit.SECONDS,
                        m -> value(source, s -> s.lastDurationSeconds() == null ? Double.NaN
                                : s.lastDurationSeconds()))
                .tag("source", source).description("Duration of the newest completed backup").register(registry);
        Gauge.builder("backline.backup.last.size", this, m -> value(source, s -> s.lastStoredBytes() == null
                        ? Double.NaN : s.lastStoredBytes()))
                .tag("source", source).baseUnit(BaseUnits.BYTES).description("Stored size of the newest completed backup")
                .register(registry);
        for (BackupStatus status : BackupStatus.values()) {
            FunctionCounter.builder("backline.backups", this,
                            m -> value(source, s -> s.attemptsByStatus().getOrDefault(status, 0L)))
                    .tags("source", source, "status", status.name().toLowerCase(Locale.ROOT))
                    .description("Backup attempts recorded, by status").register(registry);
        }
        Gauge.builder("backline.verification.pass.rate", this, m -> value(source,
                        s -> s.verificationPassRate() == null ? Double.NaN : s.verificationPassRate()))
                .tag("source", source).description("Verification pass rate over the last 30 days").register(registry);
        Gauge.builder("backline.storage.used", this, m -> value(source, SourceSnapshot::storageInUseBytes))
                .tag("source", source).baseUnit(BaseUnits.BYTES).description("Bytes in use").register(registry);
    }

    private double value(String source, ToDoubleFunction<SourceSnapshot> read) {
        return current().source(source).map(read::applyAsDouble).orElse(Double.NaN);
    }

    private double millis(String source, java.util.function.Function<SourceSnapshot, Instant> read) {
        return value(source, s -> {
            Instant at = read.apply(s);
            return at == null ? Double.NaN : at.toEpochMilli();
        });
    }

    private double forecast(String bound) {
        if (!(current().forecast() instanceof SpaceForecast.Predicted predicted)) {
            return Double.NaN;
        }
        return switch (bound) {
            case "lower" -> predicted.lowerBytes();
            case "upper" -> predicted.upperBytes();
            default -> predicted.predictedBytes();
        };
    }

    private double capacity() {
        return engine.capacityBytes().isPresent() ? engine.capacityBytes().getAsLong() : Double.NaN;
    }

    @Override
    public String toString() {
        return "BacklineMetrics[" + engine + ", refreshInterval=" + refreshInterval + "]";
    }
}
