package io.backline.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's file mode creation mask (umask), as Linux reports it in {@code /proc/self/status}. Java has no API
 * for it; knowing it lets a restore create a file with its final permission bits when the mask would not change
 * them, instead of changing them with a second system call afterwards.
 */
final class ProcessUmask {
    /** Returned where the system does not report the mask. */
    static final int UNKNOWN = -1;
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessUmask() {
    }

    /** The mask (e.g. {@code 022}), or {@link #UNKNOWN}. */
    static int read() {
        try {
            return parse(Files.readAllLines(STATUS, StandardCharsets.ISO_8859_1));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    /** The mask on the {@code Umask:} line of a {@code /proc/<pid>/status} text, or {@link #UNKNOWN}. */
    static int parse(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("Umask:")) {
                try {
                    int mask = Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                    return mask >= 0 && mask <= 0777 ? mask : UNKNOWN;
                } catch (NumberFormatException e) {
                    return UNKNOWN;
                }
            }
        }
        return UNKNOWN;
    }
}
