package io.backline.analytics.internal;

import io.backline.analytics.BackupReport;
import io.backline.analytics.BackupRow;
import io.backline.analytics.DayCount;
import io.backline.analytics.FailureRow;
import io.backline.analytics.NewestBackup;
import io.backline.analytics.ReportPeriod;
import io.backline.analytics.SourceStats;
import io.backline.analytics.SpaceForecast;
import io.backline.analytics.StorageStats;
import io.backline.analytics.VerificationStats;
import io.backline.core.BackupSummary;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.VerificationRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes a {@link BackupReport} from a {@link History}; pure, no I/O. */
public final class ReportCalculator {
    /** The charts of a report show at least this many days. */
    public static final Duration MIN_CHART_WINDOW = Duration.ofDays(30);
    private static final int TOP = 10;

    private final ForecastCalculator forecaster;

    public ReportCalculator(ForecastCalculator forecaster) {
        this.forecaster = forecaster;
    }

    public BackupReport compute(History history, ReportPeriod period) {
        Instant now = history.loadedAt();
        Instant asOf = period.to().isAfter(now) ? now : period.to();
        if (asOf.isBefore(period.from())) {
            asOf = period.from();
        }
        List<BackupSummary> inPeriod = new ArrayList<>();
        Map<String, List<BackupSummary>> perSource = new TreeMap<>();
        Map<String, BackupSummary> newest = new TreeMap<>();
        for (BackupSummary summary : history.backups()) {
            if (summary.startedAt().isAfter(asOf)) {
                break;
            }
            perSource.computeIfAbsent(summary.source(), s -> new ArrayList<>());
            if (period.contains(summary.startedAt())) {
                inPeriod.add(summary);
                perSource.get(summary.source()).add(summary);
            }
            if (summary.status() == BackupStatus.COMPLETED && !History.committedAt(summary).isAfter(asOf)) {
                BackupSummary previous = newest.get(summary.source());
                if (previous == null || !History.committedAt(previous).isAfter(History.committedAt(summary))) {
                    newest.put(summary.source(), summary);
                }
            }
        }
        Map<String, long[]> inUse = storageBySource(history, period.from(), asOf);
        Set<String> verified = new HashSet<>();
        List<VerificationRecord> periodRecords = new ArrayList<>();
        Instant lastRun = null;
        for (VerificationRecord record : history.verifications()) {
            if (record.outcome() == VerificationRecord.Outcome.PASSED
                    && !record.startedAt().isAfter(history.loadedAt())) {
                verified.add(record.ref());
            }
            if (record.startedAt().isBefore(period.to())) {
                lastRun = record.startedAt();
            }
            if (period.contains(record.startedAt())) {
                periodRecords.add(record);
            }
        }
        VerificationStats verification = verification(periodRecords, verified, lastRun, inPeriod, null);
        List<NewestBackup> newestList = new ArrayList<>();
        Map<String, NewestBackup> newestBySource = new HashMap<>();
        for (BackupSummary summary : newest.values()) {
            NewestBackup entry = new NewestBackup(summary.source(), summary.id(), summary.startedAt(),
                    summary.finishedAt(), summary.storedBytes(),
                    Duration.between(History.committedAt(summary), asOf).toSeconds());
            newestList.add(entry);
            newestBySource.put(summary.source(), entry);
        }
        List<SourceStats> sources = new ArrayList<>();
        for (Map.Entry<String, List<BackupSummary>> entry : perSource.entrySet()) {
            String source = entry.getKey();
            long[] bytes = inUse.getOrDefault(source, new long[2]);
            sources.add(new SourceStats(source, Stats.of(entry.getValue()), bytes[1], bytes[1] - bytes[0],
                    verification(periodRecords, verified, null, entry.getValue(), source).passRate(),
                    newestBySource.get(source)));
        }
        long startBytes = 0;
        long endBytes = 0;
        for (long[] bytes : inUse.values()) {
            startBytes += bytes[0];
            endBytes += bytes[1];
        }
        Instant chartFrom = chartFrom(period, asOf);
        StorageStats storage = new StorageStats(startBytes, endBytes, endBytes - startBytes,
                timeline(history, chartFrom, asOf, period.zone()));
        SpaceForecast forecast = forecaster.forecast(history, asOf);
        return new BackupReport(period, now, asOf, Stats.of(inPeriod), sources, largest(inPeriod),
                slowest(inPeriod), failures(inPeriod), verification, storage, newestList,
                days(history, chartFrom, asOf, period.zone()), rowsNewestFirst(inPeriod), forecast);
    }

    /** Start of the chart window: the period's start, or 30 days before {@code asOf} if that is earlier. */
    static Instant chartFrom(ReportPeriod period, Instant asOf) {
        Instant min = asOf.minus(MIN_CHART_WINDOW);
        Instant from = period.from().isBefore(min) ? period.from() : min;
        return from.atZone(period.zone()).toLocalDate().atStartOfDay(period.zone()).toInstant();
    }

    private static Map<String, long[]> storageBySource(History history, Instant start, Instant end) {
        Map<String, long[]> bytes = new HashMap<>();
        for (BackupSummary summary : history.backups()) {
            if (summary.startedAt().isAfter(end)) {
                break;
            }
            if (summary.status() != BackupStatus.COMPLETED) {
                continue;
            }
            long[] pair = bytes.computeIfAbsent(summary.source(), s -> new long[2]);
            if (History.inUseAt(summary, start)) {
                pair[0] += summary.storedBytes();
            }
            if (History.inUseAt(summary, end)) {
                pair[1] += summary.storedBytes();
            }
        }
        return bytes;
    }

    private static VerificationStats verification(List<VerificationRecord> periodRecords, Set<String> verified,
                                                  Instant lastRun, List<BackupSummary> attempts, String source) {
        int runs = 0;
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        List<VerificationStats.VerificationFailure> failures = new ArrayList<>();
        for (VerificationRecord record : periodRecords) {
            if (source != null && !source.equals(record.source())) {
                continue;
            }
            runs++;
            switch (record.outcome()) {
                case PASSED -> passed++;
                case FAILED -> {
                    failed++;
                    failures.add(new VerificationStats.VerificationFailure(record.source(), record.backupId(),
                            record.level(), record.startedAt(),
                            record.failure() == null ? null : record.failure().stage(),
                            record.failure() == null ? null : record.failure().message()));
                }
                case SKIPPED -> skipped++;
                default -> throw new IllegalStateException("unknown outcome " + record.outcome());
            }
        }
        int completed = 0;
        int covered = 0;
        for (BackupSummary summary : attempts) {
            if (summary.status() == BackupStatus.COMPLETED) {
                completed++;
                if (verified.contains(summary.ref())) {
                    covered++;
                }
            }
        }
        return new VerificationStats(runs, passed, failed, skipped, Stats.ratio(passed, passed + failed), completed,
                covered, Stats.ratio(covered, completed), lastRun, failures);
    }

    private static List<StorageStats.StoragePoint> timeline(History history, Instant from, Instant asOf,
                                                            ZoneId zone) {
        List<Instant> times = new ArrayList<>();
        LocalDate day = from.atZone(zone).toLocalDate();
        while (true) {
            Instant endOfDay = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (!endOfDay.isBefore(asOf)) {
                times.add(asOf);
                break;
            }
            times.add(endOfDay);
            day = day.plusDays(1);
        }
        List<long[]> events = new ArrayList<>();
        for (BackupSummary summary : history.backups()) {
            if (summary.status() != BackupStatus.COMPLETED || summary.storedBytes() == 0) {
                continue;
            }
            events.add(new long[] {History.committedAt(summary).toEpochMilli(), summary.storedBytes()});
            Instant deletedAt = summary.manifest().deletedAt();
            if (deletedAt != null) {
                events.add(new long[] {deletedAt.toEpochMilli(), -summary.storedBytes()});
            }
        }
        events.sort(Comparator.comparingLong(e -> e[0]));
        List<StorageStats.StoragePoint> points = new ArrayList<>(times.size());
        long bytes = 0;
        int next = 0;
        for (Instant time : times) {
            long millis = time.toEpochMilli();
            while (next < events.size() && events.get(next)[0] <= millis) {
                bytes += events.get(next)[1];
                next++;
            }
            points.add(new StorageStats.StoragePoint(time, bytes));
        }
        return points;
    }

    private static List<DayCount> days(History history, Instant from, Instant asOf, ZoneId zone) {
        Map<LocalDate, List<BackupSummary>> byDay = new LinkedHashMap<>();
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = asOf.minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            byDay.put(day, new ArrayList<>());
        }
        for (BackupSummary summary : history.backups()) {
            if (summary.startedAt().isBefore(from)) {
                continue;
            }
            if (!summary.startedAt().isBefore(asOf)) {
                break;
            }
            List<BackupSummary> list = byDay.get(summary.startedAt().atZone(zone).toLocalDate());
            if (list != null) {
                list.add(summary);
            }
        }
        List<DayCount> days = new ArrayList<>(byDay.size());
        for (Map.Entry<LocalDate, List<BackupSummary>> entry : byDay.entrySet()) {
            var stats = Stats.of(entry.getValue());
            boolean timed = stats.duration().count() > 0;
            days.add(new DayCount(entry.getKey(), stats.completed(), stats.failed(), stats.interrupted(),
                    stats.storedBytes(), timed ? stats.duration().meanSeconds() : null,
                    timed ? stats.duration().maxSeconds() : null));
        }
        return days;
    }

    private static List<BackupRow> largest(List<BackupSummary> attempts) {
        return attempts.stream().filter(s -> s.status() == BackupStatus.COMPLETED)
                .sorted(Comparator.comparingLong(BackupSummary::storedBytes).reversed()
                        .thenComparing(BackupSummary::ref))
                .limit(TOP).map(Stats::row).toList();
    }

    private static List<BackupRow> slowest(List<BackupSummary> attempts) {
        return attempts.stream().filter(s -> s.status() == BackupStatus.COMPLETED && s.duration() != null)
                .sorted(Comparator.comparing(BackupSummary::duration).reversed().thenComparing(BackupSummary::ref))
                .limit(TOP).map(Stats::row).toList();
    }

    private static List<FailureRow> failures(List<BackupSummary> attempts) {
        List<FailureRow> rows = new ArrayList<>();
        for (int i = attempts.size() - 1; i >= 0; i--) {
            BackupSummary summary = attempts.get(i);
            if (!summary.status().unsuccessful()) {
                continue;
            }
            var error = summary.manifest().error();
            String message = error != null ? error.message()
                    : summary.status() == BackupStatus.INTERRUPTED ? "the writer stopped before finishing" : null;
            rows.add(new FailureRow(summary.source(), summary.id(), summary.status(), summary.startedAt(),
                    error == null ? null : error.stage(), error == null ? null : error.type(), message));
        }
        return rows;
    }

    private static List<BackupRow> rowsNewestFirst(List<BackupSummary> attempts) {
        List<BackupRow> rows = new ArrayList<>(attempts.size());
        for (int i = attempts.size() - 1; i >= 0; i--) {
            rows.add(Stats.row(attempts.get(i)));
        }
        return rows;
    }
}
