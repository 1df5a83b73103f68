package io.backline.analytics.internal;

import io.backline.analytics.AnalyticsSnapshot;
import io.backline.analytics.AnalyticsSnapshot.SourceSnapshot;
import io.backline.core.BackupSummary;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.VerificationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes an {@link AnalyticsSnapshot} from a {@link History}. */
public final class SnapshotCalculator {
    /** Verification pass rates look back this far. */
    public static final Duration PASS_RATE_WINDOW = Duration.ofDays(30);

    private final ForecastCalculator forecaster;

    public SnapshotCalculator(ForecastCalculator forecaster) {
        this.forecaster = forecaster;
    }

    public AnalyticsSnapshot compute(History history) {
        Instant now = history.loadedAt();
        Map<String, BackupSummary> newest = new HashMap<>();
        Map<String, Map<BackupStatus, Long>> counts = new HashMap<>();
        Map<String, Long> inUse = new HashMap<>();
        for (BackupSummary summary : history.backups()) {
            Map<BackupStatus, Long> byStatus = counts.computeIfAbsent(summary.source(),
                    s -> new EnumMap<>(BackupStatus.class));
            byStatus.merge(summary.status(), 1L, Long::sum);
            if (summary.status() == BackupStatus.COMPLETED && !History.committedAt(summary).isAfter(now)) {
                BackupSummary previous = newest.get(summary.source());
                if (previous == null || !History.committedAt(previous).isAfter(History.committedAt(summary))) {
                    newest.put(summary.source(), summary);
                }
            }
            if (History.inUseAt(summary, now)) {
                inUse.merge(summary.source(), summary.storedBytes(), Long::sum);
            }
        }
        Map<String, Instant> lastVerification = new HashMap<>();
        Map<String, int[]> passFail = new HashMap<>();
        int[] total = new int[2];
        Instant since = now.minus(PASS_RATE_WINDOW);
        for (VerificationRecord record : history.verifications()) {
            if (record.startedAt().isAfter(now)) {
                continue;
            }
            lastVerification.merge(record.source(), record.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
            if (record.startedAt().isBefore(since) || record.outcome() == VerificationRecord.Outcome.SKIPPED) {
                continue;
            }
            int index = record.outcome() == VerificationRecord.Outcome.PASSED ? 0 : 1;
            passFail.computeIfAbsent(record.source(), s -> new int[2])[index]++;
            total[index]++;
        }
        List<SourceSnapshot> sources = new ArrayList<>();
        long totalInUse = 0;
        for (String source : history.sources()) {
            BackupSummary last = newest.get(source);
            int[] pf = passFail.getOrDefault(source, new int[2]);
            long bytes = inUse.getOrDefault(source, 0L);
            totalInUse += bytes;
            sources.add(new SourceSnapshot(source, last == null ? null : History.committedAt(last),
                    lastVerification.get(source),
                    last == null || last.duration() == null ? null : Stats.seconds(last),
                    last == null ? null : last.storedBytes(), counts.getOrDefault(source, Map.of()),
                    Stats.ratio(pf[0], pf[0] + pf[1]), bytes));
        }
        return new AnalyticsSnapshot(now, sources, totalInUse, Stats.ratio(total[0], total[0] + total[1]),
                forecaster.forecast(history, now));
    }
}
