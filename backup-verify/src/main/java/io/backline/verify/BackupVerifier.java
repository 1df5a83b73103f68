package io.backline.verify;

import io.backline.core.BackupCatalog;
import io.backline.core.BackupException;
import io.backline.core.BackupQuery;
import io.backline.core.BackupReader;
import io.backline.core.BackupSummary;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.spi.Storage;
import io.backline.verify.internal.BudgetPlanner;
import io.backline.verify.internal.Inspectors;
import io.backline.verify.spi.ScratchTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies backups at a {@link VerificationLevel}, records every run beside its backup and reports on many at once.
 *
 * <pre>{@code
 * BackupVerifier verifier = BackupVerifier.builder()
 *     .storage(LocalStorage.at(Path.of("/var/backups/app")))
 *     .encryption(BackupEncryption.withIdentities(Path.of("/etc/backline/key.txt")))  // none() for CHECKSUM only
 *     .scratchTargets(DirectoryScratchTargets.under(Path.of("/var/tmp/backline-drills")))
 *     .byteBudget(50L << 30)                                                          // per verifyRecent run
 *     .build();
 * VerificationReport daily = verifier.verifyRecent(Duration.ofDays(7));
 * VerificationReport drill = verifier.verifyCritical(Duration.ofHours(24));
 * verifier.verifyOrThrow("orders-db/20261129T060000Z-k3v9q2xa", VerificationLevel.CONTENT);
 * }</pre>
 *
 * <p>Guarantees: each level runs only after the levels before it passed; the first failure stops the run and names
 * its level and pipeline stage. A level that cannot run (no key, no tool, no scratch target, an option turned off)
 * is SKIPPED with its reason, and a verification whose asked-for level was skipped is SKIPPED, never PASSED. A
 * CONTENT check skipped for want of a tool or of a checker for the payload format does not stop a test restore,
 * which checks more; the stage stays SKIPPED in the record. Every
 * verification of a backup writes a {@link VerificationRecord} beside it ({@code <id>.verify-<time>.json}); a record
 * that cannot be written becomes a warning on the result. Memory stays bounded whatever the backup size: payloads are
 * streamed, and only the names of tables and the counts of entries are kept. Scratch places are removed after every
 * test restore, passing or failing. Listener exceptions are logged and ignored.
 *
 * <p>Not guaranteed: verifications run one after another on the calling thread; two records of one backup written
 * within the same second replace each other. The catalog and the records are read afresh on each call.
 */
public final class BackupVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(BackupVerifier.class);

    private final VerifierSettings settings;
    private final VerificationLevel defaultLevel;
    private final VerificationLevel criticalLevel;
    private final long byteBudget;
    private final List<VerificationListener> listeners;
    private final BackupCatalog catalog;
    private final BackupReader records;

    private BackupVerifier(Builder builder) {
        this.settings = new VerifierSettings(builder.storage, builder.encryption, builder.clock, builder.tempDir,
                builder.verifyChecksum, builder.verifyEncryption, builder.verifyCompression, builder.testRestore,
                builder.scratchTargets, new Inspectors(builder.pgRestoreCommand, builder.sqlite3Command,
                builder.tempDir, builder.toolTimeout));
        this.defaultLevel = builder.defaultLevel;
        this.criticalLevel = builder.criticalLevel;
        this.byteBudget = builder.byteBudget;
        this.listeners = List.copyOf(builder.listeners);
        this.catalog = BackupCatalog.of(builder.storage, builder.clock);
        this.records = BackupReader.of(builder.storage, builder.encryption);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies backup {@code idOrRef} ({@code id} or {@code source/id}) at {@code level} and records the run. Never
     * throws for a damaged backup: the result says what failed.
     *
     * @throws BackupException NOT_FOUND when there is no such backup, or when storage cannot be listed
     */
    public VerificationResult verify(String idOrRef, VerificationLevel level) {
        Objects.requireNonNull(level, "level");
        BackupSummary summary = catalog.find(idOrRef).orElseThrow(() -> new BackupException(ErrorCode.NOT_FOUND,
                idOrRef, Stage.VERIFY, "no such backup in " + settings.storage().describe()));
        return run(summary, level);
    }

    /** Verifies {@code idOrRef} at the default level (INTEGRITY unless configured). */
    public VerificationResult verify(String idOrRef) {
        return verify(idOrRef, defaultLevel);
    }

    /**
     * Verifies {@code idOrRef} at {@code level} and returns the result when it passed.
     *
     * @throws BackupException the failure (naming the stage), or why the level could not be verified
     */
    public VerificationResult verifyOrThrow(String idOrRef, VerificationLevel level) {
        return verify(idOrRef, level).orThrow();
    }

    /**
     * Verifies the completed backups started within {@code period} at the default level (the original's
     * {@code verify_all_recent_backups(days=7)}). With a byte budget, only the least recently verified backups that
     * fit are verified and the others are reported as deferred; see {@link Builder#byteBudget(long)}.
     */
    public VerificationReport verifyRecent(Duration period) {
        return verifyRecent(period, defaultLevel);
    }

    /** {@link #verifyRecent(Duration)} at {@code level}. */
    public VerificationReport verifyRecent(Duration period, VerificationLevel level) {
        requirePositive(period);
        Instant now = settings.clock().instant();
        List<BackupSummary> inScope = catalog.list(BackupQuery.all().status(BackupStatus.COMPLETED).within(period));
        Map<String, Instant> lastVerified = lastVerified();
        Map<String, BackupSummary> byRef = new LinkedHashMap<>();
        List<BudgetPlanner.Candidate> candidates = new ArrayList<>();
        long total = 0;
        long largest = 0;
        for (BackupSummary summary : inScope) {
            long cost = cost(summary, level);
            byRef.put(summary.ref(), summary);
            candidates.add(new BudgetPlanner.Candidate(summary.ref(), summary.startedAt(), cost,
                    lastVerified.get(summary.ref())));
            total += cost;
            largest = Math.max(largest, cost);
        }
        BudgetPlanner.Plan plan = BudgetPlanner.plan(candidates, byteBudget);
        List<VerificationResult> results = new ArrayList<>();
        for (BudgetPlanner.Candidate candidate : plan.selected()) {
            results.add(run(byRef.get(candidate.ref()), level));
        }
        List<String> deferred = plan.deferred().stream().map(BudgetPlanner.Candidate::ref).toList();
        if (!deferred.isEmpty()) {
            LOG.info("byte budget of {} bytes spent; {} backups deferred to later runs", byteBudget, deferred.size());
        }
        long rotation = BudgetPlanner.periodRuns(total, largest, candidates.size(), byteBudget);
        return report(now, period, level, inScope, results, deferred, lastVerified, rotation);
    }

    /**
     * Verifies, at the critical level (TEST_RESTORE unless configured), the newest completed backup of each source
     * if it started within {@code period} — the deeper daily drill for what a restore would use first. The byte
     * budget does not apply.
     */
    public VerificationReport verifyCritical(Duration period) {
        requirePositive(period);
        Instant now = settings.clock().instant();
        List<BackupSummary> inScope = catalog.list(BackupQuery.all().status(BackupStatus.COMPLETED).within(period));
        Map<String, BackupSummary> newest = new LinkedHashMap<>();
        for (BackupSummary summary : inScope) {
            newest.putIfAbsent(summary.source(), summary);
        }
        Map<String, Instant> lastVerified = lastVerified();
        List<VerificationResult> results = new ArrayList<>();
        for (BackupSummary summary : newest.values()) {
            results.add(run(summary, criticalLevel));
        }
        return report(now, period, criticalLevel, inScope, results, List.of(), lastVerified, 1);
    }

    /** The storage verified. */
    public Storage storage() {
        return settings.storage();
    }

    private VerificationResult run(BackupSummary summary, VerificationLevel level) {
        VerificationResult result = new VerificationRun(settings, summary, level).execute();
        LOG.info("verification of {} at {}: {}{}", result.ref(), level, result.outcome(),
                result.reason().map(r -> " (" + r + ")").orElse(""));
        for (VerificationListener listener : listeners) {
            try {
                listener.verified(result);
            } catch (RuntimeException e) {
                LOG.warn("verification listener {} threw; ignored", listener, e);
            }
        }
        return result;
    }

    private VerificationReport report(Instant now, Duration period, VerificationLevel level,
                                      List<BackupSummary> inScope, List<VerificationResult> results,
                                      List<String> deferred, Map<String, Instant> lastVerified, long rotationRuns) {
        Map<String, Instant> verifiedAt = new HashMap<>(lastVerified);
        for (VerificationResult result : results) {
            if (!result.skipped()) {
                verifiedAt.merge(result.ref(), result.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Instant since = now.minus(period);
        Map<String, VerificationReport.Coverage> coverage = new HashMap<>();
        for (BackupSummary summary : inScope) {
            Instant at = verifiedAt.get(summary.ref());
            boolean verified = at != null && !at.isBefore(since);
            coverage.merge(summary.source(), new VerificationReport.Coverage(1, verified ? 1 : 0),
                    (a, b) -> new VerificationReport.Coverage(a.backups() + b.backups(), a.verified() + b.verified()));
        }
        return new VerificationReport(now, period, level, results, deferred, coverage, rotationRuns);
    }

    /** When each backup was last verified (passed or failed), by {@code source/id}. */
    private Map<String, Instant> lastVerified() {
        Map<String, Instant> last = new HashMap<>();
        for (VerificationRecord record : records.verifications(null)) {
            if (record.outcome() != VerificationRecord.Outcome.SKIPPED && record.startedAt() != null) {
                last.merge(record.ref(), record.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }

    /**
     * The most stored bytes verifying {@code summary} at {@code level} may read, for the byte budget: one pass per
     * level that reads. CHECKSUM and INTEGRITY share one pass when the backup is intact, but a failing INTEGRITY pass
     * reads the stored bytes once more to tell damage to them apart, so two are planned.
     */
    private long cost(BackupSummary summary, VerificationLevel level) {
        int passes = settings.verifyChecksum() ? 1 : 0;
        if (level.includes(VerificationLevel.INTEGRITY)) {
            passes++;
        }
        if (level.includes(VerificationLevel.TEST_RESTORE) && settings.testRestore()
                && settings.scratchTargets().stream().anyMatch(s -> s.supports(summary.manifest()))) {
            passes++;
        }
        return summary.storedBytes() * passes;
    }

    private static void requirePositive(Duration period) {
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period needs to be a positive duration, not " + period);
        }
    }

    @Override
    public String toString() {
        return "BackupVerifier[" + settings.storage().describe() + ", encryption " + settings.encryption()
                + ", default " + defaultLevel + ", critical " + criticalLevel
                + (byteBudget > 0 ? ", budget " + byteBudget + " bytes" : "") + "]";
    }

    /** Configures a {@link BackupVerifier}; every setter checks its argument, {@link #build()} the whole. */
    public static final class Builder {
        private Storage storage;
        private BackupEncryption encryption = BackupEncryption.none();
        private Clock clock = Clock.systemUTC();
        private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        private final List<ScratchTargets> scratchTargets = new ArrayList<>();
        private final List<VerificationListener> listeners = new ArrayList<>();
        private VerificationLevel defaultLevel = VerificationLevel.INTEGRITY;
        private VerificationLevel criticalLevel = VerificationLevel.TEST_RESTORE;
        private long byteBudget;
        private boolean verifyChecksum = true;
        private boolean verifyEncryption = true;
        private boolean verifyCompression = true;
        private boolean testRestore = true;
        private String pgRestoreCommand = "pg_restore";
        private String sqlite3Command = "sqlite3";
        private Duration toolTimeout = Duration.ofMinutes(10);

        private Builder() {
        }

        /** The repository to verify (required). */
        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /**
         * Identities or passphrase for encrypted backups; without them (the default {@link BackupEncryption#none()})
         * encrypted backups verify at CHECKSUM only and deeper levels are SKIPPED.
         */
        public Builder encryption(BackupEncryption value) {
            this.encryption = Objects.requireNonNull(value, "encryption");
            return this;
        }

        /** Where test restores go; the first provider that supports a backup is used. */
        public Builder scratchTargets(ScratchTargets... values) {
            for (ScratchTargets value : values) {
                this.scratchTargets.add(Objects.requireNonNull(value, "scratchTargets"));
            }
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where the SQLite content check may write its owner-only temp file (deleted at once). */
        public Builder tempDir(Path value) {
            this.tempDir = Objects.requireNonNull(value, "tempDir");
            return this;
        }

        public Builder listener(VerificationListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** The level of {@link #verify(String)} and {@link #verifyRecent(Duration)}; INTEGRITY by default. */
        public Builder defaultLevel(VerificationLevel value) {
            this.defaultLevel = Objects.requireNonNull(value, "defaultLevel");
            return this;
        }

        /** The level of {@link #verifyCritical(Duration)}; TEST_RESTORE by default. */
        public Builder criticalLevel(VerificationLevel value) {
            this.criticalLevel = Objects.requireNonNull(value, "criticalLevel");
            return this;
        }

        /**
         * The stored bytes one {@link #verifyRecent} run may read (0, the default, means no limit). A verification
         * costs the backup's stored size once per pass (CHECKSUM, the INTEGRITY/CONTENT pass, a test restore). The
         * least recently verified backups go first, each taken if it still fits, the first one always.
         *
         * <p>Period: with budget {@code B}, {@code S} the total cost of the backups in scope and {@code M} the
         * largest, a daily run verifies every backup at least once every {@code ⌈(S − M) / (B − M)⌉} days when
         * {@code B > M} (and every {@code n} days for {@code n} backups in any case); with new backups costing
         * {@code N} a day, every {@code ⌈(S − M) / (B − M − N)⌉} days. {@link VerificationReport#rotationPeriodRuns()}
         * gives the figure for the current repository.
         */
        public Builder byteBudget(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("byteBudget needs to be >= 0 (0 = no limit), not " + bytes);
            }
            this.byteBudget = bytes;
            return this;
        }

        /** Whether the CHECKSUM level reads and hashes the stored artifact (default on). */
        public Builder verifyChecksum(boolean value) {
            this.verifyChecksum = value;
            return this;
        }

        /**
         * Whether encrypted artifacts are decrypted and every chunk authenticated (default on). When off, encrypted
         * backups are SKIPPED from INTEGRITY on, since nothing deeper can be checked without decrypting.
         */
        public Builder verifyEncryption(boolean value) {
            this.verifyEncryption = value;
            return this;
        }

        /**
         * Whether payloads are decompressed to their end and their digest checked (default on). When off, encrypted
         * artifacts are still decrypted and authenticated at INTEGRITY; CONTENT and deeper are SKIPPED.
         */
        public Builder verifyCompression(boolean value) {
            this.verifyCompression = value;
            return this;
        }

        /** Whether TEST_RESTORE may restore into scratch targets (default on); when off it is SKIPPED. */
        public Builder testRestore(boolean value) {
            this.testRestore = value;
            return this;
        }

        /** The {@code pg_restore} used by the CONTENT check of PostgreSQL dumps (default: from the PATH). */
        public Builder pgRestoreCommand(String value) {
            this.pgRestoreCommand = requireText(value, "pgRestoreCommand");
            return this;
        }

        /** The {@code sqlite3} used when no SQLite JDBC driver is on the class path (default: from the PATH). */
        public Builder sqlite3Command(String value) {
            this.sqlite3Command = requireText(value, "sqlite3Command");
            return this;
        }

        /** How long a checking tool may run after its input ended (default 10 minutes). */
        public Builder toolTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("toolTimeout needs to be a positive duration, not " + value);
            }
            this.toolTimeout = value;
            return this;
        }

        public BackupVerifier build() {
            if (storage == null) {
                throw new IllegalStateException("storage needs to be set, e.g. LocalStorage.at(path)");
            }
            if (!Files.isDirectory(tempDir)) {
                throw new IllegalStateException("tempDir needs to be an existing directory, not " + tempDir);
            }
            return new BackupVerifier(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " needs to be a command name or path, not '" + value + "'");
            }
            return value;
        }
    }
}
