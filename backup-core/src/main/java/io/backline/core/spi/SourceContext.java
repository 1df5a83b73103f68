package io.backline.core.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link BackupSource} may use while it writes: the backup's id (for messages), the configured temp directory
 * (for the rare allowed temp file, 0600, deleted in {@code finally}) and the clock.
 */
public record SourceContext(String backupRef, Path tempDir, Clock clock) {
    public SourceContext {
        Objects.requireNonNull(backupRef, "backupRef");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(clock, "clock");
    }
}
