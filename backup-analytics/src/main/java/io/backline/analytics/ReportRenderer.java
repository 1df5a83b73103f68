package io.backline.analytics;

import io.backline.analytics.internal.CsvReportWriter;
import io.backline.analytics.internal.HtmlReportWriter;
import io.backline.analytics.internal.JsonReportWriter;
import io.backline.analytics.internal.TextReportWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes {@link BackupReport}s and {@link SpaceForecast}s as text, JSON, CSV or HTML: what the {@code backline
 * report} and {@code backline forecast} commands print, and what {@link ReportSink}s store.
 *
 * <p>Output is deterministic for a given report (no current time, no random ids) and uses no locale: numbers are
 * written with a dot. The HTML page is self-contained: inline CSS and SVG, no script, no external resource, and a
 * Content-Security-Policy that forbids loading any. Stateless and thread safe.
 */
public final class ReportRenderer {
    private ReportRenderer() {
    }

    /** Writes {@code report} to {@code out} (not closed). */
    public static void render(BackupReport report, ReportFormat format, Writer out) throws IOException {
        Objects.requireNonNull(report, "report");
        switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> TextReportWriter.write(report, out);
            case JSON -> JsonReportWriter.write(report, out);
            case CSV -> CsvReportWriter.write(report, out);
            case HTML -> HtmlReportWriter.write(report, out);
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /** {@code report} as a string. */
    public static String render(BackupReport report, ReportFormat format) {
        StringWriter out = new StringWriter();
        try {
            render(report, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes {@code forecast} as {@link ReportFormat#TEXT} or {@link ReportFormat#JSON}.
     *
     * @throws IllegalArgumentException for CSV and HTML, which forecasts do not have on their own
     */
    public static void render(SpaceForecast forecast, ReportFormat format, Writer out) throws IOException {
        Objects.requireNonNull(forecast, "forecast");
        switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> TextReportWriter.write(forecast, out);
            case JSON -> JsonReportWriter.write(forecast, out);
            default -> throw new IllegalArgumentException("a forecast renders as text or json, not " + format);
        }
    }

    /** {@code forecast} as a string. */
    public static String render(SpaceForecast forecast, ReportFormat format) {
        StringWriter out = new StringWriter();
        try {
            render(forecast, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
