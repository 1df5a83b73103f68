package io.backline.core;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link BackupManager#backup} call: the status, the manifest as written, and the error when it
 * failed. Immutable. {@link #orThrow()} turns a failure into its exception for hosts that prefer them.
 */
public final class BackupResult {
    private final String source;
    private final String id;
    private final BackupStatus status;
    private final BackupManifest manifest;
    private final BackupException error;
    private final Duration duration;

    BackupResult(String source, String id, BackupStatus status, BackupManifest manifest, BackupException error,
                 Duration duration) {
        this.source = Objects.requireNonNull(source, "source");
        this.id = id;
        this.status = Objects.requireNonNull(status, "status");
        this.manifest = manifest;
        this.error = error;
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    public String source() {
        return source;
    }

    /** The backup id; present whenever the attempt got as far as choosing one. */
    public String id() {
        return id;
    }

    /** {@code source/id}. */
    public String ref() {
        return source + "/" + id;
    }

    public BackupStatus status() {
        return status;
    }

    public boolean succeeded() {
        return status == BackupStatus.COMPLETED;
    }

    /** The manifest as last written (COMPLETED or FAILED); empty when storage refused even that. */
    public Optional<BackupManifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /** Why it failed. */
    public Optional<BackupException> error() {
        return Optional.ofNullable(error);
    }

    /** Wall time of the whole attempt. */
    public Duration duration() {
        return duration;
    }

    /** Bytes stored after compression and encryption (0 when it failed). */
    public long storedBytes() {
        return succeeded() && manifest.artifact() != null ? manifest.artifact().storedBytes() : 0;
    }

    /** Bytes of payload before compression (0 when it failed). */
    public long contentBytes() {
        return succeeded() && manifest.artifact() != null ? manifest.artifact().contentBytes() : 0;
    }

    /** This result when it succeeded; otherwise throws its error. */
    public BackupResult orThrow() {
        if (error != null) {
            throw error;
        }
        return this;
    }

    @Override
    public String toString() {
        return "BackupResult[" + ref() + " " + status + (error == null ? "" : ": " + error.getMessage()) + "]";
    }
}
