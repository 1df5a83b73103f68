package io.backline.analytics;

import java.time.LocalDate;

/**
 * The attempts started on one day (in the report's zone): what the daily charts draw.
 *
 * @param date               the day
 * @param completed          completed attempts
 * @param failed             failed attempts
 * @param interrupted        interrupted attempts
 * @param storedBytes        bytes stored by the completed attempts
 * @param meanDurationSeconds mean duration of the completed attempts, or null
 * @param maxDurationSeconds longest completed attempt, or null
 */
public record DayCount(LocalDate date, int completed, int failed, int interrupted, long storedBytes,
                       Double meanDurationSeconds, Double maxDurationSeconds) {
}
