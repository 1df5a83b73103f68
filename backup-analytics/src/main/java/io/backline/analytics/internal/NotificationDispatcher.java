package io.backline.analytics.internal;

import io.backline.analytics.Notification;
import io.backline.analytics.Notifier;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a notification to every notifier; a failure is logged and returned, never thrown. */
public final class NotificationDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final List<Notifier> notifiers;

    public NotificationDispatcher(List<Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    /** Sends {@code notification}; returns one message per notifier that failed. */
    public List<String> send(Notification notification) {
        List<String> errors = new ArrayList<>();
        for (Notifier notifier : notifiers) {
            try {
                notifier.send(notification);
            } catch (Exception e) {
                String error = "notifier " + notifier + " could not send '" + notification.title() + "': " + e;
                LOG.warn("{}", error);
                errors.add(error);
            }
        }
        return errors;
    }
}
