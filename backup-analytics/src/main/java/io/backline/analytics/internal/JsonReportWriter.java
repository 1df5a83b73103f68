package io.backline.analytics.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backline.analytics.BackupReport;
import io.backline.analytics.SpaceForecast;
import io.backline.core.manifest.ManifestCodec;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON exports: {@code {"kind":"backline-report","version":1, ...the report's components}} and
 * {@code {"kind":"backline-forecast","version":1,"outcome":..., ...}}. Times are ISO-8601 instants, durations
 * ISO-8601 durations, absent values {@code null} (kept, so every document has the same shape).
 */
public final class JsonReportWriter {
    /** Version of the JSON shape; raised only for incompatible changes (new fields may be added). */
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = ManifestCodec.newMapper();

    private JsonReportWriter() {
    }

    public static void write(BackupReport report, Writer out) throws IOException {
        write("backline-report", MAPPER.valueToTree(report), out);
    }

    public static void write(SpaceForecast forecast, Writer out) throws IOException {
        write("backline-forecast", MAPPER.valueToTree(forecast), out);
    }

    private static void write(String kind, ObjectNode body, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", kind);
        root.put("version", VERSION);
        root.setAll(body);
        MAPPER.writeValue(new NonClosing(out), root);
        out.write('\n');
    }

    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
