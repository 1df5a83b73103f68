package io.backline.core.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link RestoreTarget} may use: the backup reference for messages, the temp directory, the clock, and what the
 * target prepared while the restore read the manifest ({@link RestoreTarget#headStart(String)}; {@link
 * HeadStart#none()} when nothing).
 */
public record RestoreContext(String backupRef, Path tempDir, Clock clock, HeadStart headStart) {
    public RestoreContext {
        Objects.requireNonNull(backupRef, "backupRef");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(headStart, "headStart");
    }

    /** A context with nothing prepared. */
    public RestoreContext(String backupRef, Path tempDir, Clock clock) {
        this(backupRef, tempDir, clock, HeadStart.none());
    }
}
