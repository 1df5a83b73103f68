package io.backline.verify.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link ScratchTargets} provider is given to create a scratch place.
 *
 * @param backupRef   the backup, {@code source/id}, for messages
 * @param scratchName the name to give the scratch place: {@code backline_verify_} followed by the backup id in lower
 *                    case with {@code -} replaced by {@code _} (a valid unquoted PostgreSQL and MySQL identifier and
 *                    file name, at most 63 characters)
 * @param tempDir     the configured temp directory, for the rare temp file (0600, deleted at once)
 * @param clock       the verifier's clock
 */
public record ScratchContext(String backupRef, String scratchName, Path tempDir, Clock clock) {
    public ScratchContext {
        Objects.requireNonNull(backupRef, "backupRef");
        Objects.requireNonNull(scratchName, "scratchName");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(clock, "clock");
    }

    /** The scratch name for backup {@code id}: {@code backline_verify_<id>} in lower case, {@code -} as {@code _}. */
    public static String scratchNameFor(String id) {
        String name = "backline_verify_" + id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
