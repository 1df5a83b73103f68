package io.backline.analytics;

/** How urgent an {@link Alert} or a {@link Notification} is. */
public enum Severity {
    /** For the record: reports, recoveries. */
    INFO,
    /** Needs a look soon: a failed attempt, a forecast nearing capacity. */
    WARNING,
    /** Needs action now: no recent backup, failing verifications, health DOWN. */
    CRITICAL;

    /** The more urgent of the two. */
    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
