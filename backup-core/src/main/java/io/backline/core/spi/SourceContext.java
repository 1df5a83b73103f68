package io.backline.core.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link BackupSource} may use while it writes: the backup's id (for messages), the configured temp directory
 * (for the rare allowed temp file, 0600, deleted in {@code finally}), the clock, and what the source prepared before
 * the backup held its lock ({@link BackupSource#headStart(String)}; {@link HeadStart#none()} when nothing).
 */
public record SourceContext(String backupRef, Path tempDir, Clock clock, HeadStart headStart) {
    public SourceContext {
        Objects.requireNonNull(backupRef, "backupRef");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(headStart, "headStart");
    }

    /** A context with nothing prepared. */
    public SourceContext(String backupRef, Path tempDir, Clock clock) {
        this(backupRef, tempDir, clock, HeadStart.none());
    }
}
