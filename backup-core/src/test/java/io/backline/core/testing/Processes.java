package io.backline.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a command for a test, feeding stdin and capturing stdout and stderr. */
public final class Processes {
    private Processes() {
    }

    /** The outcome of a command. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("command exited " + exitCode + ": " + stderr);
            }
            return this;
        }
    }

    /** Runs {@code command} in {@code dir} (or the current directory), with {@code stdin} (may be null). */
    public static Result run(Path dir, InputStream stdin, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (stdin != null) {
                try (var to = process.getOutputStream()) {
                    stdin.transferTo(to);
                }
            }
            int code = process.waitFor();
            return new Result(code, out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(Path dir, String... command) {
        return run(dir, null, List.of(command));
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
