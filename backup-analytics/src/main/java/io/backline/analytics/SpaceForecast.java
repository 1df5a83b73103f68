package io.backline.analytics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How many bytes the repository will hold at a horizon, and how sure that is: either a {@link Predicted} value with
 * a 95% band, or {@link InsufficientData} with the reason. Never a bare number.
 *
 * <p>Method, per source: the trend of the stored size of completed backups over time (Theil–Sen: the median of the
 * pairwise slopes, robust to outliers), the cadence (the median interval between backups), and, when a
 * {@link io.backline.core.RetentionPolicy} is configured for the source, the policy simulated with
 * {@link io.backline.core.RetentionPolicy#plan} on the existing backups plus the projected future ones, so that a
 * capped repository levels off. Without a policy every backup is assumed kept. The sources are summed; the band
 * combines, per source, the scatter of sizes around the trend and the uncertainty of the trend itself (Student-t,
 * 95%), assuming sources vary independently. A source needs at least 3 completed backups spanning 7 days; one with
 * less is carried at its current size and named in {@link Predicted#notes()}; when no source qualifies the answer is
 * {@link InsufficientData}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "outcome")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SpaceForecast.Predicted.class, name = "PREDICTED"),
        @JsonSubTypes.Type(value = SpaceForecast.InsufficientData.class, name = "INSUFFICIENT_DATA")})
public sealed interface SpaceForecast permits SpaceForecast.Predicted, SpaceForecast.InsufficientData {

    /** The point in time the forecast starts from. */
    Instant asOf();

    /** How far ahead it looks. */
    Duration horizon();

    /** Per-source details, by source name. */
    List<SourceForecast> sources();

    /**
     * A prediction.
     *
     * @param asOf           the starting point
     * @param horizon        how far ahead
     * @param at             {@code asOf + horizon}
     * @param currentBytes   bytes in use at {@code asOf}
     * @param predictedBytes bytes expected in use at {@code at}
     * @param lowerBytes     lower 95% bound (never below 0)
     * @param upperBytes     upper 95% bound
     * @param method         {@code theil-sen} or {@code theil-sen+retention}
     * @param history        what history the fit used
     * @param trajectory     predicted bytes at evenly spaced instants from {@code asOf} to {@code at}, first is now
     * @param capacityBytes  the configured capacity, or null
     * @param daysUntilFull  {@link #daysUntilFull(long)} for the configured capacity, or null (none, or not reached)
     * @param sources        per source
     * @param notes          caveats, e.g. sources carried at their current size
     */
    record Predicted(Instant asOf, Duration horizon, Instant at, long currentBytes, long predictedBytes,
                     long lowerBytes, long upperBytes, String method, ForecastHistory history,
                     List<ForecastPoint> trajectory, Long capacityBytes, Double daysUntilFull,
                     List<SourceForecast> sources, List<String> notes) implements SpaceForecast {

        public Predicted {
            trajectory = List.copyOf(trajectory);
            sources = List.copyOf(sources);
            notes = List.copyOf(notes);
        }

        /**
         * Days from {@code asOf} until the predicted bytes reach {@code capacityBytes}: 0 when already there,
         * interpolated along the trajectory within the horizon, extrapolated beyond it with the least-squares slope of the
         * trajectory's second half (indicative only: the further out, the less reliable), and empty
         * when the prediction never grows to it.
         */
        public OptionalDouble daysUntilFull(long capacityBytes) {
            if (capacityBytes <= currentBytes) {
                return OptionalDouble.of(0);
            }
            ForecastPoint previous = null;
            for (ForecastPoint point : trajectory) {
                if (previous != null && point.predictedBytes() >= capacityBytes) {
                    double fraction = (capacityBytes - previous.predictedBytes())
                            / (double) (point.predictedBytes() - previous.predictedBytes());
                    return OptionalDouble.of(days(previous.at()) + fraction * (days(point.at()) - days(previous.at())));
                }
                previous = point;
            }
            if (trajectory.size() < 2) {
                return OptionalDouble.empty();
            }
            double perDay = recentSlopePerDay();
            if (perDay <= 0) {
                return OptionalDouble.empty();
            }
            ForecastPoint last = trajectory.get(trajectory.size() - 1);
            return OptionalDouble.of(days(last.at()) + (capacityBytes - last.predictedBytes()) / perDay);
        }

        /** Least-squares slope, bytes per day, of the second half of the trajectory (where retention has settled). */
        private double recentSlopePerDay() {
            List<ForecastPoint> tail = trajectory.subList(trajectory.size() / 2, trajectory.size());
            if (tail.size() < 2) {
                tail = trajectory;
            }
            double meanX = 0;
            double meanY = 0;
            for (ForecastPoint point : tail) {
                meanX += days(point.at());
                meanY += point.predictedBytes();
            }
            meanX /= tail.size();
            meanY /= tail.size();
            double sxy = 0;
            double sxx = 0;
            for (ForecastPoint point : tail) {
                double dx = days(point.at()) - meanX;
                sxy += dx * (point.predictedBytes() - meanY);
                sxx += dx * dx;
            }
            return sxx == 0 ? 0 : sxy / sxx;
        }

        private double days(Instant instant) {
            return Duration.between(asOf, instant).toMillis() / 86_400_000.0;
        }
    }

    /**
     * No prediction: too little history.
     *
     * @param asOf         the starting point
     * @param horizon      how far ahead it was asked to look
     * @param currentBytes bytes in use at {@code asOf}
     * @param reason       why, e.g. {@code orders-db: 2 completed backups, at least 3 are needed}
     * @param sources      per source
     */
    record InsufficientData(Instant asOf, Duration horizon, long currentBytes, String reason,
                            List<SourceForecast> sources) implements SpaceForecast {
        public InsufficientData {
            sources = List.copyOf(sources);
        }
    }

    /**
     * The history a prediction used.
     *
     * @param from    start of the oldest backup used
     * @param to      start of the newest backup used
     * @param backups completed backups used
     * @param sources sources predicted
     */
    record ForecastHistory(Instant from, Instant to, int backups, int sources) {
    }

    /**
     * The prediction at one instant.
     *
     * @param at             the instant
     * @param predictedBytes expected bytes in use
     * @param lowerBytes     lower 95% bound
     * @param upperBytes     upper 95% bound
     */
    record ForecastPoint(Instant at, long predictedBytes, long lowerBytes, long upperBytes) {
    }

    /**
     * One source's forecast.
     *
     * @param source             source name
     * @param outcome            {@code PREDICTED}, {@code INACTIVE} (no backup for a long time: carried at its
     *                           current size) or {@code INSUFFICIENT_DATA} (carried at its current size)
     * @param reason             why it is not predicted, or null
     * @param backupsUsed        completed backups the fit used
     * @param historyFrom        start of the oldest of them, or null
     * @param historyTo          start of the newest of them, or null
     * @param cadenceSeconds     median interval between backups, or null
     * @param slopeBytesPerDay   trend of the backup size per day, or null
     * @param currentBytes       its bytes in use at {@code asOf}
     * @param predictedBytes     its expected bytes in use at the horizon
     * @param lowerBytes         lower 95% bound
     * @param upperBytes         upper 95% bound
     * @param backupsKept        backups expected to be kept at the horizon
     * @param retention          the retention policy simulated, or null
     */
    record SourceForecast(String source, String outcome, String reason, int backupsUsed, Instant historyFrom,
                          Instant historyTo, Double cadenceSeconds, Double slopeBytesPerDay, long currentBytes,
                          long predictedBytes, long lowerBytes, long upperBytes, int backupsKept, String retention) {
        /** Outcome of a source with a prediction. */
        public static final String PREDICTED = "PREDICTED";
        /** Outcome of a source without backups for a long time. */
        public static final String INACTIVE = "INACTIVE";
        /** Outcome of a source with too little history. */
        public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
    }
}
