package io.backline.analytics;

import io.backline.analytics.internal.ForecastCalculator;
import io.backline.analytics.internal.History;
import io.backline.analytics.internal.ReportCalculator;
import io.backline.analytics.internal.SnapshotCalculator;
import io.backline.core.BackupCatalog;
import io.backline.core.BackupReader;
import io.backline.core.RetentionPolicy;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reports and forecasts over a Backline repository.
 *
 * <pre>{@code
 * BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder()
 *     .storage(LocalStorage.at(Path.of("/var/backups/app")))
 *     .zone(ZoneId.of("Europe/Berlin"))
 *     .retention("orders-db", policy)          // lets the forecast level off as retention would
 *     .capacityBytes(500L << 30)
 *     .build();
 * BackupReport yesterday = engine.dailyReport(LocalDate.now(zone).minusDays(1));
 * SpaceForecast in30Days = engine.predictSpaceNeeds(Duration.ofDays(30));
 * }</pre>
 *
 * <p>Every call reads the repository once — one listing, then the manifests (deleted, failed and interrupted
 * attempts included) and the verification records it names — and computes from that; nothing is cached between calls (the
 * metrics binder caches snapshots itself). Needs no key: it reads manifests and records only. Immutable and thread
 * safe. Days, weeks and months are counted in {@link #zone()} (UTC unless configured).
 */
public final class BackupAnalyticsEngine {
    /** The forecast horizon reports use unless configured. */
    public static final Duration DEFAULT_FORECAST_HORIZON = Duration.ofDays(30);

    private final BackupCatalog catalog;
    private final BackupReader reader;
    private final Clock clock;
    private final ZoneId zone;
    private final ForecastCalculator forecaster;
    private final Builder settings;

    private BackupAnalyticsEngine(Builder builder) {
        this.clock = builder.clock;
        this.catalog = builder.catalog != null ? builder.catalog : BackupCatalog.of(builder.storage, clock);
        this.reader = BackupReader.of(catalog.storage(), BackupEncryption.none());
        this.zone = builder.zone;
        this.forecaster = new ForecastCalculator(builder.forecastHorizon, builder.policies, builder.defaultPolicy,
                builder.capacityBytes);
        this.settings = builder;
    }

    /** A builder; {@link Builder#storage} or {@link Builder#catalog} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The report of one calendar day in {@link #zone()}. */
    public BackupReport dailyReport(LocalDate day) {
        return report(ReportPeriod.day(day, zone));
    }

    /** The report of the seven days ending with {@code lastDay} (inclusive), e.g. Monday to Sunday. */
    public BackupReport weeklyReport(LocalDate lastDay) {
        return report(ReportPeriod.week(lastDay, zone));
    }

    /** The report of one calendar month. */
    public BackupReport monthlyReport(YearMonth month) {
        return report(ReportPeriod.month(month, zone));
    }

    /** The report of the days {@code first} to {@code last}, both inclusive. */
    public BackupReport report(LocalDate first, LocalDate last) {
        return report(ReportPeriod.days(first, last, zone));
    }

    /** The report of the backups started in {@code [from, to)}. */
    public BackupReport report(Instant from, Instant to) {
        return report(ReportPeriod.between(from, to, zone));
    }

    /** The report of any period. */
    public BackupReport report(ReportPeriod period) {
        return reports(List.of(period)).get(0);
    }

    /** Several reports from one reading of the repository, in the order asked. */
    public List<BackupReport> reports(List<ReportPeriod> periods) {
        History history = load();
        ReportCalculator calculator = new ReportCalculator(forecaster);
        List<BackupReport> reports = new ArrayList<>(periods.size());
        for (ReportPeriod period : periods) {
            reports.add(calculator.compute(history, period));
        }
        return reports;
    }

    /**
     * Predicts the bytes in use {@code horizon} from now, with a 95% band, or says why it cannot.
     *
     * @throws IllegalArgumentException when the horizon is not positive
     */
    public SpaceForecast predictSpaceNeeds(Duration horizon) {
        Objects.requireNonNull(horizon, "horizon");
        return forecaster.forecast(load(), clock.instant(), horizon);
    }

    /** The current state, for metrics and health pages. */
    public AnalyticsSnapshot snapshot() {
        return new SnapshotCalculator(forecaster).compute(load());
    }

    /** The zone days are counted in. */
    public ZoneId zone() {
        return zone;
    }

    /** The clock "now" comes from. */
    public Clock clock() {
        return clock;
    }

    /** The configured capacity in bytes, if any. */
    public java.util.OptionalLong capacityBytes() {
        return settings.capacityBytes == null ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(settings.capacityBytes);
    }

    /** The horizon of the forecast included in reports and snapshots. */
    public Duration forecastHorizon() {
        return forecaster.horizon();
    }

    /** A builder holding this engine's settings. */
    public Builder toBuilder() {
        return settings.copy();
    }

    private History load() {
        return History.load(catalog, reader, clock.instant());
    }

    @Override
    public String toString() {
        return "BackupAnalyticsEngine[" + catalog.storage().describe() + ", zone=" + zone + ", horizon="
                + forecaster.horizon() + "]";
    }

    /** Collects the engine's settings; setters validate their arguments, {@link #build()} the whole. */
    public static final class Builder {
        private Storage storage;
        private BackupCatalog catalog;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("UTC");
        private final Map<String, RetentionPolicy> policies = new HashMap<>();
        private RetentionPolicy defaultPolicy;
        private Long capacityBytes;
        private Duration forecastHorizon = DEFAULT_FORECAST_HORIZON;

        private Builder() {
        }

        /** The repository to read. */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** A catalog to read instead of {@link #storage}; verification records are read from its storage. */
        public Builder catalog(BackupCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The clock for "now" (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The zone days are counted in (default UTC, so a report does not change when the host's zone does). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The retention policy every source without its own runs under, simulated by forecasts. */
        public Builder retention(RetentionPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "retention");
            return this;
        }

        /** The retention policy {@code source} runs under, simulated by forecasts. */
        public Builder retention(String source, RetentionPolicy policy) {
            policies.put(Objects.requireNonNull(source, "source"), Objects.requireNonNull(policy, "retention"));
            return this;
        }

        /** The repository's capacity in bytes, for {@link SpaceForecast.Predicted#daysUntilFull()}. */
        public Builder capacityBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("capacityBytes needs to be > 0, not " + bytes);
            }
            this.capacityBytes = bytes;
            return this;
        }

        /** The horizon of the forecast included in reports and snapshots (default 30 days). */
        public Builder forecastHorizon(Duration horizon) {
            Objects.requireNonNull(horizon, "forecastHorizon");
            if (horizon.isNegative() || horizon.isZero()) {
                throw new IllegalArgumentException("forecastHorizon needs to be positive, not " + horizon);
            }
            this.forecastHorizon = horizon;
            return this;
        }

        /**
         * The engine.
         *
         * @throws IllegalStateException when neither storage nor catalog is set, or both are
         */
        public BackupAnalyticsEngine build() {
            if (storage == null && catalog == null) {
                throw new IllegalStateException("set the storage (or a catalog) the engine reads");
            }
            if (storage != null && catalog != null) {
                throw new IllegalStateException("set either storage or catalog, not both");
            }
            return new BackupAnalyticsEngine(copy());
        }

        Builder copy() {
            Builder copy = new Builder();
            copy.storage = storage;
            copy.catalog = catalog;
            copy.clock = clock;
            copy.zone = zone;
            copy.policies.putAll(policies);
            copy.defaultPolicy = defaultPolicy;
            copy.capacityBytes = capacityBytes;
            copy.forecastHorizon = forecastHorizon;
            return copy;
        }
    }
}
