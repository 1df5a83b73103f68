package io.backline.analytics.notify;

import io.backline.analytics.Alert;
import io.backline.analytics.Notification;
import io.backline.analytics.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs notifications through SLF4J under {@code io.backline.analytics.notifications}: CRITICAL alerts at error,
 * WARNING at warn, everything else at info; a report summary logs its title at info and its text at debug.
 */
public final class LogNotifier implements Notifier {
    private final Logger log;

    private LogNotifier(Logger log) {
        this.log = log;
    }

    /** A notifier logging under {@code io.backline.analytics.notifications}. */
    public static LogNotifier create() {
        return new LogNotifier(LoggerFactory.getLogger("io.backline.analytics.notifications"));
    }

    /** A notifier logging to {@code logger}. */
    public static LogNotifier to(Logger logger) {
        return new LogNotifier(logger);
    }

    @Override
    public void send(Notification notification) {
        if (notification.alerts().isEmpty()) {
            log.info("{}", notification.title());
            log.debug("{}", notification.text());
            return;
        }
        for (Alert alert : notification.alerts()) {
            switch (alert.severity()) {
                case CRITICAL -> log.error("[{}] {}", alert.rule(), alert.message());
                case WARNING -> log.warn("[{}] {}", alert.rule(), alert.message());
                default -> log.info("[{}] {}", alert.rule(), alert.message());
            }
        }
    }

    @Override
    public String toString() {
        return "LogNotifier[" + log.getName() + "]";
    }
}
