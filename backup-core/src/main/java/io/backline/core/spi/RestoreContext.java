package io.backline.core.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** What a {@link RestoreTarget} may use: the backup reference for messages, the temp directory and the clock. */
public record RestoreContext(String backupRef, Path tempDir, Clock clock) {
    public RestoreContext {
        Objects.requireNonNull(backupRef, "backupRef");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(clock, "clock");
    }
}
