package io.backline.cli;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes and durations, and parsing of {@code 7d}, {@code 26h}, {@code 30m}. */
final class Sizes {
    private Sizes() {
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", millis / 60_000, (millis / 1000) % 60);
    }

    /** Parses {@code 30s}, {@code 30m}, {@code 26h}, {@code 7d}, {@code 2w} or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        if (t.length() < 2) {
            throw new IllegalArgumentException("duration needs a number and a unit (s, m, h, d, w), not '" + text
                    + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration needs a number and a unit (s, m, h, d, w), not '" + text
                    + "'", e);
        }
        switch (t.charAt(t.length() - 1)) {
            case 's':
                return Duration.ofSeconds(amount);
            case 'm':
                return Duration.ofMinutes(amount);
            case 'h':
                return Duration.ofHours(amount);
            case 'd':
                return Duration.ofDays(amount);
            case 'w':
                return Duration.ofDays(7 * amount);
            default:
                throw new IllegalArgumentException("duration unit needs to be s, m, h, d or w, not '" + text + "'");
        }
    }
}
