package io.backline.core;

import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** The calendar periods retention buckets backups by; a label names a period uniquely within one rule. */
enum CalendarBucket {
    HOURLY("hourly") {
        @Override
        String label(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
        }
    },
    DAILY("daily") {
        @Override
        String label(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        }
    },
    WEEKLY("weekly") {
        @Override
        String label(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%04d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    },
    MONTHLY("monthly") {
        @Override
        String label(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%04d-%02d", t.getYear(), t.getMonthValue());
        }
    },
    YEARLY("yearly") {
        @Override
        String label(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%04d", t.getYear());
        }
    };

    private final String adjective;

    CalendarBucket(String adjective) {
        this.adjective = adjective;
    }

    /** The period containing {@code time}, e.g. {@code 2026-W48}. */
    abstract String label(ZonedDateTime time);

    /** The reason given for a backup this bucket keeps, e.g. {@code weekly snapshot 2026-W48}. */
    String reason(String label) {
        return adjective + " snapshot " + label;
    }
}
