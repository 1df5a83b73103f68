package io.backline.jdbc.internal;

import java.nio.file.Path;

/** A tool found on disk and the version it reported. */
public record LocatedTool(Path path, String name, ToolVersion version, String versionOutput) {
    @Override
    public String toString() {
        return path + " (" + (version == null ? "unknown version" : version.text()) + ")";
    }
}
