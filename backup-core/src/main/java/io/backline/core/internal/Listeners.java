package io.backline.core.internal;

import io.backline.core.BackupEvent;
import io.backline.core.BackupListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners, logging and swallowing what they throw. */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<BackupListener> listeners;

    public Listeners(List<BackupListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public void fire(BackupEvent event) {
        for (BackupListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed on {} and was ignored", listener.getClass().getName(),
                        event.getClass().getSimpleName(), e);
            }
        }
    }
}
