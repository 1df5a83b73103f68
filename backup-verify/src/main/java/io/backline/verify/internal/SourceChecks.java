package io.backline.verify.internal;

import io.backline.core.BackupSummary;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import io.backline.core.manifest.VerificationRecord;
import io.backline.verify.HealthCheck;
import io.backline.verify.HealthPolicy;
import io.backline.verify.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The checks of one source: backup age (RPO), latest attempt, size against history, latest verification. */
public final class SourceChecks {
    static final int MIN_SIZE_SAMPLES = 3;

    private SourceChecks() {
    }

    /**
     * @param attempts the source's backups not deleted by retention, newest first, all statuses
     * @param records  the source's verification records, any order
     */
    public static List<HealthCheck> evaluate(List<BackupSummary> attempts, List<VerificationRecord> records,
                                             HealthPolicy policy, Instant now) {
        List<BackupSummary> completed = attempts.stream().filter(s -> s.status() == BackupStatus.COMPLETED)
                .toList();
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(age(completed, policy, now));
        checks.add(latestAttempt(attempts));
        checks.add(size(completed, policy));
        checks.add(verification(records, policy, now));
        return checks;
    }

    private static HealthCheck age(List<BackupSummary> completed, HealthPolicy policy, Instant now) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("maxAge", policy.maxAge());
        if (completed.isEmpty()) {
            return new HealthCheck("backup-age", HealthStatus.DOWN, "there is no completed backup", figures);
        }
        BackupSummary newest = completed.get(0);
        Duration age = Duration.between(newest.startedAt(), now);
        figures.put("newest", newest.id());
        figures.put("startedAt", newest.startedAt());
        figures.put("age", age);
        if (age.compareTo(policy.maxAge()) > 0) {
            return new HealthCheck("backup-age", HealthStatus.DOWN, "the newest completed backup started " + words(age)
                    + " ago, longer than the RPO of " + words(policy.maxAge()), figures);
        }
        return new HealthCheck("backup-age", HealthStatus.UP, "the newest completed backup started " + words(age)
                + " ago", figures);
    }

    private static HealthCheck latestAttempt(List<BackupSummary> attempts) {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (attempts.isEmpty()) {
            return new HealthCheck("latest-attempt", HealthStatus.UP, "no attempt yet", figures);
        }
        BackupSummary latest = attempts.get(0);
        figures.put("latest", latest.id());
        figures.put("status", latest.status().name());
        if (latest.status() == BackupStatus.FAILED || latest.status() == BackupStatus.INTERRUPTED) {
            BackupManifest.ErrorInfo error = latest.manifest().error();
            String why = error == null ? "" : " at stage " + error.stage() + ": " + error.message();
            return new HealthCheck("latest-attempt", HealthStatus.DEGRADED, "the latest attempt " + latest.id()
                    + " is " + latest.status() + why, figures);
        }
        return new HealthCheck("latest-attempt", HealthStatus.UP, "the latest attempt is " + latest.status(),
                figures);
    }

    private static HealthCheck size(List<BackupSummary> completed, HealthPolicy policy) {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (completed.isEmpty()) {
            return new HealthCheck("size", HealthStatus.UP, "no completed backup to judge", figures);
        }
        BackupSummary newest = completed.get(0);
        long bytes = newest.contentBytes();
        figures.put("newestBytes", bytes);
        BackupManifest.FilesInfo files = newest.manifest().files();
        boolean empty = bytes == 0 || (newest.kind() == SourceKind.FILES && files != null && files.fileCount() == 0);
        if (empty && !policy.allowEmpty()) {
            return new HealthCheck("size", HealthStatus.DEGRADED, "the newest backup " + newest.id()
                    + " is empty", figures);
        }
        List<Long> previous = completed.stream().skip(1).limit(policy.sizeHistory())
                .map(BackupSummary::contentBytes).sorted().toList();
        figures.put("samples", previous.size());
        if (previous.size() < MIN_SIZE_SAMPLES || policy.minSizeRatio() == 0) {
            return new HealthCheck("size", HealthStatus.UP, "not enough history to judge the size ("
                    + previous.size() + " earlier backups, " + MIN_SIZE_SAMPLES + " needed)", figures);
        }
        double median = median(previous);
        double ratio = median == 0 ? 1 : bytes / median;
        figures.put("medianBytes", (long) median);
        figures.put("ratio", Math.round(ratio * 1000) / 1000.0);
        figures.put("minRatio", policy.minSizeRatio());
        if (ratio < policy.minSizeRatio()) {
            return new HealthCheck("size", HealthStatus.DEGRADED, String.format(Locale.ROOT,
                    "the newest backup %s is %.0f%% smaller than the median of the last %d (%d bytes against %d)",
                    newest.id(), 100 * (1 - ratio), previous.size(), bytes, (long) median), figures);
        }
        return new HealthCheck("size", HealthStatus.UP, String.format(Locale.ROOT,
                "the newest backup is %.0f%% of the median of the last %d", 100 * ratio, previous.size()), figures);
    }

    private static HealthCheck verification(List<VerificationRecord> records, HealthPolicy policy, Instant now) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("maxAge", policy.maxVerificationAge());
        VerificationRecord latest = records.stream()
                .filter(r -> r.outcome() != VerificationRecord.Outcome.SKIPPED && r.startedAt() != null)
                .max(Comparator.comparing(VerificationRecord::startedAt)).orElse(null);
        if (latest == null) {
            return new HealthCheck("verification", policy.verificationRequired() ? HealthStatus.DEGRADED
                    : HealthStatus.UP, "no backup of this source has been verified", figures);
        }
        Duration age = Duration.between(latest.startedAt(), now);
        figures.put("backup", latest.backupId());
        figures.put("level", latest.level());
        figures.put("outcome", latest.outcome().name());
        figures.put("verifiedAt", latest.startedAt());
        figures.put("age", age);
        if (latest.outcome() == VerificationRecord.Outcome.FAILED) {
            String why = latest.failure() == null ? "" : " at stage " + latest.failure().stage() + ": "
                    + latest.failure().message();
            return new HealthCheck("verification", HealthStatus.DEGRADED, "the latest verification (of "
                    + latest.backupId() + " at " + latest.level() + ") failed" + why, figures);
        }
        if (age.compareTo(policy.maxVerificationAge()) > 0) {
            return new HealthCheck("verification", HealthStatus.DEGRADED, "the latest verification passed "
                    + words(age) + " ago, longer than " + words(policy.maxVerificationAge()), figures);
        }
        return new HealthCheck("verification", HealthStatus.UP, "the latest verification (" + latest.level()
                + ") passed " + words(age) + " ago", figures);
    }

    private static double median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** {@code 27h 5m}, {@code 3d 2h}, {@code 45s}. */
    static String words(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m" : seconds + "s";
    }
}
