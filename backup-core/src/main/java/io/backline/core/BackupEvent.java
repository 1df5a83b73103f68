package io.backline.core;

import io.backline.core.manifest.BackupManifest;
import java.time.Instant;

/**
 * Something that happened to a backup, delivered to {@link BackupListener}s on the thread doing the work.
 * Listeners that throw are logged and ignored.
 */
public sealed interface BackupEvent {

    /** When it happened. */
    Instant at();

    /** The backup, as {@code source/id}, or the source name for source-wide events. */
    String ref();

    /** A backup started; its RUNNING manifest is written. */
    record Started(String ref, Instant at) implements BackupEvent {
    }

    /**
     * Bytes moved so far: content read from the source, bytes stored after compression and encryption, and the
     * content rate since the start.
     */
    record Progress(String ref, Instant at, long contentBytes, long storedBytes, double bytesPerSecond)
            implements BackupEvent {
    }

    /** A backup completed; the manifest is COMPLETED. */
    record Completed(String ref, Instant at, BackupManifest manifest) implements BackupEvent {
    }

    /** A backup failed; the manifest is FAILED when storage allowed writing it. */
    record Failed(String ref, Instant at, BackupException error) implements BackupEvent {
    }

    /** Retention deleted a backup's artifact; its manifest stays, marked deleted. */
    record Deleted(String ref, Instant at, String reason) implements BackupEvent {
    }

    /** A stale lock left by a writer that is gone was taken over. */
    record LockTakenOver(String ref, Instant at, String previousOwner) implements BackupEvent {
    }

    /** A restore started. */
    record RestoreStarted(String ref, Instant at, String target) implements BackupEvent {
    }

    /** A restore completed. */
    record RestoreCompleted(String ref, Instant at, String target) implements BackupEvent {
    }

    /** A restore failed. */
    record RestoreFailed(String ref, Instant at, BackupException error) implements BackupEvent {
    }
}
