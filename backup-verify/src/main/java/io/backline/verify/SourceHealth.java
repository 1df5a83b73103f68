package io.backline.verify;

import java.util.List;
import java.util.Objects;

/** The health of one source: the worst of its checks, and the checks. */
public record SourceHealth(String source, HealthStatus status, List<HealthCheck> checks) {
    public SourceHealth {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
    }

    /** The check named {@code name}, if it ran. */
    public java.util.Optional<HealthCheck> check(String name) {
        return checks.stream().filter(check -> check.name().equals(name)).findFirst();
    }
}
