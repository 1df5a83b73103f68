package io.backline.verify;

import io.backline.core.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one run of {@link BackupVerifier#verifyRecent} or {@link BackupVerifier#verifyCritical} found: how many
 * backups passed, failed and were skipped, the pass rate, each failure with its stage and cause, the same per source,
 * and the coverage — the share of the completed backups of the period that were verified (passed or failed) within
 * the period, by this run or an earlier one. Immutable.
 *
 * <p>The pass rate is {@code passed / (passed + failed)}: skipped verifications (no key, no scratch target) are
 * neither, and are counted apart. It is 0 when nothing was verified, as in the original {@code pass_rate}, so an
 * alert on a low pass rate also fires when verification silently stopped.
 */
public final class VerificationReport {
    private final Instant generatedAt;
    private final Duration period;
    private final VerificationLevel level;
    private final List<VerificationResult> results;
    private final List<String> deferred;
    private final Map<String, Coverage> coverage;
    private final long rotationPeriodRuns;

    VerificationReport(Instant generatedAt, Duration period, VerificationLevel level, List<VerificationResult> results,
                       List<String> deferred, Map<String, Coverage> coverage, long rotationPeriodRuns) {
        this.generatedAt = Objects.requireNonNull(generatedAt, "generatedAt");
        this.period = Objects.requireNonNull(period, "period");
        this.level = Objects.requireNonNull(level, "level");
        this.results = List.copyOf(results);
        this.deferred = List.copyOf(deferred);
        this.coverage = new TreeMap<>(coverage);
        this.rotationPeriodRuns = rotationPeriodRuns;
    }

    /** One failed verification. */
    public record Failure(String ref, VerificationLevel level, Stage stage, String type, String message) {
    }

    /**
     * The figures of one source.
     *
     * @param coverage the share of the source's completed backups of the period verified within it; 1 when it has none
     */
    public record SourceSummary(String source, int passed, int failed, int skipped, int deferred, double passRate,
                                double coverage) {
    }

    /** How many completed backups a source has in the period, and how many of them were verified within it. */
    record Coverage(int backups, int verified) {
        double share() {
            return backups == 0 ? 1.0 : (double) verified / backups;
        }
    }

    public Instant generatedAt() {
        return generatedAt;
    }

    /** The period the run covered: backups started within it were in scope. */
    public Duration period() {
        return period;
    }

    /** The level the backups were verified at. */
    public VerificationLevel level() {
        return level;
    }

    /** Every verification of the run, in the order they ran. */
    public List<VerificationResult> results() {
        return results;
    }

    public int passed() {
        return count(results, VerificationResult::passed);
    }

    public int failed() {
        return count(results, VerificationResult::failed);
    }

    public int skipped() {
        return count(results, VerificationResult::skipped);
    }

    /** Backups in scope left for a later run because the byte budget was spent, as {@code source/id}. */
    public List<String> deferred() {
        return deferred;
    }

    /** {@code passed / (passed + failed)}, or 0 when nothing was verified. */
    public double passRate() {
        return rate(passed(), failed());
    }

    /** Whether nothing failed (skips and deferrals are not failures). */
    public boolean allPassed() {
        return failed() == 0;
    }

    /** Each failure with its backup, level, stage and cause. */
    public List<Failure> failures() {
        List<Failure> failures = new ArrayList<>();
        for (VerificationResult result : results) {
            if (result.failed()) {
                failures.add(new Failure(result.ref(), result.failedLevel().orElse(result.level()),
                        result.stage().orElse(null), result.error().map(e -> e.code().name()).orElse(null),
                        result.reason().orElse("")));
            }
        }
        return failures;
    }

    /** The share of all completed backups of the period that were verified within it; 1 when there are none. */
    public double coverage() {
        int backups = 0;
        int verified = 0;
        for (Coverage c : coverage.values()) {
            backups += c.backups();
            verified += c.verified();
        }
        return new Coverage(backups, verified).share();
    }

    /**
     * With a byte budget: the number of runs (days, when run daily) within which every backup now in scope is
     * verified at least once (see {@link BackupVerifier.Builder#byteBudget}); 1 without a budget.
     */
    public long rotationPeriodRuns() {
        return rotationPeriodRuns;
    }

    /** The figures per source, by source name. */
    public Map<String, SourceSummary> perSource() {
        Map<String, List<VerificationResult>> bySource = new TreeMap<>();
        for (String source : coverage.keySet()) {
            bySource.put(source, new ArrayList<>());
        }
        for (VerificationResult result : results) {
            bySource.computeIfAbsent(result.source(), s -> new ArrayList<>()).add(result);
        }
        Map<String, SourceSummary> summaries = new LinkedHashMap<>();
        for (Map.Entry<String, List<VerificationResult>> entry : bySource.entrySet()) {
            String source = entry.getKey();
            List<VerificationResult> of = entry.getValue();
            int passed = count(of, VerificationResult::passed);
            int failed = count(of, VerificationResult::failed);
            int deferredCount = (int) deferred.stream().filter(ref -> ref.startsWith(source + "/")).count();
            summaries.put(source, new SourceSummary(source, passed, failed, count(of, VerificationResult::skipped),
                    deferredCount, rate(passed, failed), coverage.getOrDefault(source, new Coverage(0, 0)).share()));
        }
        return summaries;
    }

    /**
     * Returns this report when no backup failed.
     *
     * @throws VerificationFailedException listing every failure
     */
    public VerificationReport orThrow() {
        List<Failure> failures = failures();
        if (!failures.isEmpty()) {
            Throwable first = results.stream().filter(VerificationResult::failed).findFirst()
                    .flatMap(VerificationResult::error).orElse(null);
            throw new VerificationFailedException(failures, first);
        }
        return this;
    }

    private static double rate(int passed, int failed) {
        return passed + failed == 0 ? 0.0 : (double) passed / (passed + failed);
    }

    private static int count(List<VerificationResult> results, java.util.function.Predicate<VerificationResult> test) {
        return (int) results.stream().filter(test).count();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "VerificationReport[%s over %s: %d passed, %d failed, %d skipped, %d deferred, pass rate %.1f%%,"
                        + " coverage %.1f%%]", level, period, passed(), failed(), skipped(), deferred.size(),
                100 * passRate(), 100 * coverage());
    }
}
