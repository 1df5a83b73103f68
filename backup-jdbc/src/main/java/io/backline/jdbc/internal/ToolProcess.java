package io.backline.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A running child tool whose stderr is captured (the last 64 KiB) on a daemon thread. Closing it kills the tool if
 * it still runs. Stderr text is masked before it leaves this class.
 */
public final class ToolProcess implements AutoCloseable {
    static final int STDERR_LIMIT = 64 * 1024;

    private final ProcessSpec spec;
    private final Process process;
    private final BoundedTail stderr = new BoundedTail(STDERR_LIMIT);
    private final Thread stderrReader;
    private final char[] secret;

    private ToolProcess(ProcessSpec spec, Process process, char[] secret) {
        this.spec = spec;
        this.process = process;
        this.secret = secret;
        this.stderrReader = new Thread(() -> {
            try (InputStream err = process.getErrorStream()) {
                stderr.drain(err);
            } catch (IOException e) {
                // The tool is gone; what we have is what there is.
            }
        }, "backline-" + spec.toolName() + "-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /** Starts {@code spec}; {@code secret} (may be null) is masked out of captured stderr. */
    public static ToolProcess start(ProcessLauncher launcher, ProcessSpec spec, char[] secret) throws IOException {
        return new ToolProcess(spec, launcher.start(spec), secret);
    }

    public ProcessSpec spec() {
        return spec;
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /**
     * Copies the tool's stdout into {@code out} until it ends. When reading fails because the tool died (a kill
     * closes its pipes), the failure is left to the caller's exit-status check, which names the tool and its
     * stderr; any other failure, and every failure writing to {@code out}, propagates.
     */
    public void copyStdout(OutputStream out) throws IOException {
        InputStream in = process.getInputStream();
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                if (diedWithFailure()) {
                    return;
                }
                throw e;
            }
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    private boolean diedWithFailure() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() != 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the tool to exit and for its stderr to be read; returns the exit status. */
    public int waitFor() throws IOException {
        try {
            int code = process.waitFor();
            stderrReader.join(TimeUnit.SECONDS.toMillis(10));
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new InterruptedIOException("interrupted while waiting for " + spec.toolName());
        }
    }

    /** The captured stderr (bounded, secrets masked, trimmed). */
    public String stderr() {
        return Secrets.mask(stderr.text(), secret).strip();
    }

    /** Whether the tool still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The pipe is already broken.
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            process.getInputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
