package io.backline.analytics;

import java.time.Instant;

/**
 * The newest completed backup of a source at the report's point in time, and how old it is then.
 *
 * @param source      source name
 * @param id          backup id
 * @param startedAt   start time
 * @param finishedAt  end time
 * @param storedBytes bytes stored
 * @param ageSeconds  seconds from its end to the report's {@code asOf}
 */
public record NewestBackup(String source, String id, Instant startedAt, Instant finishedAt, long storedBytes,
                           long ageSeconds) {
}
