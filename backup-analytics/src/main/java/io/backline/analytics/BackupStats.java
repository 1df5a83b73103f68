package io.backline.analytics;

/**
 * Counts, sizes and timings of the backup attempts of one period (for all sources or one).
 *
 * <p>Sizes, durations and throughput count completed attempts only: failed attempts leave no artifact and often end
 * early, so they would skew the numbers. {@code successRate} is {@code completed / (completed + failed +
 * interrupted)}; attempts still running are not counted in it. Ratios are null when there is nothing to divide.
 *
 * @param attempts                  every attempt started in the period
 * @param completed                 attempts that completed
 * @param failed                    attempts that failed
 * @param interrupted               attempts whose writer went away
 * @param running                   attempts still running
 * @param successRate               share of finished attempts that completed, 0..1, or null
 * @param storedBytes               bytes stored by the completed attempts (after compression and encryption)
 * @param contentBytes              payload bytes of the completed attempts (before compression)
 * @param compressionRatio          {@code contentBytes / storedBytes} (3.0 means three times smaller), or null
 * @param duration                  durations of the completed attempts
 * @param throughputBytesPerSecond  {@code contentBytes} divided by the summed durations, or null
 */
public record BackupStats(int attempts, int completed, int failed, int interrupted, int running, Double successRate,
                          long storedBytes, long contentBytes, Double compressionRatio, DurationStats duration,
                          Double throughputBytesPerSecond) {
}
