package io.backline.verify;


import io.backline.core.testing.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The PostgreSQL server of {@code BACKLINE_TEST_POSTGRES_URL} (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), driven through psql, pg_dump and pg_restore.
 * Skips the test when the variable is unset, except under {@code CI=true}, where it fails. A password in the URL
 * reaches the tools through a 0600 PGPASSFILE, never their arguments.
 */
final class TestPostgres implements AutoCloseable {
    private final Map<String, String> env = new HashMap<>();
    private final Path passFile;

    private TestPostgres(URI uri, Path tempDir) throws IOException {
        env.put("PGHOST", uri.getHost());
        env.put("PGPORT", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()));
        String password = null;
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) {
                    env.put("PGUSER", kv[1]);
                } else if (kv[0].equals("password")) {
                    password = kv[1];
                }
            }
        }
        if (password != null) {
            passFile = Files.createTempFile(tempDir, "pgpass", "", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passFile, "*:*:*:*:" + password.replace("\\", "\\\\").replace(":", "\\:") + "\n");
            env.put("PGPASSFILE", passFile.toString());
        } else {
            passFile = null;
        }
    }

    /** Connects to the test server, or skips (fails under CI) when none is configured. */
    static TestPostgres require(Path tempDir) throws IOException {
        String url = ExternalTools.requireEnv("BACKLINE_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        ExternalTools.require("psql");
        ExternalTools.require("pg_dump");
        ExternalTools.require("pg_restore");
        return new TestPostgres(URI.create(url.substring("jdbc:".length())), tempDir);
    }

    /** Runs {@code sql} in {@code database} and returns psql's unaligned, tuples-only output lines. */
    List<String> psql(String database, String sql) {
        String out = new String(run(null, null, "psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", database,
                "-c", sql), StandardCharsets.UTF_8).strip();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    boolean databaseExists(String name) {
        return !psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + name + "'").isEmpty();
    }

    /** {@code pg_dump -Fc -Z0 [options] database > file}. */
    void dump(String database, Path file, String... options) {
        List<String> command = new ArrayList<>(List.of("pg_dump", "-Fc", "-Z0"));
        command.addAll(List.of(options));
        command.add(database);
        run(null, file, command.toArray(String[]::new));
    }

    /** Runs a tool with the connection environment; fails with its stderr on a non-zero exit. */
    byte[] run(InputStream stdin, Path stdout, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        }
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            CompletableFuture<byte[]> out = stdout != null ? CompletableFuture.completedFuture(new byte[0])
                    : CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (stdin != null) {
                try (OutputStream to = process.getOutputStream()) {
                    stdin.transferTo(to);
                }
            }
            int code = process.waitFor();
            if (code != 0) {
                throw new IOException(command[0] + " exited " + code + ": "
                        + new String(err.join(), StandardCharsets.UTF_8).strip());
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (passFile != null) {
            Files.deleteIfExists(passFile);
        }
    }
}
