package io.backline.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What happened in a repository during one {@link ReportPeriod}: attempts, sizes, timings, failures,
 * verification, storage and a forecast. Immutable; built by {@link BackupAnalyticsEngine} from one reading of the
 * catalog and of the verification records. The JSON export uses exactly these component names (docs/REPORTS.md).
 *
 * <p>Totals and per-source statistics count attempts <em>started</em> in the period. Point-in-time values (bytes
 * in use at the end, the newest completed backup and its age, the forecast) are taken at {@code asOf}: the end of
 * the period, or the report's generation time when the period has not ended yet. The daily series ({@code days},
 * {@code storage.timeline}) cover the <em>chart window</em>: the period, extended back to at least 30 days before
 * {@code asOf} so that a daily report's charts still show a trend.
 *
 * @param period          the period
 * @param generatedAt     when the report was computed
 * @param asOf            the point in time for point-in-time values
 * @param totals          all sources together
 * @param sources         per source, by name
 * @param largest         the largest completed backups of the period, largest first (at most 10)
 * @param slowest         the slowest completed backups of the period, slowest first (at most 10)
 * @param failures        failed and interrupted attempts of the period, newest first
 * @param verification    verification runs of the period
 * @param storage         bytes in use and their growth
 * @param newestCompleted the newest completed backup per source, by source name
 * @param days            attempts per day over the chart window, oldest first
 * @param backups         every attempt of the period, newest first (the CSV rows)
 * @param forecast        the space forecast from {@code asOf}
 */
public record BackupReport(ReportPeriod period, Instant generatedAt, Instant asOf, BackupStats totals,
                           List<SourceStats> sources, List<BackupRow> largest, List<BackupRow> slowest,
                           List<FailureRow> failures, VerificationStats verification, StorageStats storage,
                           List<NewestBackup> newestCompleted, List<DayCount> days, List<BackupRow> backups,
                           SpaceForecast forecast) {

    public BackupReport {
        sources = List.copyOf(sources);
        largest = List.copyOf(largest);
        slowest = List.copyOf(slowest);
        failures = List.copyOf(failures);
        newestCompleted = List.copyOf(newestCompleted);
        days = List.copyOf(days);
        backups = List.copyOf(backups);
    }

    /** One source's statistics, if the source is known. */
    public Optional<SourceStats> source(String name) {
        return sources.stream().filter(s -> s.source().equals(name)).findFirst();
    }
}
