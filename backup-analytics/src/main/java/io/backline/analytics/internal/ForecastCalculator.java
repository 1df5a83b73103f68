package io.backline.analytics.internal;

import io.backline.analytics.SpaceForecast;
import io.backline.analytics.SpaceForecast.ForecastHistory;
import io.backline.analytics.SpaceForecast.ForecastPoint;
import io.backline.analytics.SpaceForecast.SourceForecast;
import io.backline.core.BackupSummary;
import io.backline.core.RetentionPolicy;
import io.backline.core.manifest.BackupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/** Predicts bytes in use at a horizon, per source and summed (see {@link SpaceForecast} for the method). */
public final class ForecastCalculator {
    /** A source needs this many completed backups to be predicted. */
    public static final int MIN_BACKUPS = 3;
    /** ... spanning at least this long. */
    public static final Duration MIN_SPAN = Duration.ofDays(7);
    static final Duration FIT_WINDOW = Duration.ofDays(365);
    static final int MAX_FIT_POINTS = 300;
    static final int MAX_STEPS = 30;
    static final int CADENCE_INTERVALS = 100;

    private final Duration horizon;
    private final Map<String, RetentionPolicy> policies;
    private final RetentionPolicy defaultPolicy;
    private final Long capacityBytes;

    public ForecastCalculator(Duration horizon, Map<String, RetentionPolicy> policies, RetentionPolicy defaultPolicy,
                              Long capacityBytes) {
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        this.policies = Map.copyOf(policies);
        this.defaultPolicy = defaultPolicy;
        this.capacityBytes = capacityBytes;
    }

    /** The configured horizon. */
    public Duration horizon() {
        return horizon;
    }

    public SpaceForecast forecast(History history, Instant asOf) {
        return forecast(history, asOf, horizon);
    }

    public SpaceForecast forecast(History history, Instant asOf, Duration horizon) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("a forecast horizon needs to be positive, not " + horizon);
        }
        Map<String, List<BackupSummary>> completed = new LinkedHashMap<>();
        for (String source : history.sources()) {
            completed.put(source, new ArrayList<>());
        }
        for (BackupSummary summary : history.backups()) {
            if (summary.startedAt().isAfter(asOf)) {
                break;
            }
            if (summary.status() == BackupStatus.COMPLETED && !History.committedAt(summary).isAfter(asOf)) {
                completed.get(summary.source()).add(summary);
            }
        }
        Instant end = asOf.plus(horizon);
        int steps = (int) Math.max(1, Math.min(MAX_STEPS, Math.ceil(horizon.toHours() / 24.0)));
        double[] central = new double[steps + 1];
        double[] variance = new double[steps + 1];
        List<SourceForecast> sourceForecasts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        long currentTotal = 0;
        int predicted = 0;
        int used = 0;
        Instant historyFrom = null;
        Instant historyTo = null;
        boolean anyPolicy = false;
        for (Map.Entry<String, List<BackupSummary>> entry : completed.entrySet()) {
            String source = entry.getKey();
            List<BackupSummary> backups = entry.getValue();
            List<BackupSummary> existing = new ArrayList<>();
            long current = 0;
            boolean deletions = false;
            for (BackupSummary summary : backups) {
                if (History.inUseAt(summary, asOf)) {
                    existing.add(summary);
                    current += summary.storedBytes();
                } else {
                    deletions = true;
                }
            }
            currentTotal += current;
            RetentionPolicy policy = policies.getOrDefault(source, defaultPolicy);
            String reason = insufficiency(source, backups);
            if (reason != null) {
                reasons.add(reason);
                notes.add(reason + "; carried at its current size");
                sourceForecasts.add(flat(source, SourceForecast.INSUFFICIENT_DATA, reason, backups, current, policy));
                addFlat(central, current);
                continue;
            }
            List<BackupSummary> window = fitWindow(backups);
            double cadence = cadenceSeconds(window);
            Instant last = backups.get(backups.size() - 1).startedAt();
            Duration idle = Duration.between(last, asOf);
            Duration inactiveAfter = Duration.ofSeconds((long) Math.max(MIN_SPAN.toSeconds(), 10 * cadence));
            if (idle.compareTo(inactiveAfter) > 0) {
                String why = source + ": no completed backup since " + last + "; carried at its current size";
                notes.add(why);
                sourceForecasts.add(flat(source, SourceForecast.INACTIVE, why, backups, current, policy));
                addFlat(central, current);
                continue;
            }
            if (deletions && policy == null) {
                notes.add(source + ": backups were deleted by retention but no RetentionPolicy is configured for it;"
                        + " the forecast assumes every future backup is kept");
            }
            anyPolicy |= policy != null;
            TrendFit fit = fit(window, asOf);
            SourceModel model = new SourceModel(asOf, fit, policy, existing, schedule(last, cadence, asOf, end));
            SourceModel.Estimate atEnd = null;
            for (int i = 0; i <= steps; i++) {
                SourceModel.Estimate estimate = model.at(stepTime(asOf, horizon, steps, i));
                central[i] += estimate.bytes();
                variance[i] += estimate.halfWidth() * estimate.halfWidth();
                atEnd = estimate;
            }
            predicted++;
            used += window.size();
            Instant from = window.get(0).startedAt();
            historyFrom = historyFrom == null || from.isBefore(historyFrom) ? from : historyFrom;
            historyTo = historyTo == null || last.isAfter(historyTo) ? last : historyTo;
            sourceForecasts.add(new SourceForecast(source, SourceForecast.PREDICTED, null, window.size(), from, last,
                    cadence, fit.slope(), current, Math.round(atEnd.bytes()),
                    Math.max(0, Math.round(atEnd.bytes() - atEnd.halfWidth())),
                    Math.round(atEnd.bytes() + atEnd.halfWidth()), atEnd.kept(),
                    policy == null ? null : policy.toString()));
        }
        if (predicted == 0) {
            String reason = reasons.isEmpty() ? "the repository has no completed backups"
                    : String.join("; ", reasons);
            if (reasons.isEmpty() && !completed.isEmpty()) {
                reason = "no source has backed up recently enough to project";
            }
            return new SpaceForecast.InsufficientData(asOf, horizon, currentTotal, reason, sourceForecasts);
        }
        List<ForecastPoint> trajectory = new ArrayList<>(steps + 1);
        for (int i = 0; i <= steps; i++) {
            double half = Math.sqrt(variance[i]);
            trajectory.add(new ForecastPoint(stepTime(asOf, horizon, steps, i), Math.round(central[i]),
                    Math.max(0, Math.round(central[i] - half)), Math.round(central[i] + half)));
        }
        ForecastPoint last = trajectory.get(steps);
        SpaceForecast.Predicted result = new SpaceForecast.Predicted(asOf, horizon, end, currentTotal,
                last.predictedBytes(), last.lowerBytes(), last.upperBytes(),
                anyPolicy ? "theil-sen+retention" : "theil-sen",
                new ForecastHistory(historyFrom, historyTo, used, predicted), trajectory, capacityBytes, null,
                sourceForecasts, notes);
        if (capacityBytes == null) {
            return result;
        }
        OptionalDouble days = result.daysUntilFull(capacityBytes);
        return new SpaceForecast.Predicted(asOf, horizon, end, currentTotal, result.predictedBytes(),
                result.lowerBytes(), result.upperBytes(), result.method(), result.history(), trajectory,
                capacityBytes, days.isPresent() ? days.getAsDouble() : null, sourceForecasts, notes);
    }

    private static String insufficiency(String source, List<BackupSummary> backups) {
        if (backups.size() < MIN_BACKUPS) {
            return source + ": " + backups.size() + " completed backup" + (backups.size() == 1 ? "" : "s")
                    + ", at least " + MIN_BACKUPS + " are needed";
        }
        Duration span = Duration.between(backups.get(0).startedAt(), backups.get(backups.size() - 1).startedAt());
        if (span.compareTo(MIN_SPAN) < 0) {
            return String.format(java.util.Locale.ROOT, "%s: history spans %.1f days, at least %d are needed",
                    source, span.toMinutes() / 1440.0, MIN_SPAN.toDays());
        }
        return null;
    }

    private static SourceForecast flat(String source, String outcome, String reason, List<BackupSummary> backups,
                                       long current, RetentionPolicy policy) {
        return new SourceForecast(source, outcome, reason, backups.size(),
                backups.isEmpty() ? null : backups.get(0).startedAt(),
                backups.isEmpty() ? null : backups.get(backups.size() - 1).startedAt(), null, null, current, current,
                current, current, 0, policy == null ? null : policy.toString());
    }

    private static void addFlat(double[] central, long bytes) {
        for (int i = 0; i < central.length; i++) {
            central[i] += bytes;
        }
    }

    /** The backups of the last year (at least the last MIN_BACKUPS), thinned evenly to MAX_FIT_POINTS. */
    private static List<BackupSummary> fitWindow(List<BackupSummary> backups) {
        Instant newest = backups.get(backups.size() - 1).startedAt();
        int start = 0;
        while (start < backups.size() - MIN_BACKUPS
                && backups.get(start).startedAt().isBefore(newest.minus(FIT_WINDOW))) {
            start++;
        }
        List<BackupSummary> window = backups.subList(start, backups.size());
        if (window.size() <= MAX_FIT_POINTS) {
            return window;
        }
        List<BackupSummary> thinned = new ArrayList<>(MAX_FIT_POINTS);
        for (int i = 0; i < MAX_FIT_POINTS; i++) {
            thinned.add(window.get((int) Math.round(i * (window.size() - 1) / (double) (MAX_FIT_POINTS - 1))));
        }
        return thinned;
    }

    private static TrendFit fit(List<BackupSummary> window, Instant asOf) {
        double[] x = new double[window.size()];
        double[] y = new double[window.size()];
        for (int i = 0; i < window.size(); i++) {
            x[i] = Duration.between(asOf, window.get(i).startedAt()).toMillis() / 86_400_000.0;
            y[i] = window.get(i).storedBytes();
        }
        return TrendFit.theilSen(x, y);
    }

    /** Median interval between consecutive backups of the window's end, in seconds (at least one minute). */
    static double cadenceSeconds(List<BackupSummary> window) {
        int from = Math.max(0, window.size() - 1 - CADENCE_INTERVALS);
        double[] intervals = new double[window.size() - 1 - from];
        for (int i = from; i < window.size() - 1; i++) {
            intervals[i - from] = Duration.between(window.get(i).startedAt(), window.get(i + 1).startedAt())
                    .toMillis() / 1000.0;
        }
        Arrays.sort(intervals);
        return Math.max(60, TrendFit.median(intervals));
    }

    /** Backup times continuing the cadence from {@code last}, after {@code asOf}, up to {@code end}. */
    private static List<Instant> schedule(Instant last, double cadenceSeconds, Instant asOf, Instant end) {
        long step = Math.round(cadenceSeconds * 1000);
        List<Instant> times = new ArrayList<>();
        long k = 1;
        long behind = Duration.between(last, asOf).toMillis();
        if (behind > 0) {
            k = behind / step + 1;
        }
        for (Instant t = last.plusMillis(k * step); !t.isAfter(end); t = t.plusMillis(step)) {
            times.add(t);
        }
        return times;
    }

    private static Instant stepTime(Instant asOf, Duration horizon, int steps, int i) {
        return i == steps ? asOf.plus(horizon) : asOf.plusMillis(horizon.toMillis() * i / steps);
    }
}
