package io.backline.core;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One backup as the catalog sees it: the manifest plus its effective status (a RUNNING attempt whose writer is gone
 * reads as {@link BackupStatus#INTERRUPTED}).
 */
public record BackupSummary(BackupManifest manifest, BackupStatus status) {

    public BackupSummary {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(status, "status");
    }

    public String id() {
        return manifest.id();
    }

    public String source() {
        return manifest.source().name();
    }

    /** {@code source/id}. */
    public String ref() {
        return manifest.ref();
    }

    public SourceKind kind() {
        return manifest.source().kind();
    }

    public Instant startedAt() {
        return manifest.startedAt();
    }

    public Instant finishedAt() {
        return manifest.finishedAt();
    }

    public Duration duration() {
        return manifest.duration();
    }

    /** Bytes stored, after compression and encryption; 0 when there is no artifact. */
    public long storedBytes() {
        return manifest.artifact() == null ? 0 : manifest.artifact().storedBytes();
    }

    /** Bytes of payload before compression; 0 when there is no artifact. */
    public long contentBytes() {
        return manifest.artifact() == null ? 0 : manifest.artifact().contentBytes();
    }

    /** Whether retention deleted the artifact (the manifest stays as history). */
    public boolean deleted() {
        return manifest.deletedAt() != null;
    }

    /** Whether the backup can be restored: completed and not deleted. */
    public boolean restorable() {
        return status == BackupStatus.COMPLETED && !deleted();
    }
}
