package io.backline.jdbc.internal;

import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.ToolException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds an external tool whose version fits the server. A configured directory is searched alone (what the user
 * points at is what runs); otherwise the search path is used: {@code PATH}, then {@code /usr/lib/postgresql/*&#47;bin}
 * from the newest version down. When nothing fits, it fails before anything starts with a message naming what it
 * needed, what it found and how to point Backline at the right tool.
 */
public final class ToolLocator {
    private static final Path POSTGRES_LIB = Path.of("/usr/lib/postgresql");

    private final Path configuredDirectory;
    private final List<Path> searchPath;
    private final ProcessLauncher launcher;

    /**
     * @param configuredDirectory the only directory searched when not null
     * @param searchPath          directories searched otherwise, in order
     */
    public ToolLocator(Path configuredDirectory, List<Path> searchPath, ProcessLauncher launcher) {
        this.configuredDirectory = configuredDirectory;
        this.searchPath = List.copyOf(searchPath);
        this.launcher = launcher;
    }

    /** {@code PATH} followed by {@code /usr/lib/postgresql/<version>/bin}, newest first. */
    public static List<Path> defaultSearchPath() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        if (Files.isDirectory(POSTGRES_LIB)) {
            List<Path> versions = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(POSTGRES_LIB)) {
                stream.forEach(p -> versions.add(p.resolve("bin")));
            } catch (IOException e) {
                // Unreadable: nothing to add.
            }
            versions.sort(Comparator.comparing((Path p) -> numeric(p.getParent().getFileName().toString()))
                    .reversed());
            dirs.addAll(versions);
        }
        return dirs;
    }

    private static int numeric(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The directories this locator searches, in order. */
    public List<Path> directories() {
        return configuredDirectory != null ? List.of(configuredDirectory) : searchPath;
    }

    /**
     * Finds the first tool (by directory, then by name) that fits {@code requirement}.
     *
     * @throws ToolException {@code TOOL_MISSING} when no candidate exists, {@code TOOL_VERSION} when none fits
     */
    public LocatedTool locate(ToolRequirement requirement, String backupRef, Stage stage) {
        List<LocatedTool> seen = new ArrayList<>();
        for (Path dir : directories()) {
            for (String name : requirement.names()) {
                Path candidate = dir.resolve(name);
                if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) {
                    continue;
                }
                LocatedTool tool = probe(candidate, name, requirement);
                if (seen.stream().anyMatch(t -> sameFile(t.path(), tool.path()))) {
                    continue;
                }
                seen.add(tool);
                if (tool.version() != null && requirement.fits().test(tool.versionOutput())
                        && tool.version().major() >= requirement.minimum()) {
                    return tool;
                }
            }
        }
        String where = configuredDirectory != null
                ? "the configured tool directory " + configuredDirectory
                : "PATH and /usr/lib/postgresql/*/bin";
        String pointer = " Install a fitting client (" + requirement.hint() + ") or point Backline at it with "
                + "toolDirectory(Path).";
        if (seen.isEmpty()) {
            throw new ToolException(ErrorCode.TOOL_MISSING, backupRef, stage, requirement.purpose() + " needs "
                    + requirement.displayName() + " " + requirement.minimum() + " or newer, but none was found in "
                    + where + "." + pointer);
        }
        throw new ToolException(ErrorCode.TOOL_VERSION, backupRef, stage, requirement.purpose() + " needs "
                + requirement.displayName() + " " + requirement.minimum() + " or newer; found in " + where + ": "
                + seen + "." + pointer);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    private LocatedTool probe(Path candidate, String name, ToolRequirement requirement) {
        String output = versionOutput(candidate);
        ToolVersion version = output == null ? null : requirement.parser().apply(output).orElse(null);
        return new LocatedTool(candidate, name, version, output == null ? "" : output);
    }

    private String versionOutput(Path tool) {
        ProcessSpec spec = ProcessSpec.of(List.of(tool.toString(), "--version"));
        try {
            Process process = launcher.start(spec);
            process.getOutputStream().close();
            String text;
            try (InputStream in = process.getInputStream()) {
                text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? text.strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Convenience for messages. */
    public Optional<Path> configuredDirectory() {
        return Optional.ofNullable(configuredDirectory);
    }
}
