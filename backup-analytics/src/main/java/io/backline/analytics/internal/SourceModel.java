package io.backline.analytics.internal;

import io.backline.core.BackupSummary;
import io.backline.core.RetentionCandidate;
import io.backline.core.RetentionDecision;
import io.backline.core.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One source's projection: its size trend, its cadence, the backups it holds now and the ones it will take until
 * the horizon; evaluated at any instant up to the horizon, with the retention policy simulated when there is one.
 */
final class SourceModel {
    private static final double DAY_MILLIS = 86_400_000.0;

    private final Instant asOf;
    private final TrendFit fit;
    private final RetentionPolicy policy;
    private final List<BackupSummary> existing;
    private final List<Instant> future;

    SourceModel(Instant asOf, TrendFit fit, RetentionPolicy policy, List<BackupSummary> existing,
                List<Instant> future) {
        this.asOf = asOf;
        this.fit = fit;
        this.policy = policy;
        this.existing = existing;
        this.future = future;
    }

    /** Expected bytes in use at {@code at}, the 95% half-width, and the number of backups kept. */
    Estimate at(Instant at) {
        List<Instant> taken = new ArrayList<>();
        for (Instant time : future) {
            if (!time.isAfter(at)) {
                taken.add(time);
            }
        }
        long existingBytes = 0;
        int kept = 0;
        List<Instant> keptFuture;
        if (policy == null) {
            for (BackupSummary summary : existing) {
                existingBytes += summary.storedBytes();
            }
            kept = existing.size();
            keptFuture = taken;
        } else {
            List<RetentionCandidate> candidates = new ArrayList<>(existing.size() + taken.size());
            Map<String, BackupSummary> byId = new HashMap<>();
            for (BackupSummary summary : existing) {
                candidates.add(RetentionCandidate.completed(summary.id(), summary.startedAt()));
                byId.put(summary.id(), summary);
            }
            Map<String, Instant> futureIds = new HashMap<>();
            for (int i = 0; i < taken.size(); i++) {
                String id = "projected-" + i;
                candidates.add(RetentionCandidate.completed(id, taken.get(i)));
                futureIds.put(id, taken.get(i));
            }
            keptFuture = new ArrayList<>();
            for (RetentionDecision decision : policy.plan(candidates).kept()) {
                BackupSummary summary = byId.get(decision.id());
                if (summary != null) {
                    existingBytes += summary.storedBytes();
                    kept++;
                } else {
                    keptFuture.add(futureIds.get(decision.id()));
                }
            }
        }
        double futureBytes = 0;
        double sumX = 0;
        for (Instant time : keptFuture) {
            double x = days(time);
            futureBytes += Math.max(0, fit.at(x));
            sumX += x;
        }
        int m = keptFuture.size();
        double half = fit.halfWidthOfSum(m, m == 0 ? 0 : sumX / m);
        return new Estimate(existingBytes + futureBytes, half, kept + m);
    }

    double days(Instant time) {
        return Duration.between(asOf, time).toMillis() / DAY_MILLIS;
    }

    /** A projection at one instant. */
    record Estimate(double bytes, double halfWidth, int kept) {
    }
}
