package io.backline.core;

/**
 * Receives {@link BackupEvent}s. Called on the thread doing the work, so keep it quick; an exception it throws is
 * logged and ignored, never failing the backup.
 */
@FunctionalInterface
public interface BackupListener {
    void onEvent(BackupEvent event);
}
