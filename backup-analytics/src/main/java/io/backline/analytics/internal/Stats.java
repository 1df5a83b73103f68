package io.backline.analytics.internal;

import io.backline.analytics.BackupRow;
import io.backline.analytics.BackupStats;
import io.backline.analytics.DurationStats;
import io.backline.core.BackupSummary;
import io.backline.core.manifest.BackupManifest;
import java.util.Arrays;
import java.util.Collection;

/** Attempt statistics and nearest-rank percentiles. */
public final class Stats {
    private Stats() {
    }

    /** Statistics over {@code attempts}. */
    public static BackupStats of(Collection<BackupSummary> attempts) {
        int completed = 0;
        int failed = 0;
        int interrupted = 0;
        int running = 0;
        long stored = 0;
        long content = 0;
        double[] durations = new double[attempts.size()];
        int measured = 0;
        for (BackupSummary summary : attempts) {
            switch (summary.status()) {
                case COMPLETED -> {
                    completed++;
                    stored += summary.storedBytes();
                    content += summary.contentBytes();
                    if (summary.duration() != null) {
                        durations[measured++] = seconds(summary);
                    }
                }
                case FAILED -> failed++;
                case INTERRUPTED -> interrupted++;
                case RUNNING -> running++;
                default -> throw new IllegalStateException("unknown status " + summary.status());
            }
        }
        int finished = completed + failed + interrupted;
        DurationStats duration = durations(Arrays.copyOf(durations, measured));
        double totalSeconds = duration.meanSeconds() * duration.count();
        return new BackupStats(attempts.size(), completed, failed, interrupted, running,
                finished == 0 ? null : completed / (double) finished, stored, content, ratio(content, stored),
                duration, totalSeconds > 0 ? content / totalSeconds : null);
    }

    /** Mean, p50, p95 and max of {@code seconds} (sorted in place). */
    public static DurationStats durations(double[] seconds) {
        if (seconds.length == 0) {
            return DurationStats.EMPTY;
        }
        Arrays.sort(seconds);
        double sum = 0;
        for (double value : seconds) {
            sum += value;
        }
        return new DurationStats(seconds.length, sum / seconds.length, percentile(seconds, 50),
                percentile(seconds, 95), seconds[seconds.length - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    public static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** {@code numerator / denominator}, or null when the denominator is 0. */
    public static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : numerator / (double) denominator;
    }

    /** The duration of a backup in seconds (millisecond precision). */
    public static double seconds(BackupSummary summary) {
        return summary.duration().toMillis() / 1000.0;
    }

    /** A backup as a report row. */
    public static BackupRow row(BackupSummary summary) {
        BackupManifest.ErrorInfo error = summary.manifest().error();
        return new BackupRow(summary.source(), summary.id(), summary.status(), summary.startedAt(),
                summary.finishedAt(), summary.duration() == null ? null : seconds(summary), summary.storedBytes(),
                summary.contentBytes(), ratio(summary.contentBytes(), summary.storedBytes()),
                summary.manifest().deletedAt(), error == null ? null : error.stage(),
                error == null ? null : error.type(), error == null ? null : error.message());
    }
}
