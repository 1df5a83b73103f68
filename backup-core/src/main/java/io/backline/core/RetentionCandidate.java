package io.backline.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One backup as retention sees it: its id, when it was taken and whether it completed.
 *
 * <p>Only completed backups are subject to the keep rules of a {@link RetentionPolicy}; the others (failed or
 * interrupted attempts) are planned for cleanup of their leftovers. Do not pass an attempt that is still running: the
 * planner cannot tell it from an interrupted one. Backups already deleted by retention should not be passed either.
 *
 * @param id        the backup id, unique among the candidates of one plan
 * @param time      when the backup was taken (its start time)
 * @param completed whether it reached COMPLETED
 */
public record RetentionCandidate(String id, Instant time, boolean completed) {
    public RetentionCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
    }

    /** A backup that completed. */
    public static RetentionCandidate completed(String id, Instant time) {
        return new RetentionCandidate(id, time, true);
    }

    /** A failed or interrupted attempt whose leftovers may be removed. */
    public static RetentionCandidate unsuccessful(String id, Instant time) {
        return new RetentionCandidate(id, time, false);
    }
}
