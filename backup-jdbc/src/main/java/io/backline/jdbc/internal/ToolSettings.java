package io.backline.jdbc.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * Where tools are looked for and how they are started.
 *
 * @param toolDirectory the only directory searched when set
 * @param searchPath    searched otherwise ({@link ToolLocator#defaultSearchPath()} unless a test injects another)
 * @param launcher      starts the tools
 */
public record ToolSettings(Path toolDirectory, List<Path> searchPath, ProcessLauncher launcher) {
    public ToolSettings {
        searchPath = searchPath == null ? null : List.copyOf(searchPath);
    }

    public static ToolSettings defaults() {
        return new ToolSettings(null, null, ProcessLauncher.system());
    }

    public ToolSettings withToolDirectory(Path dir) {
        return new ToolSettings(dir, searchPath, launcher);
    }

    public ToolSettings withSearchPath(List<Path> path) {
        return new ToolSettings(toolDirectory, path, launcher);
    }

    public ToolSettings withLauncher(ProcessLauncher newLauncher) {
        return new ToolSettings(toolDirectory, searchPath, newLauncher);
    }

    /** A locator over these settings. */
    public ToolLocator locator() {
        return new ToolLocator(toolDirectory, searchPath == null ? ToolLocator.defaultSearchPath() : searchPath,
                launcher);
    }
}
