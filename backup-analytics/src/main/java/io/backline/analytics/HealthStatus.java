package io.backline.analytics;

import java.util.Objects;

/**
 * What a {@link HealthCheck} says about the backups: UP, DEGRADED or DOWN, with a reason. Mirrors backup-verify's
 * health report without depending on it.
 *
 * @param state  the state
 * @param detail why, for humans (may be empty)
 */
public record HealthStatus(State state, String detail) {

    /** Health states, best first. */
    public enum State {
        UP, DEGRADED, DOWN
    }

    public HealthStatus {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }

    public static HealthStatus up() {
        return new HealthStatus(State.UP, "");
    }

    public static HealthStatus degraded(String detail) {
        return new HealthStatus(State.DEGRADED, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(State.DOWN, detail);
    }
}
