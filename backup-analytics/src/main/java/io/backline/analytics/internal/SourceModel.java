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
    private List<RetentionCandidate> survivors;
    private int planned;

    SourceModel(Instant asOf, TrendFit fit, RetentionPolicy policy, List<BackupSummary> existing,
                List<Instant> future) {
        this.asOf = asOf;
        this.fit = fit;
        this.policy = policy;
        this.existing = existing;
        this.future = future;
        this.survivors = new ArrayList<>();
        for (BackupSummary summary : existing) {
            survivors.add(RetentionCandidate.completed(summary.id(), summary.startedAt()));
        }
    }

    /**
     * Expected bytes in use at {@code at}, the 95% half-width, and the number of backups kept. Call with
     * non-decreasing instants: retention rules only ever drop a backup when newer ones arrive, so each call plans
     * only the backups the previous call kept plus the new ones.
     */
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
            List<RetentionCandidate> candidates = new ArrayList<>(survivors.size() + taken.size());
            Map<String, BackupSummary> byId = new HashMap<>();
            for (BackupSummary summary : existing) {
                byId.put(summary.id(), summary);
            }
            Map<String, Instant> futureIds = new HashMap<>();
            for (RetentionCandidate survivor : survivors) {
                candidates.add(survivor);
            }
            for (int i = planned; i < taken.size(); i++) {
                String id = "projected-" + i;
                candidates.add(RetentionCandidate.completed(id, taken.get(i)));
            }
            for (int i = 0; i < taken.size(); i++) {
                futureIds.put("projected-" + i, taken.get(i));
            }
            planned = taken.size();
            keptFuture = new ArrayList<>();
            List<RetentionCandidate> next = new ArrayList<>();
            for (RetentionDecision decision : policy.plan(candidates).kept()) {
                next.add(RetentionCandidate.completed(decision.id(), decision.time()));
                BackupSummary summary = byId.get(decision.id());
                if (summary != null) {
                    existingBytes += summary.storedBytes();
                    kept++;
                } else {
                    keptFuture.add(futureIds.get(decision.id()));
                }
            }
            survivors = next;
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
