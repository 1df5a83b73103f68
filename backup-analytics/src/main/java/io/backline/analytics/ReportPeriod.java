package io.backline.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The time span a {@link BackupReport} covers: backups started in {@code [from, to)}.
 *
 * @param kind  daily, weekly, monthly or custom
 * @param label a human name such as {@code 2026-11-28}, {@code 2026-11-22..2026-11-28} or {@code 2026-11}
 * @param from  first instant included
 * @param to    first instant excluded
 * @param zone  the zone days are counted in
 */
public record ReportPeriod(Kind kind, String label, Instant from, Instant to, ZoneId zone) {

    /** What sort of period this is. */
    public enum Kind {
        DAILY, WEEKLY, MONTHLY, CUSTOM
    }

    public ReportPeriod {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a report period needs from before to, not " + from + " .. " + to);
        }
    }

    /** One calendar day in {@code zone}. */
    public static ReportPeriod day(LocalDate day, ZoneId zone) {
        return new ReportPeriod(Kind.DAILY, day.toString(), start(day, zone), start(day.plusDays(1), zone), zone);
    }

    /** The seven days ending with {@code lastDay} (inclusive) in {@code zone}. */
    public static ReportPeriod week(LocalDate lastDay, ZoneId zone) {
        LocalDate first = lastDay.minusDays(6);
        return new ReportPeriod(Kind.WEEKLY, first + ".." + lastDay, start(first, zone),
                start(lastDay.plusDays(1), zone), zone);
    }

    /** One calendar month in {@code zone}. */
    public static ReportPeriod month(YearMonth month, ZoneId zone) {
        return new ReportPeriod(Kind.MONTHLY, month.toString(), start(month.atDay(1), zone),
                start(month.plusMonths(1).atDay(1), zone), zone);
    }

    /** The days {@code first} to {@code last}, both inclusive, in {@code zone}. */
    public static ReportPeriod days(LocalDate first, LocalDate last, ZoneId zone) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a report period needs the first day on or before the last, not "
                    + first + " .. " + last);
        }
        return new ReportPeriod(Kind.CUSTOM, first + ".." + last, start(first, zone), start(last.plusDays(1), zone),
                zone);
    }

    /** The instants {@code [from, to)}; days are still counted in {@code zone}. */
    public static ReportPeriod between(Instant from, Instant to, ZoneId zone) {
        return new ReportPeriod(Kind.CUSTOM, from + ".." + to, from, to, zone);
    }

    /** Whether {@code instant} lies in {@code [from, to)}. */
    public boolean contains(Instant instant) {
        return instant != null && !instant.isBefore(from) && instant.isBefore(to);
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
