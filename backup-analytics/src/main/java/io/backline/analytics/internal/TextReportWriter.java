package io.backline.analytics.internal;

import static io.backline.analytics.internal.Formats.bytes;
import static io.backline.analytics.internal.Formats.percent;
import static io.backline.analytics.internal.Formats.seconds;

import io.backline.analytics.BackupReport;
import io.backline.analytics.BackupRow;
import io.backline.analytics.BackupStats;
import io.backline.analytics.FailureRow;
import io.backline.analytics.NewestBackup;
import io.backline.analytics.SourceStats;
import io.backline.analytics.SpaceForecast;
import io.backline.analytics.VerificationStats;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/** The plain-text rendering of reports and forecasts, for terminals and e-mail bodies. */
public final class TextReportWriter {
    private TextReportWriter() {
    }

    public static void write(BackupReport report, Writer out) throws IOException {
        ZoneId zone = report.period().zone();
        StringBuilder text = new StringBuilder();
        text.append("Backline ").append(report.period().kind().name().toLowerCase(Locale.ROOT)).append(" report ")
                .append(report.period().label()).append(" (").append(zone).append(")\n");
        text.append("generated ").append(Formats.time(report.generatedAt(), zone)).append(", as of ")
                .append(Formats.time(report.asOf(), zone)).append("\n\n");
        BackupStats totals = report.totals();
        text.append(line("Attempts", attempts(totals) + ", success rate " + percent(totals.successRate())));
        text.append(line("Stored", bytes(totals.storedBytes()) + " (content " + bytes(totals.contentBytes())
                + ", compression " + Formats.ratio(totals.compressionRatio()) + ")"));
        text.append(line("Duration", durations(totals) + ", throughput "
                + Formats.rate(totals.throughputBytesPerSecond())));
        text.append(line("Storage in use", bytes(report.storage().inUseAtEnd()) + " ("
                + (report.storage().growthBytes() >= 0 ? "+" : "") + bytes(report.storage().growthBytes())
                + " over the period)"));
        VerificationStats verification = report.verification();
        text.append(line("Verification", verification.runs() + " runs, pass rate " + percent(verification.passRate())
                + ", coverage " + percent(verification.coverage()) + " (" + verification.backupsVerified() + " of "
                + verification.backupsCompleted() + " backups)"));
        text.append(line("Forecast", forecastLine(report.forecast())));
        if (!report.sources().isEmpty()) {
            text.append("\nPer source\n");
            text.append(String.format(Locale.ROOT, "  %-24s %8s %8s %8s %12s %12s %-17s %10s%n", "SOURCE", "ATTEMPTS",
                    "FAILED", "SUCCESS", "STORED", "IN USE", "NEWEST", "AGE"));
            for (SourceStats source : report.sources()) {
                NewestBackup newest = source.newestCompleted();
                text.append(String.format(Locale.ROOT, "  %-24s %8d %8d %8s %12s %12s %-17s %10s%n", source.source(),
                        source.stats().attempts(), source.stats().failed() + source.stats().interrupted(),
                        percent(source.stats().successRate()), bytes(source.stats().storedBytes()),
                        bytes(source.storageInUseBytes()),
                        newest == null ? "never" : Formats.time(newest.finishedAt(), zone),
                        newest == null ? "-" : seconds(newest.ageSeconds())));
            }
        }
        if (!report.failures().isEmpty()) {
            text.append("\nFailures\n");
            for (FailureRow failure : report.failures()) {
                text.append("  ").append(Formats.time(failure.startedAt(), zone)).append("  ").append(failure.ref())
                        .append("  ").append(failure.status()).append(failure.stage() == null ? ""
                                : " at " + failure.stage()).append(": ").append(Formats.orDash(failure.message()))
                        .append('\n');
            }
        }
        if (!verification.failures().isEmpty()) {
            text.append("\nFailed verifications\n");
            for (VerificationStats.VerificationFailure failure : verification.failures()) {
                text.append("  ").append(Formats.time(failure.startedAt(), zone)).append("  ")
                        .append(failure.source()).append('/').append(failure.backupId()).append("  ")
                        .append(Formats.orDash(failure.level())).append(failure.stage() == null ? ""
                                : " at " + failure.stage()).append(": ").append(Formats.orDash(failure.message()))
                        .append('\n');
            }
        }
        rows(text, "Largest backups", report.largest(), zone);
        rows(text, "Slowest backups", report.slowest(), zone);
        out.write(text.toString());
    }

    public static void write(SpaceForecast forecast, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Space forecast for ").append(Formats.days(forecast.horizon())).append(" from ")
                .append(Formats.time(forecast.asOf(), ZoneOffset.UTC)).append(" UTC\n");
        text.append(line("Result", forecastLine(forecast)));
        if (forecast instanceof SpaceForecast.Predicted predicted) {
            text.append(line("Method", predicted.method() + ", " + predicted.history().backups()
                    + " backups of " + predicted.history().sources() + " sources from "
                    + Formats.time(predicted.history().from(), ZoneOffset.UTC)));
            for (String note : predicted.notes()) {
                text.append(line("Note", note));
            }
        }
        text.append(String.format(Locale.ROOT, "%n  %-24s %-17s %12s %12s %25s %8s%n", "SOURCE", "OUTCOME", "NOW",
                "PREDICTED", "95% BAND", "KEPT"));
        for (SpaceForecast.SourceForecast source : forecast.sources()) {
            text.append(String.format(Locale.ROOT, "  %-24s %-17s %12s %12s %25s %8d%n", source.source(),
                    source.outcome(), bytes(source.currentBytes()), bytes(source.predictedBytes()),
                    bytes(source.lowerBytes()) + " .. " + bytes(source.upperBytes()), source.backupsKept()));
        }
        out.write(text.toString());
    }

    /** One line summing up a forecast, e.g. {@code 1.2 GiB in 30.0 days (1.1 GiB .. 1.3 GiB, 95%)}. */
    public static String forecastLine(SpaceForecast forecast) {
        if (forecast instanceof SpaceForecast.Predicted predicted) {
            String line = bytes(predicted.predictedBytes()) + " in " + Formats.days(predicted.horizon()) + " ("
                    + bytes(predicted.lowerBytes()) + " .. " + bytes(predicted.upperBytes()) + ", 95%), now "
                    + bytes(predicted.currentBytes());
            if (predicted.capacityBytes() != null) {
                line += "; capacity " + bytes(predicted.capacityBytes()) + (predicted.daysUntilFull() == null
                        ? ", not reached"
                        : String.format(Locale.ROOT, ", full in %.0f days", predicted.daysUntilFull()));
            }
            return line;
        }
        return "insufficient data: " + ((SpaceForecast.InsufficientData) forecast).reason();
    }

    private static String attempts(BackupStats stats) {
        return stats.attempts() + " (completed " + stats.completed() + ", failed " + stats.failed() + ", interrupted "
                + stats.interrupted() + ", running " + stats.running() + ")";
    }

    private static String durations(BackupStats stats) {
        if (stats.duration().count() == 0) {
            return "n/a";
        }
        return "mean " + seconds(stats.duration().meanSeconds()) + ", p50 " + seconds(stats.duration().p50Seconds())
                + ", p95 " + seconds(stats.duration().p95Seconds()) + ", max "
                + seconds(stats.duration().maxSeconds());
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "%-16s %s%n", label + ":", value);
    }

    private static void rows(StringBuilder text, String title, java.util.List<BackupRow> rows, ZoneId zone) {
        if (rows.isEmpty()) {
            return;
        }
        text.append('\n').append(title).append('\n');
        for (BackupRow row : rows) {
            text.append(String.format(Locale.ROOT, "  %-17s %-45s %12s %10s%n", Formats.time(row.startedAt(), zone),
                    row.ref(), bytes(row.storedBytes()),
                    row.durationSeconds() == null ? "-" : seconds(row.durationSeconds())));
        }
    }
}
