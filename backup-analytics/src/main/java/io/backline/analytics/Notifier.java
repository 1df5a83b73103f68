package io.backline.analytics;

import java.io.IOException;

/**
 * Delivers {@link Notification}s somewhere: a log, a webhook, Slack, e-mail (implementations in
 * {@code io.backline.analytics.notify}). Jobs call every notifier, catch and log what one throws, and record it in
 * their result: a failing notifier never stops a job or the other notifiers. Implementations must keep secrets
 * (tokens, passwords, secret URLs) out of logs, exception messages and {@code toString()}.
 */
@FunctionalInterface
public interface Notifier {

    /**
     * Delivers {@code notification}, or throws saying why it could not.
     *
     * @throws IOException when delivery failed (after any retries the notifier makes)
     */
    void send(Notification notification) throws IOException;
}
