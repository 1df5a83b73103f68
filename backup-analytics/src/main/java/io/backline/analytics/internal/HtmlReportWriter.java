package io.backline.analytics.internal;

import static io.backline.analytics.internal.Formats.bytes;
import static io.backline.analytics.internal.Formats.percent;
import static io.backline.analytics.internal.Formats.seconds;
import static io.backline.analytics.internal.Html.escape;

import io.backline.analytics.BackupReport;
import io.backline.analytics.BackupRow;
import io.backline.analytics.DayCount;
import io.backline.analytics.FailureRow;
import io.backline.analytics.NewestBackup;
import io.backline.analytics.SourceStats;
import io.backline.analytics.SpaceForecast;
import io.backline.analytics.StorageStats;
import io.backline.analytics.VerificationStats;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page: inline CSS, three inline SVG charts (storage in use with the forecast and its band;
 * daily successes and failures; durations), then tables. No script, no external resource; a
 * Content-Security-Policy forbids loading any.
 */
public final class HtmlReportWriter {
    /** Storage in use (history). */
    public static final String STORAGE_COLOR = "#2563eb";
    /** The forecast line, and its band at {@link #BAND_OPACITY}. */
    public static final String FORECAST_COLOR = "#7c3aed";
    public static final double BAND_OPACITY = 0.18;
    /** Completed attempts. */
    public static final String SUCCESS_COLOR = "#16a34a";
    /** Failed and interrupted attempts. */
    public static final String FAILURE_COLOR = "#dc2626";
    /** Longest duration per day. */
    public static final String DURATION_COLOR = "#ea580c";
    /** Mean duration per day. */
    public static final String MEAN_DURATION_COLOR = "#0891b2";
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("MM-dd");
    private static final double DAY_MILLIS = 86_400_000.0;

    private HtmlReportWriter() {
    }

    public static void write(BackupReport report, Writer out) throws IOException {
        ZoneId zone = report.period().zone();
        String title = "Backline " + report.period().kind().name().toLowerCase(Locale.ROOT) + " report "
                + report.period().label();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        html.append("<header><h1>").append(escape(title)).append("</h1><p>").append(escape(zone.toString()))
                .append(" &middot; generated ").append(escape(Formats.time(report.generatedAt(), zone)))
                .append(" &middot; as of ").append(escape(Formats.time(report.asOf(), zone))).append("</p></header>\n");
        kpis(html, report);
        html.append("<section class=\"chart\"><h2>Storage in use and forecast</h2>")
                .append(legend(new String[][] {{STORAGE_COLOR, "in use"}, {FORECAST_COLOR, "forecast"},
                        {"rgba(124,58,237,0.25)", "95% band"}}))
                .append(storageChart(report)).append("</section>\n");
        html.append("<section class=\"chart\"><h2>Attempts per day</h2>")
                .append(legend(new String[][] {{SUCCESS_COLOR, "completed"}, {FAILURE_COLOR,
                        "failed or interrupted"}}))
                .append(dailyChart(report)).append("</section>\n");
        html.append("<section class=\"chart\"><h2>Durations per day</h2>")
                .append(legend(new String[][] {{DURATION_COLOR, "longest"}, {MEAN_DURATION_COLOR, "mean"}}))
                .append(durationChart(report)).append("</section>\n");
        tables(html, report, zone);
        html.append("</body></html>\n");
        out.write(html.toString());
    }

    private static void kpis(StringBuilder html, BackupReport report) {
        html.append("<section class=\"kpis\">");
        kpi(html, "Success rate", percent(report.totals().successRate()), report.totals().completed() + " of "
                + report.totals().attempts() + " attempts");
        kpi(html, "Stored", bytes(report.totals().storedBytes()), "compression "
                + Formats.ratio(report.totals().compressionRatio()));
        kpi(html, "In use", bytes(report.storage().inUseAtEnd()), (report.storage().growthBytes() >= 0 ? "+" : "")
                + bytes(report.storage().growthBytes()) + " over the period");
        kpi(html, "Verification", percent(report.verification().passRate()), "coverage "
                + percent(report.verification().coverage()));
        kpi(html, "p95 duration", report.totals().duration().count() == 0 ? "n/a"
                : seconds(report.totals().duration().p95Seconds()), "max "
                + seconds(report.totals().duration().maxSeconds()));
        String forecast = report.forecast() instanceof SpaceForecast.Predicted p ? bytes(p.predictedBytes())
                : "insufficient data";
        kpi(html, "Forecast " + Formats.days(report.forecast().horizon()), forecast,
                report.forecast() instanceof SpaceForecast.Predicted p
                        ? bytes(p.lowerBytes()) + " .. " + bytes(p.upperBytes())
                        : report.forecast() instanceof SpaceForecast.InsufficientData i ? i.reason() : "");
        html.append("</section>\n");
    }

    private static void kpi(StringBuilder html, String label, String value, String detail) {
        html.append("<div class=\"kpi\"><div class=\"label\">").append(escape(label))
                .append("</div><div class=\"value\">").append(escape(value)).append("</div><div class=\"detail\">")
                .append(escape(detail)).append("</div></div>");
    }

    private static String legend(String[][] entries) {
        StringBuilder html = new StringBuilder("<div class=\"legend\">");
        for (String[] entry : entries) {
            html.append("<span><i style=\"background:").append(entry[0]).append("\"></i>").append(escape(entry[1]))
                    .append("</span>");
        }
        return html.append("</div>").toString();
    }

    static String storageChart(BackupReport report) {
        List<StorageStats.StoragePoint> timeline = report.storage().timeline();
        Instant origin = timeline.isEmpty() ? report.asOf() : timeline.get(0).at();
        SpaceForecast.Predicted forecast = report.forecast() instanceof SpaceForecast.Predicted p ? p : null;
        Instant end = forecast != null ? forecast.at() : report.asOf();
        double maxY = 0;
        List<double[]> history = new ArrayList<>();
        for (StorageStats.StoragePoint point : timeline) {
            history.add(new double[] {days(origin, point.at()), point.bytes()});
            maxY = Math.max(maxY, point.bytes());
        }
        List<double[]> central = new ArrayList<>();
        List<double[]> lower = new ArrayList<>();
        List<double[]> upper = new ArrayList<>();
        if (forecast != null) {
            for (SpaceForecast.ForecastPoint point : forecast.trajectory()) {
                double x = days(origin, point.at());
                central.add(new double[] {x, point.predictedBytes()});
                lower.add(new double[] {x, point.lowerBytes()});
                upper.add(new double[] {x, point.upperBytes()});
                maxY = Math.max(maxY, point.upperBytes());
            }
        }
        SvgChart chart = new SvgChart(0, days(origin, end), SvgChart.niceBytes(maxY));
        chart.axes(Formats::bytes, dateTicks(origin, end, report.period().zone()),
                dateLabels(origin, end, report.period().zone()));
        if (history.isEmpty() || maxY == 0) {
            chart.message("no stored backups in this window");
        }
        chart.band(lower, upper, FORECAST_COLOR, BAND_OPACITY, "forecast-band");
        chart.line(history, STORAGE_COLOR, 3, null, "storage-line");
        chart.line(central, FORECAST_COLOR, 3, "8 5", "forecast-line");
        chart.marker(days(origin, report.asOf()), "now");
        if (forecast == null) {
            chart.message(Formats.orDash(report.forecast() instanceof SpaceForecast.InsufficientData i
                    ? "forecast: insufficient data (see the forecast card)" : null));
        }
        return chart.toSvg("storage-chart", "Storage in use over time with the forecast and its 95% band");
    }

    static String dailyChart(BackupReport report) {
        List<DayCount> days = report.days();
        int max = 0;
        for (DayCount day : days) {
            max = Math.max(max, day.completed() + day.failed() + day.interrupted());
        }
        SvgChart chart = new SvgChart(-0.5, days.size() - 0.5, SvgChart.niceCount(max));
        chart.axes(y -> String.format(Locale.ROOT, "%.0f", y), dayTicks(days), dayLabels(days));
        double width = Math.max(2, chart.xScale() * 0.7);
        for (int i = 0; i < days.size(); i++) {
            DayCount day = days.get(i);
            int bad = day.failed() + day.interrupted();
            chart.bar(i, 0, day.completed(), width, SUCCESS_COLOR, day.date() + ": " + day.completed() + " completed");
            chart.bar(i, day.completed(), day.completed() + bad, width, FAILURE_COLOR,
                    day.date() + ": " + bad + " failed or interrupted");
        }
        if (max == 0) {
            chart.message("no attempts in this window");
        }
        return chart.toSvg("daily-chart", "Completed and failed attempts per day");
    }

    static String durationChart(BackupReport report) {
        List<DayCount> days = report.days();
        double max = 0;
        List<double[]> longest = new ArrayList<>();
        List<double[]> mean = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DayCount day = days.get(i);
            if (day.maxDurationSeconds() != null) {
                longest.add(new double[] {i, day.maxDurationSeconds()});
                mean.add(new double[] {i, day.meanDurationSeconds()});
                max = Math.max(max, day.maxDurationSeconds());
            }
        }
        SvgChart chart = new SvgChart(-0.5, days.size() - 0.5, SvgChart.niceSeconds(max));
        chart.axes(Formats::seconds, dayTicks(days), dayLabels(days));
        chart.line(mean, MEAN_DURATION_COLOR, 2, "4 3", "mean-duration-line");
        chart.line(longest, DURATION_COLOR, 3, null, "duration-line");
        for (double[] point : longest) {
            chart.dot(point[0], point[1], 4, DURATION_COLOR);
        }
        if (longest.isEmpty()) {
            chart.message("no completed backups in this window");
        }
        return chart.toSvg("duration-chart", "Longest and mean backup duration per day");
    }

    private static void tables(StringBuilder html, BackupReport report, ZoneId zone) {
        html.append("<section><h2>Per source</h2><table><tr><th>Source</th><th>Attempts</th><th>Failed</th>")
                .append("<th>Success</th><th>Stored</th><th>In use</th><th>Growth</th><th>p95 duration</th>")
                .append("<th>Verification</th><th>Newest completed</th><th>Age</th></tr>");
        for (SourceStats source : report.sources()) {
            NewestBackup newest = source.newestCompleted();
            html.append("<tr><td>").append(escape(source.source())).append("</td>")
                    .append(cell(source.stats().attempts()))
                    .append(cell(source.stats().failed() + source.stats().interrupted()))
                    .append(cell(percent(source.stats().successRate())))
                    .append(cell(bytes(source.stats().storedBytes()))).append(cell(bytes(source.storageInUseBytes())))
                    .append(cell(bytes(source.storageGrowthBytes())))
                    .append(cell(source.stats().duration().count() == 0 ? "-"
                            : seconds(source.stats().duration().p95Seconds())))
                    .append(cell(percent(source.verificationPassRate())))
                    .append(cell(newest == null ? "never" : Formats.time(newest.finishedAt(), zone)))
                    .append(cell(newest == null ? "-" : seconds(newest.ageSeconds()))).append("</tr>");
        }
        html.append("</table></section>\n");
        html.append("<section><h2>Failures</h2>");
        if (report.failures().isEmpty()) {
            html.append("<p>None.</p>");
        } else {
            html.append("<table><tr><th>Started</th><th>Backup</th><th>Status</th><th>Stage</th><th>Message</th>")
                    .append("</tr>");
            for (FailureRow failure : report.failures()) {
                html.append("<tr class=\"bad\">").append(cell(Formats.time(failure.startedAt(), zone)))
                        .append(cell(failure.ref())).append(cell(failure.status()))
                        .append(cell(Formats.orDash(failure.stage()))).append(cell(Formats.orDash(failure.message())))
                        .append("</tr>");
            }
            html.append("</table>");
        }
        html.append("</section>\n");
        VerificationStats verification = report.verification();
        html.append("<section><h2>Verification</h2><p>").append(verification.runs()).append(" runs: ")
                .append(verification.passed()).append(" passed, ").append(verification.failed()).append(" failed, ")
                .append(verification.skipped()).append(" skipped. Coverage ").append(escape(percent(
                        verification.coverage()))).append(" (").append(verification.backupsVerified()).append(" of ")
                .append(verification.backupsCompleted()).append(" completed backups verified).</p>");
        if (!verification.failures().isEmpty()) {
            html.append("<table><tr><th>Started</th><th>Backup</th><th>Level</th><th>Stage</th><th>Message</th></tr>");
            for (VerificationStats.VerificationFailure failure : verification.failures()) {
                html.append("<tr class=\"bad\">").append(cell(Formats.time(failure.startedAt(), zone)))
                        .append(cell(failure.source() + "/" + failure.backupId())).append(cell(failure.level()))
                        .append(cell(Formats.orDash(failure.stage()))).append(cell(Formats.orDash(failure.message())))
                        .append("</tr>");
            }
            html.append("</table>");
        }
        html.append("</section>\n");
        rows(html, "Largest backups", report.largest(), zone);
        rows(html, "Slowest backups", report.slowest(), zone);
        html.append("<section><h2>Forecast</h2><p>").append(escape(TextReportWriter.forecastLine(report.forecast())))
                .append("</p><table><tr><th>Source</th><th>Outcome</th><th>Now</th><th>Predicted</th>")
                .append("<th>95% band</th><th>Kept</th><th>Retention</th></tr>");
        for (SpaceForecast.SourceForecast source : report.forecast().sources()) {
            html.append("<tr>").append(cell(source.source())).append(cell(source.outcome()))
                    .append(cell(bytes(source.currentBytes()))).append(cell(bytes(source.predictedBytes())))
                    .append(cell(bytes(source.lowerBytes()) + " .. " + bytes(source.upperBytes())))
                    .append(cell(source.backupsKept())).append(cell(Formats.orDash(source.retention())))
                    .append("</tr>");
        }
        html.append("</table>");
        if (report.forecast() instanceof SpaceForecast.Predicted predicted && !predicted.notes().isEmpty()) {
            html.append("<ul>");
            for (String note : predicted.notes()) {
                html.append("<li>").append(escape(note)).append("</li>");
            }
            html.append("</ul>");
        }
        html.append("</section>\n");
    }

    private static void rows(StringBuilder html, String title, List<BackupRow> rows, ZoneId zone) {
        html.append("<section><h2>").append(escape(title)).append("</h2>");
        if (rows.isEmpty()) {
            html.append("<p>None.</p></section>\n");
            return;
        }
        html.append("<table><tr><th>Started</th><th>Backup</th><th>Stored</th><th>Content</th><th>Duration</th></tr>");
        for (BackupRow row : rows) {
            html.append("<tr>").append(cell(Formats.time(row.startedAt(), zone))).append(cell(row.ref()))
                    .append(cell(bytes(row.storedBytes()))).append(cell(bytes(row.contentBytes())))
                    .append(cell(row.durationSeconds() == null ? "-" : seconds(row.durationSeconds())))
                    .append("</tr>");
        }
        html.append("</table></section>\n");
    }

    private static String cell(Object value) {
        return "<td>" + escape(value) + "</td>";
    }

    private static double days(Instant origin, Instant at) {
        return (at.toEpochMilli() - origin.toEpochMilli()) / DAY_MILLIS;
    }

    private static List<double[]> dateTicks(Instant origin, Instant end, ZoneId zone) {
        List<double[]> ticks = new ArrayList<>();
        double span = days(origin, end);
        for (int i = 0; i <= 6; i++) {
            ticks.add(new double[] {span * i / 6});
        }
        return ticks;
    }

    private static List<String> dateLabels(Instant origin, Instant end, ZoneId zone) {
        List<String> labels = new ArrayList<>();
        double span = days(origin, end);
        for (int i = 0; i <= 6; i++) {
            Instant at = origin.plusMillis((long) (span * i / 6 * DAY_MILLIS));
            labels.add(DAY_LABEL.format(at.atZone(zone)));
        }
        return labels;
    }

    private static List<double[]> dayTicks(List<DayCount> days) {
        List<double[]> ticks = new ArrayList<>();
        int step = Math.max(1, days.size() / 8);
        for (int i = 0; i < days.size(); i += step) {
            ticks.add(new double[] {i});
        }
        return ticks;
    }

    private static List<String> dayLabels(List<DayCount> days) {
        List<String> labels = new ArrayList<>();
        int step = Math.max(1, days.size() / 8);
        for (int i = 0; i < days.size(); i += step) {
            labels.add(DAY_LABEL.format(days.get(i).date()));
        }
        return labels;
    }

    private static final String CSS = "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;"
            + "margin:0;padding:16px 24px;color:#111827;background:#fff}"
            + "h1{font-size:20px;margin:0}h2{font-size:15px;margin:12px 0 4px}header p{margin:2px 0 8px;color:#6b7280}"
            + ".kpis{display:flex;gap:10px;flex-wrap:nowrap}.kpi{flex:1;border:1px solid #e5e7eb;border-radius:6px;"
            + "padding:6px 10px}.kpi .label{color:#6b7280;font-size:12px}.kpi .value{font-size:18px;font-weight:600}"
            + ".kpi .detail{color:#6b7280;font-size:12px}.chart{margin:4px 0}"
            + ".legend{font-size:12px;color:#374151}.legend span{margin-right:14px}"
            + ".legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}"
            + "svg{display:block;max-width:100%;height:auto}svg .tick{font-size:11px;fill:#6b7280}"
            + "svg .empty{font-size:14px;fill:#9ca3af}"
            + "table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #e5e7eb;padding:3px 8px;"
            + "text-align:left}th{color:#374151}tr.bad td{color:#991b1b}";
}
