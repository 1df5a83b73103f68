package io.backline.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.backline.core.manifest.ManifestCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BackupHealth#check()} found: UP, DEGRADED or DOWN overall (the worst of everything), the repository's
 * own checks (storage reachable and writable, free space) and each source's checks, each with its reason and
 * figures. {@link #toJson()} renders it with the repository's Jackson settings (ISO-8601 times and durations).
 */
public record HealthReport(HealthStatus status, Instant checkedAt, String storage, List<HealthCheck> repository,
                           List<SourceHealth> sources) {
    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        repository = List.copyOf(repository);
        sources = List.copyOf(sources);
    }

    /** The health of {@code source}, if it was checked. */
    public Optional<SourceHealth> source(String source) {
        return sources.stream().filter(s -> s.source().equals(source)).findFirst();
    }

    /** One line per check that is not UP: {@code source: check: reason}. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (HealthCheck check : repository) {
            if (check.status() != HealthStatus.UP) {
                problems.add("repository: " + check.name() + ": " + check.reason());
            }
        }
        for (SourceHealth source : sources) {
            for (HealthCheck check : source.checks()) {
                if (check.status() != HealthStatus.UP) {
                    problems.add(source.source() + ": " + check.name() + ": " + check.reason());
                }
            }
        }
        return problems;
    }

    /** The report as JSON. */
    public String toJson() {
        try {
            return ManifestCodec.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the health report cannot be written as JSON", e);
        }
    }
}
