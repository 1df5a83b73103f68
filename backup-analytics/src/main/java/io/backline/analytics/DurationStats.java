package io.backline.analytics;

import java.time.Duration;

/**
 * Mean, median, 95th percentile and maximum of backup durations, in seconds; all zero when {@code count} is 0.
 * Percentiles use the nearest-rank method.
 *
 * @param count       how many durations were measured
 * @param meanSeconds arithmetic mean
 * @param p50Seconds  median
 * @param p95Seconds  95th percentile
 * @param maxSeconds  longest
 */
public record DurationStats(int count, double meanSeconds, double p50Seconds, double p95Seconds, double maxSeconds) {

    /** No durations. */
    public static final DurationStats EMPTY = new DurationStats(0, 0, 0, 0, 0);

    /** The mean as a {@link Duration} (millisecond precision). */
    public Duration mean() {
        return Duration.ofMillis(Math.round(meanSeconds * 1000));
    }

    /** The 95th percentile as a {@link Duration} (millisecond precision). */
    public Duration p95() {
        return Duration.ofMillis(Math.round(p95Seconds * 1000));
    }
}
