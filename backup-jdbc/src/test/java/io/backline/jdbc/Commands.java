package io.backline.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a stock command-line tool for a test (pg_dump, pg_restore, mariadb …), capturing its output. */
final class Commands {
    private Commands() {
    }

    record Result(int exitCode, String stdout, String stderr) {
        Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("command exited " + exitCode + ": " + stderr);
            }
            return this;
        }
    }

    /** Runs {@code command}, feeding it {@code stdin} (a file, or nothing when null). */
    static Result run(List<String> command, Path stdin) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        try {
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            int code = process.waitFor();
            return new Result(code, out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try (in; OutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return ((ByteArrayOutputStream) buffer).toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
