package io.backline.analytics;

import io.backline.core.manifest.BackupStatus;
import java.time.Instant;

/**
 * One backup attempt as reports list it (a CSV row, an entry of the largest or slowest backups).
 *
 * @param source           source name
 * @param id               backup id
 * @param status           effective status (INTERRUPTED for a RUNNING attempt whose writer is gone)
 * @param startedAt        start time
 * @param finishedAt       end time, or null while running
 * @param durationSeconds  duration, or null while running
 * @param storedBytes      bytes stored (0 without an artifact)
 * @param contentBytes     payload bytes (0 without an artifact)
 * @param compressionRatio {@code contentBytes / storedBytes}, or null
 * @param deletedAt        when retention deleted the artifact, or null
 * @param errorStage       the failing stage, or null
 * @param errorType        the failure's type, or null
 * @param errorMessage     the failure's message, or null
 */
public record BackupRow(String source, String id, BackupStatus status, Instant startedAt, Instant finishedAt,
                        Double durationSeconds, long storedBytes, long contentBytes, Double compressionRatio,
                        Instant deletedAt, String errorStage, String errorType, String errorMessage) {

    /** {@code source/id}. */
    public String ref() {
        return source + "/" + id;
    }
}
