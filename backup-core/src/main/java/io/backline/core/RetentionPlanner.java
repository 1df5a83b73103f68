package io.backline.core;

import io.backline.core.RetentionDecision.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs a {@link RetentionPolicy} over candidates: restic's forget algorithm, one pass newest first. */
final class RetentionPlanner {
    static final String NEWEST = "newest completed backup";
    static final String UNSUCCESSFUL = "unsuccessful attempt: leftovers removed";
    private static final Comparator<RetentionCandidate> NEWEST_FIRST =
            Comparator.comparing(RetentionCandidate::time).thenComparing(RetentionCandidate::id).reversed();

    private final RetentionPolicy policy;
    private final Map<CalendarBucket, Integer> remaining = new EnumMap<>(CalendarBucket.class);
    private final Map<CalendarBucket, String> lastKeptLabel = new EnumMap<>(CalendarBucket.class);

    RetentionPlanner(RetentionPolicy policy) {
        this.policy = policy;
        for (CalendarBucket bucket : CalendarBucket.values()) {
            remaining.put(bucket, policy.keep(bucket));
        }
    }

    RetentionPlan plan(List<RetentionCandidate> candidates) {
        List<RetentionCandidate> sorted = new ArrayList<>(candidates);
        requireUniqueIds(sorted);
        sorted.sort(NEWEST_FIRST);
        Instant newest = sorted.stream().filter(RetentionCandidate::completed).map(RetentionCandidate::time)
                .findFirst().orElse(null);
        Instant windowStart = policy.keepWithin().map(w -> newest == null ? null : newest.minus(w)).orElse(null);

        List<RetentionDecision> decisions = new ArrayList<>(sorted.size());
        int completedSeen = 0;
        for (RetentionCandidate candidate : sorted) {
            if (!candidate.completed()) {
                decisions.add(new RetentionDecision(candidate.id(), candidate.time(), Verdict.CLEANUP,
                        List.of(UNSUCCESSFUL)));
                continue;
            }
            List<String> reasons = reasonsToKeep(candidate, completedSeen, windowStart);
            completedSeen++;
            decisions.add(new RetentionDecision(candidate.id(), candidate.time(),
                    reasons.isEmpty() ? Verdict.DELETE : Verdict.KEEP, reasons));
        }
        return new RetentionPlan(decisions);
    }

    private List<String> reasonsToKeep(RetentionCandidate candidate, int newerCompleted, Instant windowStart) {
        List<String> reasons = new ArrayList<>();
        if (newerCompleted < policy.keepLast()) {
            reasons.add("last " + policy.keepLast());
        }
        var local = candidate.time().atZone(policy.zone());
        for (CalendarBucket bucket : CalendarBucket.values()) {
            int left = remaining.get(bucket);
            if (left == 0) {
                continue;
            }
            String label = bucket.label(local);
            if (!label.equals(lastKeptLabel.get(bucket))) {
                lastKeptLabel.put(bucket, label);
                remaining.put(bucket, left - 1);
                reasons.add(bucket.reason(label));
            }
        }
        if (windowStart != null && candidate.time().isAfter(windowStart)) {
            reasons.add("within " + format(policy.keepWithin().orElseThrow()));
        }
        if (newerCompleted == 0 && reasons.isEmpty()) {
            reasons.add(NEWEST);
        }
        return reasons;
    }

    private static void requireUniqueIds(List<RetentionCandidate> candidates) {
        Set<String> seen = new HashSet<>();
        for (RetentionCandidate candidate : candidates) {
            if (!seen.add(candidate.id())) {
                throw new IllegalArgumentException("backup id '" + candidate.id() + "' is given twice");
            }
        }
    }

    /** A compact duration: {@code 7d}, {@code 36h} as {@code 1d12h}, {@code 90m} as {@code 1h30m}. */
    static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        append(text, duration.toDays(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        if (duration.toMillisPart() > 0 && text.length() == 0) {
            append(text, duration.toMillisPart(), "ms");
        }
        return text.length() == 0 ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
