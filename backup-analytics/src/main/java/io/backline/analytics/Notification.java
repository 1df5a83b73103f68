package io.backline.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message for a {@link Notifier}: a title, a plain-text body, and the alerts it carries (empty for a report
 * summary). Holds no secret.
 *
 * @param title    one line, e.g. {@code Backline: 2 alerts} or {@code Backline daily report 2026-11-28}
 * @param severity the highest severity among the alerts, or INFO
 * @param text     the body, plain text
 * @param alerts   the alerts, possibly none
 * @param at       when it was made
 */
public record Notification(String title, Severity severity, String text, List<Alert> alerts, Instant at) {
    public Notification {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        text = text == null ? "" : text;
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** A notification carrying {@code alerts}, titled by their number and severity. */
    public static Notification of(List<Alert> alerts, Instant at) {
        Severity severity = Severity.INFO;
        StringBuilder text = new StringBuilder();
        for (Alert alert : alerts) {
            severity = severity.max(alert.severity());
            text.append(alert.severity()).append(": ").append(alert.message()).append('\n');
        }
        String title = "Backline: " + alerts.size() + (alerts.size() == 1 ? " alert" : " alerts") + " ("
                + severity.name().toLowerCase(java.util.Locale.ROOT) + ")";
        return new Notification(title, severity, text.toString(), alerts, at);
    }
}
