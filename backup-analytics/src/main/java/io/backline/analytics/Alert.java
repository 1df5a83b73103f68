package io.backline.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an operator should know, raised by {@link AlertRules}. Holds no secret.
 *
 * @param rule     the rule that fired: one of the {@code AlertRules.*} rule names
 * @param severity how urgent
 * @param source   the source concerned, or null when it is about the repository
 * @param message  one sentence for humans, e.g. {@code orders-db: no completed backup for 31h (RPO 26h)}
 * @param at       when it was raised
 */
public record Alert(String rule, Severity severity, String source, String message, Instant at) {
    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
