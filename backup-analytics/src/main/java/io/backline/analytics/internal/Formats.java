package io.backline.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human-readable numbers: IEC byte sizes, short durations, percentages; never locale-dependent. */
public final class Formats {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    /** E.g. {@code 1.5 GiB}, {@code 512 B}, {@code -3.0 MiB}. */
    public static String bytes(double bytes) {
        double value = Math.abs(bytes);
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        return unit == 0 ? sign + Math.round(value) + " B"
                : sign + String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** E.g. {@code 2h03m}, {@code 4m05s}, {@code 12.3s}. */
    public static String seconds(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
        }
        if (whole < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", whole / 3600, whole % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", whole / 86_400, whole % 86_400 / 3600);
    }

    /** E.g. {@code 97.5%}, or {@code n/a} for null. */
    public static String percent(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** E.g. {@code 2.35x}, or {@code n/a}. */
    public static String ratio(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** E.g. {@code 12.3 MiB/s}, or {@code n/a}. */
    public static String rate(Double bytesPerSecond) {
        return bytesPerSecond == null ? "n/a" : bytes(bytesPerSecond) + "/s";
    }

    /** E.g. {@code 2026-11-28 13:00} in {@code zone}, or {@code -}. */
    public static String time(Instant instant, ZoneId zone) {
        return instant == null ? "-" : MINUTE.format(instant.atZone(zone));
    }

    /** A duration in days with one decimal, e.g. {@code 30.0 days}. */
    public static String days(Duration duration) {
        return String.format(Locale.ROOT, "%.1f days", duration.toMinutes() / 1440.0);
    }

    /** {@code value} or {@code -} for null. */
    public static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
