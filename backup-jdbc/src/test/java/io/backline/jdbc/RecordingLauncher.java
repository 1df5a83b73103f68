package io.backline.jdbc;

import io.backline.jdbc.internal.ProcessLauncher;
import io.backline.jdbc.internal.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts real processes and records every {@link ProcessSpec}, plus the permissions and content of any credentials
 * file named in the environment at the moment of launch.
 */
final class RecordingLauncher implements ProcessLauncher {
    /** One launch: the spec, and the credentials file's permissions and text then (null when none). */
    record Launch(ProcessSpec spec, Path credentialsFile, String permissions, String credentials) {
    }

    final List<Launch> launches = new CopyOnWriteArrayList<>();

    @Override
    public Process start(ProcessSpec spec) throws IOException {
        Path file = credentialsFile(spec);
        String permissions = null;
        String content = null;
        if (file != null && Files.exists(file)) {
            permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
            content = Files.readString(file);
        }
        launches.add(new Launch(spec, file, permissions, content));
        return ProcessLauncher.system().start(spec);
    }

    private static Path credentialsFile(ProcessSpec spec) {
        String passFile = spec.addedEnvironment().get("PGPASSFILE");
        if (passFile != null) {
            return Path.of(passFile);
        }
        for (String arg : spec.command()) {
            if (arg.startsWith("--defaults-extra-file=")) {
                return Path.of(arg.substring("--defaults-extra-file=".length()));
            }
        }
        return null;
    }

    /** Launches of a tool (by file name), excluding {@code --version} probes. */
    List<Launch> runsOf(String tool) {
        return launches.stream()
                .filter(l -> l.spec().toolName().equals(tool))
                .filter(l -> !l.spec().command().contains("--version"))
                .toList();
    }
}
