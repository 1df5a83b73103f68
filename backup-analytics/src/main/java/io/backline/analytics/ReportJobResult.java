package io.backline.analytics;

import java.time.Instant;
import java.util.List;

/**
 * What one run of a {@link ReportJob} did.
 *
 * @param startedAt  when it started
 * @param finishedAt when it ended
 * @param reports    the reports made: daily, then weekly (Sundays), then monthly (the 1st)
 * @param alerts     the alerts raised over the alert window
 * @param errors     what went wrong: an unreadable repository, a sink or a notifier that failed
 */
public record ReportJobResult(Instant startedAt, Instant finishedAt, List<BackupReport> reports, List<Alert> alerts,
                              List<String> errors) {
    public ReportJobResult {
        reports = List.copyOf(reports);
        alerts = List.copyOf(alerts);
        errors = List.copyOf(errors);
    }

    /** Whether everything worked (alerts are not errors). */
    public boolean succeeded() {
        return errors.isEmpty();
    }
}
