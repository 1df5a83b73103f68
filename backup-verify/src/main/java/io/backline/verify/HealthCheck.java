package io.backline.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One health check: its name (e.g. {@code backup-age}), its status, the reason in words and the figures it judged
 * (ages, sizes, thresholds), in a stable order. Holds no secret.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthCheck(String name, HealthStatus status, String reason, Map<String, Object> figures) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        figures = figures == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
