package io.backline.verify;

/** How healthy a repository, a source or one check is; ordered from best to worst. */
public enum HealthStatus {
    /** Everything checked is as the policy wants it. */
    UP,
    /** Backups exist and are fresh, but something needs attention: a failed or stale verification, a suspicious size. */
    DEGRADED,
    /** Recovery is at risk: no fresh backup within the RPO, or storage unreachable, unwritable or full. */
    DOWN;

    /** The worse of this and {@code other}. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
