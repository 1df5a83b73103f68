package io.backline.jdbc.internal;

import java.io.IOException;

/**
 * Starts child tools. The seam through which tests observe the exact command line and environment of
 * {@code pg_dump}, {@code mariadb} and friends, and inject failures (a killed tool).
 */
@FunctionalInterface
public interface ProcessLauncher {

    /** Starts {@code spec}; stdin, stdout and stderr are pipes. */
    Process start(ProcessSpec spec) throws IOException;

    /** The launcher that starts real processes with {@link ProcessBuilder}. */
    static ProcessLauncher system() {
        return spec -> {
            ProcessBuilder builder = new ProcessBuilder(spec.command());
            spec.removedEnvironment().forEach(builder.environment()::remove);
            builder.environment().putAll(spec.addedEnvironment());
            return builder.start();
        };
    }
}
