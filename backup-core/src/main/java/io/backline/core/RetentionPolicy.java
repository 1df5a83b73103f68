package io.backline.core;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which backups to keep, with the semantics of restic's {@code forget}.
 *
 * <pre>{@code
 * RetentionPolicy policy = RetentionPolicy.builder().keepLast(3).keepDaily(7).keepWeekly(4).keepMonthly(12)
 *     .zone(ZoneId.of("Europe/Berlin")).build();
 * RetentionPlan plan = policy.plan(candidates);   // a dry run: nothing is deleted
 * }</pre>
 *
 * <p>Rules, applied to completed backups only, newest first; a backup is kept when any rule keeps it:
 * <ul>
 *   <li>{@code keepLast(n)}: the n newest.</li>
 *   <li>{@code keepHourly/Daily/Weekly/Monthly/Yearly(n)}: the newest backup of each of the n newest calendar periods
 *       (hour, day, ISO-8601 week, month, year in {@link #zone()}) that contain a backup. Periods without backups are
 *       not counted: keepMonthly(12) over a year with a three-month gap reaches back fifteen months.</li>
 *   <li>{@code keepWithin(d)}: every backup taken less than d before the newest completed backup. The window is
 *       anchored at that backup, not at the current time, so a repository that stopped receiving backups is not
 *       emptied by time passing. A backup exactly d older than the newest is not kept.</li>
 *   <li>The newest completed backup is always kept.</li>
 * </ul>
 * Failed and interrupted attempts are never kept; they get {@link RetentionDecision.Verdict#CLEANUP}. The zone
 * defaults to UTC, not the host's zone, so that a plan does not change when the host does. Hours repeated at the end
 * of daylight-saving time fall into one hourly period, as in restic. Instances are immutable and thread safe; a plan
 * is a pure function of the policy and the candidates.
 */
public final class RetentionPolicy {
    private final int keepLast;
    private final Map<CalendarBucket, Integer> keepPerBucket;
    private final Duration keepWithin;
    private final ZoneId zone;

    private RetentionPolicy(Builder builder) {
        this.keepLast = builder.keepLast;
        this.keepPerBucket = new EnumMap<>(builder.keepPerBucket);
        this.keepWithin = builder.keepWithin;
        this.zone = builder.zone;
    }

    /** A builder with no rules and the UTC zone. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.keepLast = keepLast;
        builder.keepPerBucket.putAll(keepPerBucket);
        builder.keepWithin = keepWithin;
        builder.zone = zone;
        return builder;
    }

    /**
     * Decides, for every candidate, whether it is kept, deleted or cleaned up.
     *
     * @param backups candidates in any order, with unique ids
     * @return decisions for all of them, newest first
     * @throws IllegalArgumentException when two candidates share an id
     */
    public RetentionPlan plan(List<RetentionCandidate> backups) {
        return new RetentionPlanner(this).plan(backups);
    }

    public int keepLast() {
        return keepLast;
    }

    public int keepHourly() {
        return keep(CalendarBucket.HOURLY);
    }

    public int keepDaily() {
        return keep(CalendarBucket.DAILY);
    }

    public int keepWeekly() {
        return keep(CalendarBucket.WEEKLY);
    }

    public int keepMonthly() {
        return keep(CalendarBucket.MONTHLY);
    }

    public int keepYearly() {
        return keep(CalendarBucket.YEARLY);
    }

    /** The keep-within window, or empty when there is none. */
    public Optional<Duration> keepWithin() {
        return Optional.ofNullable(keepWithin);
    }

    /** The zone calendar periods are computed in. */
    public ZoneId zone() {
        return zone;
    }

    int keep(CalendarBucket bucket) {
        return keepPerBucket.getOrDefault(bucket, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPolicy other && keepLast == other.keepLast
                && keepPerBucket.equals(other.keepPerBucket) && Objects.equals(keepWithin, other.keepWithin)
                && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keepLast, keepPerBucket, keepWithin, zone);
    }

    /** E.g. {@code RetentionPolicy{keepLast=3, keepDaily=7, keepWithin=10d, zone=UTC}}; rules set to zero are left out. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (keepLast > 0) {
            parts.add("keepLast=" + keepLast);
        }
        for (CalendarBucket bucket : CalendarBucket.values()) {
            if (keep(bucket) > 0) {
                parts.add(Builder.setterName(bucket) + "=" + keep(bucket));
            }
        }
        if (keepWithin != null) {
            parts.add("keepWithin=" + RetentionPlanner.format(keepWithin));
        }
        parts.add("zone=" + zone);
        return "RetentionPolicy{" + String.join(", ", parts) + "}";
    }

    /** Collects rules; every setter validates its argument, {@link #build()} refuses a policy without rules. */
    public static final class Builder {
        private int keepLast;
        private final Map<CalendarBucket, Integer> keepPerBucket = new EnumMap<>(CalendarBucket.class);
        private Duration keepWithin;
        private ZoneId zone = ZoneOffset.UTC;

        private Builder() {
        }

        /** Keeps the n newest completed backups (0: rule off). */
        public Builder keepLast(int n) {
            keepLast = requireCount("keepLast", n);
            return this;
        }

        /** Keeps the newest backup of each of the n newest hours that have one (0: rule off). */
        public Builder keepHourly(int n) {
            return bucket(CalendarBucket.HOURLY, n);
        }

        /** Keeps the newest backup of each of the n newest days that have one (0: rule off). */
        public Builder keepDaily(int n) {
            return bucket(CalendarBucket.DAILY, n);
        }

        /** Keeps the newest backup of each of the n newest ISO weeks that have one (0: rule off). */
        public Builder keepWeekly(int n) {
            return bucket(CalendarBucket.WEEKLY, n);
        }

        /** Keeps the newest backup of each of the n newest months that have one (0: rule off). */
        public Builder keepMonthly(int n) {
            return bucket(CalendarBucket.MONTHLY, n);
        }

        /** Keeps the newest backup of each of the n newest years that have one (0: rule off). */
        public Builder keepYearly(int n) {
            return bucket(CalendarBucket.YEARLY, n);
        }

        /** Keeps every backup taken less than {@code window} before the newest completed one (zero: rule off). */
        public Builder keepWithin(Duration window) {
            Objects.requireNonNull(window, "keepWithin");
            if (window.isNegative()) {
                throw new IllegalArgumentException("keepWithin needs to be >= 0, not " + window);
            }
            keepWithin = window.isZero() ? null : window;
            return this;
        }

        /** The zone for calendar periods (default UTC). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalStateException when no rule is set, since such a policy would keep nothing
         */
        public RetentionPolicy build() {
            boolean anyBucket = keepPerBucket.values().stream().anyMatch(n -> n > 0);
            if (keepLast == 0 && !anyBucket && keepWithin == null) {
                throw new IllegalStateException("a retention policy that keeps nothing is refused: set at least one "
                        + "of keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly or keepWithin");
            }
            return new RetentionPolicy(this);
        }

        private Builder bucket(CalendarBucket bucket, int n) {
            keepPerBucket.put(bucket, requireCount(setterName(bucket), n));
            return this;
        }

        private static int requireCount(String name, int n) {
            if (n < 0) {
                throw new IllegalArgumentException(name + " needs to be >= 0, not " + n);
            }
            return n;
        }

        static String setterName(CalendarBucket bucket) {
            return switch (bucket) {
                case HOURLY -> "keepHourly";
                case DAILY -> "keepDaily";
                case WEEKLY -> "keepWeekly";
                case MONTHLY -> "keepMonthly";
                case YEARLY -> "keepYearly";
            };
        }
    }
}
