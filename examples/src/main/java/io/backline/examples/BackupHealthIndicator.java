package io.backline.examples;

import io.backline.verify.BackupHealth;
import io.backline.verify.HealthCheck;
import io.backline.verify.HealthReport;
import io.backline.verify.HealthStatus;
import io.backline.verify.SourceHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Spring Boot Actuator–style health indicator over {@link BackupHealth}, written without a Spring dependency: it has
 * the shape of {@code HealthIndicator#health()} and returns what Actuator renders — a status and details. UP maps to
 * {@code UP}, DOWN to {@code DOWN}, and DEGRADED to the custom status {@code DEGRADED} (register it with
 * {@code management.endpoint.health.status.order=DOWN,DEGRADED,UP} and map it to HTTP 200 or 503 as the host wants).
 *
 * <p>Wiring it into a Spring Boot application takes five lines:
 * <pre>{@code
 * @Bean
 * HealthIndicator backups(BackupHealth health) {
 *     BackupHealthIndicator indicator = new BackupHealthIndicator(health);
 *     return () -> { Map<String, Object> h = indicator.health();
 *         return Health.status((String) h.get("status")).withDetails((Map<String, Object>) h.get("details")).build(); };
 * }
 * }</pre>
 * Health checks read the catalog and write a tiny probe blob; on a large or remote repository, cache the result for a
 * minute rather than checking on every poll.
 */
public final class BackupHealthIndicator {
    private final BackupHealth health;

    public BackupHealthIndicator(BackupHealth health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    /** {@code {"status": "UP|DEGRADED|DOWN", "details": {"checkedAt": …, "repository": {…}, "<source>": {…}}}}. */
    public Map<String, Object> health() {
        HealthReport report = health.check();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checkedAt", report.checkedAt().toString());
        details.put("storage", report.storage());
        details.put("repository", checks(report.repository()));
        for (SourceHealth source : report.sources()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", source.status().name());
            entry.put("checks", checks(source.checks()));
            details.put(source.source(), entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status(report.status()));
        result.put("details", details);
        return result;
    }

    private static String status(HealthStatus status) {
        return status.name();
    }

    private static Map<String, Object> checks(Iterable<HealthCheck> checks) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", check.status().name());
            entry.put("reason", check.reason());
            rendered.put(check.name(), entry);
        }
        return rendered;
    }
}
