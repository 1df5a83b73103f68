package io.backline.analytics;

/**
 * The seam through which {@link AlertRules} ask for the backups' health: the host wires backup-verify's
 * {@code BackupHealth} (or anything else) here, e.g.
 * {@code () -> { HealthReport h = health.check(); return new HealthStatus(State.valueOf(h.status().name()), h.summary()); }}.
 * An exception thrown here is reported as DOWN with its message.
 */
@FunctionalInterface
public interface HealthCheck {

    /** The current health. */
    HealthStatus check() throws Exception;
}
