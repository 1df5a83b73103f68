package io.backline.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Bytes in use in the repository: the stored bytes of completed backups whose artifacts retention has not deleted.
 *
 * @param inUseAtStart bytes in use at the start of the period
 * @param inUseAtEnd   bytes in use at the end of the period (or at report time, when that is earlier)
 * @param growthBytes  {@code inUseAtEnd - inUseAtStart} (negative when retention freed more than was added)
 * @param timeline     bytes in use at the end of each day of the chart window, oldest first
 */
public record StorageStats(long inUseAtStart, long inUseAtEnd, long growthBytes, List<StoragePoint> timeline) {

    public StorageStats {
        timeline = List.copyOf(timeline);
    }

    /**
     * Bytes in use at one instant.
     *
     * @param at    the instant
     * @param bytes bytes in use
     */
    public record StoragePoint(Instant at, long bytes) {
    }
}
