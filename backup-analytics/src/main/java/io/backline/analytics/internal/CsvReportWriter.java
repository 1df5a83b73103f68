package io.backline.analytics.internal;

import io.backline.analytics.BackupReport;
import io.backline.analytics.BackupRow;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * One row per backup attempt of the report's period, newest first, in RFC 4180 form: a header row, CRLF line ends,
 * fields quoted when they hold a comma, a quote, CR or LF, quotes doubled. Times are ISO-8601 instants; empty fields
 * mean "none".
 */
public final class CsvReportWriter {
    /** The header row's columns, in order. */
    public static final List<String> COLUMNS = List.of("source", "id", "status", "started_at", "finished_at",
            "duration_seconds", "stored_bytes", "content_bytes", "compression_ratio", "deleted_at", "error_stage",
            "error_type", "error_message");

    private CsvReportWriter() {
    }

    public static void write(BackupReport report, Writer out) throws IOException {
        writeRow(out, COLUMNS);
        for (BackupRow row : report.backups()) {
            writeRow(out, List.of(row.source(), row.id(), row.status().name(), text(row.startedAt()),
                    text(row.finishedAt()), number(row.durationSeconds()), Long.toString(row.storedBytes()),
                    Long.toString(row.contentBytes()), number(row.compressionRatio()), text(row.deletedAt()),
                    text(row.errorStage()), text(row.errorType()), text(row.errorMessage())));
        }
    }

    /** Quotes {@code field} if RFC 4180 needs it. */
    public static String field(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0
                && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
