package io.backline.analytics;

/**
 * One source's part of a report. Every source with manifests up to the report's {@code asOf} appears, also those
 * without attempts in the period.
 *
 * @param source               source name
 * @param stats                its attempts in the period
 * @param storageInUseBytes    its bytes in use at the end of the period
 * @param storageGrowthBytes   how that changed over the period
 * @param verificationPassRate pass rate of its verification runs in the period, or null
 * @param newestCompleted      its newest completed backup, or null when it never completed one
 */
public record SourceStats(String source, BackupStats stats, long storageInUseBytes, long storageGrowthBytes,
                          Double verificationPassRate, NewestBackup newestCompleted) {
}
