package io.backline.analytics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Where a {@link ReportJob} puts the reports it makes, e.g. {@link #directory(Path, ReportFormat...)}. */
@FunctionalInterface
public interface ReportSink {

    /** Stores {@code report}; an exception is recorded in the job's result, never stops the job. */
    void accept(BackupReport report) throws IOException;

    /**
     * Writes each report into {@code directory} in each of {@code formats}, as
     * {@code backline-<kind>-<label>.<ext>} (e.g. {@code backline-daily-2026-11-28.html}), replacing an older file
     * of the same name atomically.
     */
    static ReportSink directory(Path directory, ReportFormat... formats) {
        Objects.requireNonNull(directory, "directory");
        List<ReportFormat> list = List.of(formats.length == 0 ? new ReportFormat[] {ReportFormat.HTML} : formats);
        return report -> {
            Files.createDirectories(directory);
            String base = "backline-" + report.period().kind().name().toLowerCase(Locale.ROOT) + "-"
                    + report.period().label().replaceAll("[^A-Za-z0-9.-]", "_");
            for (ReportFormat format : list) {
                Path target = directory.resolve(base + "." + format.extension());
                Path temp = Files.createTempFile(directory, ".backline-report-", ".tmp");
                try {
                    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        ReportRenderer.render(report, format, out);
                    }
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        };
    }
}
