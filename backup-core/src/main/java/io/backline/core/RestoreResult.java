package io.backline.core;

import io.backline.core.spi.RestoreOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one restore: what was restored where, how long it took, or why it failed. Immutable;
 * {@link #orThrow()} turns a failure into its exception.
 */
public final class RestoreResult {
    private final String ref;
    private final String target;
    private final RestoreOutcome outcome;
    private final BackupException error;
    private final Duration duration;

    RestoreResult(String ref, String target, RestoreOutcome outcome, BackupException error, Duration duration) {
        this.ref = ref;
        this.target = Objects.requireNonNull(target, "target");
        this.outcome = outcome;
        this.error = error;
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    /** The backup restored, {@code source/id} (or the id asked for when it was not found). */
    public String ref() {
        return ref;
    }

    public String target() {
        return target;
    }

    public boolean succeeded() {
        return error == null;
    }

    /** Files or rows restored (0 when it failed). */
    public long items() {
        return outcome == null ? 0 : outcome.items();
    }

    /** Bytes of content restored (0 when it failed). */
    public long bytes() {
        return outcome == null ? 0 : outcome.bytes();
    }

    public Optional<BackupException> error() {
        return Optional.ofNullable(error);
    }

    public Duration duration() {
        return duration;
    }

    public RestoreResult orThrow() {
        if (error != null) {
            throw error;
        }
        return this;
    }

    @Override
    public String toString() {
        return "RestoreResult[" + ref + " -> " + target + (error == null ? " ok" : ": " + error.getMessage()) + "]";
    }
}
