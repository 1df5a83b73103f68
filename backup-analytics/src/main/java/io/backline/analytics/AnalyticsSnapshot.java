package io.backline.analytics;

import io.backline.core.manifest.BackupStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's current state in numbers, as metrics and dashboards want it: computed from one reading of the
 * catalog and the verification records by {@link BackupAnalyticsEngine#snapshot()}.
 *
 * @param takenAt              when it was computed
 * @param sources              per source, by name
 * @param storageInUseBytes    bytes in use now, all sources
 * @param verificationPassRate pass rate of the verification runs of the last 30 days, or null without runs
 * @param forecast             the space forecast over the engine's horizon
 */
public record AnalyticsSnapshot(Instant takenAt, List<SourceSnapshot> sources, long storageInUseBytes,
                                Double verificationPassRate, SpaceForecast forecast) {

    public AnalyticsSnapshot {
        sources = List.copyOf(sources);
    }

    /** One source's state, if known. */
    public Optional<SourceSnapshot> source(String name) {
        return sources.stream().filter(s -> s.source().equals(name)).findFirst();
    }

    /**
     * One source's current state.
     *
     * @param source               source name
     * @param lastSuccessAt        end of its newest completed backup, or null
     * @param lastVerificationAt   start of its newest verification run, or null
     * @param lastDurationSeconds  duration of its newest completed backup, or null
     * @param lastStoredBytes      stored bytes of its newest completed backup, or null
     * @param attemptsByStatus     every attempt ever recorded (deleted ones included), by effective status
     * @param verificationPassRate pass rate of its verification runs of the last 30 days, or null
     * @param storageInUseBytes    its bytes in use now
     */
    public record SourceSnapshot(String source, Instant lastSuccessAt, Instant lastVerificationAt,
                                 Double lastDurationSeconds, Long lastStoredBytes,
                                 Map<BackupStatus, Long> attemptsByStatus, Double verificationPassRate,
                                 long storageInUseBytes) {
        public SourceSnapshot {
            attemptsByStatus = Map.copyOf(attemptsByStatus);
        }
    }
}
