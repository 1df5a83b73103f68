package io.backline.analytics;

import io.backline.core.manifest.BackupStatus;
import java.time.Instant;

/**
 * A failed or interrupted backup attempt and why it failed.
 *
 * @param source    source name
 * @param id        backup id
 * @param status    FAILED or INTERRUPTED
 * @param startedAt start time
 * @param stage     the stage that failed (e.g. SOURCE, STORE), or null when unknown (interrupted attempts)
 * @param type      the failure's type, or null
 * @param message   the failure's message, or a note for interrupted attempts
 */
public record FailureRow(String source, String id, BackupStatus status, Instant startedAt, String stage, String type,
                         String message) {

    /** {@code source/id}. */
    public String ref() {
        return source + "/" + id;
    }
}
