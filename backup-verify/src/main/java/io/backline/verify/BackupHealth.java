package io.backline.verify;

import io.backline.core.BackupCatalog;
import io.backline.core.BackupQuery;
import io.backline.core.BackupReader;
import io.backline.core.BackupSummary;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.spi.Storage;
import io.backline.core.storage.LocalStorage;
import io.backline.verify.internal.SourceChecks;
import io.backline.verify.internal.StorageChecks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Turns a repository's backups and verification records into health signals (the original's {@code backup_health}):
 * per source, the RPO, the latest attempt, the size against recent history and the latest verification; for the
 * repository, storage reachable and writable and, on local storage, free space. Cheap enough for a health endpoint
 * polled every minute on small repositories: it reads the catalog and the verification records, never artifacts.
 *
 * <pre>{@code
 * BackupHealth health = BackupHealth.builder()
 *     .storage(LocalStorage.at(Path.of("/var/backups/app")))
 *     .defaultPolicy(HealthPolicy.builder().maxAge(Duration.ofHours(26)).build())
 *     .policy("orders-db", HealthPolicy.builder().maxAge(Duration.ofHours(2)).build())
 *     .expectSources("orders-db", "uploads")
 *     .build();
 * HealthReport report = health.check();   // report.status(): UP, DEGRADED or DOWN; report.toJson()
 * }</pre>
 *
 * <p>Guarantees: the overall status is the worst of every check; a source the host expects but that has no backup is
 * DOWN; a storage that cannot be read makes the report DOWN rather than throwing. Not guaranteed: the writable probe
 * leaves a blob behind if the process dies between writing and deleting it ({@code .backline-health-probe-*}).
 */
public final class BackupHealth {
    private final Storage storage;
    private final Clock clock;
    private final HealthPolicy defaultPolicy;
    private final Map<String, HealthPolicy> policies;
    private final List<String> expectedSources;
    private final boolean probeWrites;
    private final Path freeSpacePath;
    private final long minFreeBytes;
    private final double minFreeRatio;

    private BackupHealth(Builder builder) {
        this.storage = builder.storage;
        this.clock = builder.clock;
        this.defaultPolicy = builder.defaultPolicy;
        this.policies = Map.copyOf(builder.policies);
        this.expectedSources = List.copyOf(builder.expectedSources);
        this.probeWrites = builder.probeWrites;
        this.freeSpacePath = builder.freeSpacePath != null ? builder.freeSpacePath
                : storage instanceof LocalStorage local ? local.root() : null;
        this.minFreeBytes = builder.minFreeBytes;
        this.minFreeRatio = builder.minFreeRatio;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks the repository and every source now. */
    public HealthReport check() {
        Instant now = clock.instant();
        List<HealthCheck> repository = new ArrayList<>();
        HealthCheck reachable = StorageChecks.reachable(storage);
        repository.add(reachable);
        if (probeWrites) {
            repository.add(StorageChecks.writable(storage));
        }
        List<SourceHealth> sources = new ArrayList<>();
        Map<String, List<BackupSummary>> bySource = new LinkedHashMap<>();
        Map<String, List<VerificationRecord>> records = new HashMap<>();
        try {
            for (BackupSummary summary : BackupCatalog.of(storage, clock).list(BackupQuery.all())) {
                bySource.computeIfAbsent(summary.source(), s -> new ArrayList<>()).add(summary);
            }
            for (VerificationRecord record : BackupReader.of(storage, BackupEncryption.none()).verifications(null)) {
                records.computeIfAbsent(record.source(), s -> new ArrayList<>()).add(record);
            }
        } catch (RuntimeException e) {
            repository.add(new HealthCheck("catalog", HealthStatus.DOWN, "cannot read the catalog: "
                    + e.getMessage(), Map.of()));
        }
        TreeSet<String> names = new TreeSet<>(bySource.keySet());
        names.addAll(expectedSources);
        long largestNewest = 0;
        for (String name : names) {
            List<BackupSummary> attempts = bySource.getOrDefault(name, List.of());
            largestNewest = Math.max(largestNewest, attempts.stream()
                    .filter(s -> s.status() == BackupStatus.COMPLETED).findFirst()
                    .map(BackupSummary::storedBytes).orElse(0L));
            List<HealthCheck> checks = SourceChecks.evaluate(attempts, records.getOrDefault(name, List.of()),
                    policies.getOrDefault(name, defaultPolicy), now);
            sources.add(new SourceHealth(name, worst(checks), checks));
        }
        if (freeSpacePath != null) {
            repository.add(StorageChecks.freeSpace(freeSpacePath, largestNewest, minFreeBytes, minFreeRatio));
        }
        HealthStatus overall = worst(repository);
        for (SourceHealth source : sources) {
            overall = overall.worst(source.status());
        }
        return new HealthReport(overall, now, storage.describe(), repository, sources);
    }

    private static HealthStatus worst(List<HealthCheck> checks) {
        HealthStatus status = HealthStatus.UP;
        for (HealthCheck check : checks) {
            status = status.worst(check.status());
        }
        return status;
    }

    @Override
    public String toString() {
        return "BackupHealth[" + storage.describe() + ", " + defaultPolicy + ", " + policies.size()
                + " source policies]";
    }

    /** Configures a {@link BackupHealth}. */
    public static final class Builder {
        private Storage storage;
        private Clock clock = Clock.systemUTC();
        private HealthPolicy defaultPolicy = HealthPolicy.defaults();
        private final Map<String, HealthPolicy> policies = new HashMap<>();
        private final List<String> expectedSources = new ArrayList<>();
        private boolean probeWrites = true;
        private Path freeSpacePath;
        private long minFreeBytes = 1L << 30;
        private double minFreeRatio = 0.05;

        private Builder() {
        }

        /** The repository (required). */
        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The policy of sources without one of their own. */
        public Builder defaultPolicy(HealthPolicy value) {
            this.defaultPolicy = Objects.requireNonNull(value, "defaultPolicy");
            return this;
        }

        /** The policy of {@code source}. */
        public Builder policy(String source, HealthPolicy value) {
            this.policies.put(Objects.requireNonNull(source, "source"), Objects.requireNonNull(value, "policy"));
            return this;
        }

        /** Sources that must have backups: one with none is DOWN rather than absent from the report. */
        public Builder expectSources(String... sources) {
            for (String source : sources) {
                this.expectedSources.add(Objects.requireNonNull(source, "source"));
            }
            return this;
        }

        /** Whether to check that storage is writable by writing and deleting a probe blob (default on). */
        public Builder probeWrites(boolean value) {
            this.probeWrites = value;
            return this;
        }

        /**
         * The path whose file store's free space is checked; by default the root of a {@link LocalStorage}, and no
         * check for other storages.
         */
        public Builder freeSpacePath(Path value) {
            this.freeSpacePath = Objects.requireNonNull(value, "freeSpacePath");
            return this;
        }

        /** Free space below this many bytes is DEGRADED (default 1 GiB). */
        public Builder minFreeBytes(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("minFreeBytes needs to be >= 0, not " + value);
            }
            this.minFreeBytes = value;
            return this;
        }

        /** Free space below this share of the file store is DEGRADED (default 0.05). */
        public Builder minFreeRatio(double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException("minFreeRatio needs to be in [0, 1), not " + value);
            }
            this.minFreeRatio = value;
            return this;
        }

        public BackupHealth build() {
            if (storage == null) {
                throw new IllegalStateException("storage needs to be set, e.g. LocalStorage.at(path)");
            }
            return new BackupHealth(this);
        }
    }
}
