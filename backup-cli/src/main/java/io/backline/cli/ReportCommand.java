package io.backline.cli;

import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.BackupReport;
import io.backline.analytics.ReportFormat;
import io.backline.analytics.ReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code backline report daily|weekly|monthly|--from D --to D --repo DIR [--format text|json|csv|html] [-o FILE]}.
 * Daily is yesterday, weekly the seven days up to yesterday, monthly the previous month, in {@code --zone}.
 */
@Command(name = "report", description = "Report on backups: attempts, sizes, durations, failures, verifications,"
        + " storage and its forecast.", mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PERIOD", description = "daily, weekly or monthly.")
    String period;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (yyyy-mm-dd) of a custom range.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day (yyyy-mm-dd) of a custom range.")
    LocalDate to;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, csv or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of days and months (default: the"
            + " system's).")
    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Integer call() throws IOException {
        BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder().storage(repository.open()).zone(zone).build();
        BackupReport report = report(engine, LocalDate.now(zone));
        ReportFormat chosen = ReportFormat.parse(format);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            ReportRenderer.render(report, chosen, out);
            out.flush();
        } else {
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                ReportRenderer.render(report, chosen, writer);
            }
            spec.commandLine().getOut().println(output.toAbsolutePath());
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    private BackupReport report(BackupAnalyticsEngine engine, LocalDate today) {
        if (period != null && (from != null || to != null)) {
            throw new IllegalArgumentException("give a PERIOD or --from/--to, not both");
        }
        if (period == null) {
            if (from == null || to == null) {
                throw new IllegalArgumentException("give daily, weekly, monthly, or both --from and --to");
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("--to needs to be on or after --from, not " + to + " < " + from);
            }
            return engine.report(from, to);
        }
        switch (period.toLowerCase(java.util.Locale.ROOT)) {
            case "daily":
                return engine.dailyReport(today.minusDays(1));
            case "weekly":
                return engine.weeklyReport(today.minusDays(1));
            case "monthly":
                return engine.monthlyReport(YearMonth.from(today).minusMonths(1));
            default:
                throw new IllegalArgumentException("PERIOD needs to be daily, weekly or monthly, not '" + period + "'");
        }
    }
}
