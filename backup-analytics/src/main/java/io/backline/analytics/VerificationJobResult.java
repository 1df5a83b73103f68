package io.backline.analytics;

import java.time.Instant;
import java.util.List;

/**
 * What one run of a {@link VerificationJob} did.
 *
 * @param startedAt  when it started
 * @param finishedAt when it ended
 * @param outcomes   what each task that ran found, in task order
 * @param passRate   passed / (passed + failed) over all outcomes, or null when nothing was checked
 * @param alerts     the alerts raised
 * @param errors     tasks that could not run, notifiers that failed
 */
public record VerificationJobResult(Instant startedAt, Instant finishedAt, List<VerificationOutcome> outcomes,
                                    Double passRate, List<Alert> alerts, List<String> errors) {
    public VerificationJobResult {
        outcomes = List.copyOf(outcomes);
        alerts = List.copyOf(alerts);
        errors = List.copyOf(errors);
    }

    /** Whether every task ran and no alert was raised. */
    public boolean succeeded() {
        return errors.isEmpty() && alerts.isEmpty();
    }
}
