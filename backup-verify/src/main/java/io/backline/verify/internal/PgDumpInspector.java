package io.backline.verify.internal;

import io.backline.core.ErrorCode;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pipes a {@code pg_dump} custom-format archive into {@code pg_restore --list} and checks that every table the
 * manifest lists has a {@code TABLE DATA schema name} entry in the archive's table of contents.
 *
 * <p>Only the names of table and table-data entries are kept, never the payload. pg_restore may stop reading once it
 * has the table of contents; the rest of the payload is left for the caller to drain. A missing tool, or one too old
 * for the archive, skips the check with the reason; it never passes it.
 */
public final class PgDumpInspector implements ContentInspector {
    private static final String TABLE_DATA = " TABLE DATA ";
    private static final String TABLE = " TABLE ";

    private final String command;
    private final Duration timeout;

    public PgDumpInspector(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public Inspection inspect(InputStream payload, BackupManifest manifest) throws IOException, ContentMismatch {
        Process process;
        try {
            process = new ProcessBuilder(command, "--list").start();
        } catch (IOException e) {
            return Inspection.skipped(ErrorCode.TOOL_MISSING, "'" + command + "' cannot be run (" + e.getMessage()
                    + "); install the PostgreSQL client tools to check dumps' tables of contents");
        }
        try {
            CompletableFuture<Toc> toc = CompletableFuture.supplyAsync(() -> Toc.read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(
                    () -> BoundedText.drain(process.getErrorStream()));
            pump(payload, process.getOutputStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ContentMismatch(command + " --list did not finish within " + timeout);
            }
            String errors = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Toc entries = toc.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                if (errors.contains("unsupported version")) {
                    return Inspection.skipped(ErrorCode.TOOL_VERSION, command + " is too old for this dump: " + errors);
                }
                throw new ContentMismatch(command + " --list cannot read the dump (exit " + process.exitValue()
                        + "): " + errors);
            }
            return compare(entries, manifest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of " + command + ": " + e.getMessage(), e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Inspection compare(Toc toc, BackupManifest manifest) throws ContentMismatch {
        List<TableInfo> tables = manifest.database() == null ? List.of() : manifest.database().tables();
        List<String> missing = new ArrayList<>();
        for (TableInfo table : tables) {
            String key = table.schema() + " " + table.name();
            if (!toc.tableData.contains(key)) {
                missing.add(table.schema() + "." + table.name() + " (" + table.rows() + " rows"
                        + (toc.tables.contains(key) ? ", its definition is there but not its data)" : ", not in it at all)"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ContentMismatch("the dump's table of contents has no TABLE DATA entry for " + missing.size()
                    + " of the " + tables.size() + " tables the manifest lists: " + String.join(", ", missing));
        }
        return Inspection.passed("pg_restore --list: " + toc.entries + " entries; all " + tables.size()
                + " tables of the manifest have data entries");
    }

    /**
     * Feeds the payload to the tool until the payload ends or the tool stops reading; the payload's own failures
     * propagate.
     */
    private static void pump(InputStream payload, OutputStream stdin) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try {
            int n;
            while ((n = payload.read(buffer)) >= 0) {
                try {
                    stdin.write(buffer, 0, n);
                } catch (IOException e) {
                    return; // the tool has what it needs, or died; its exit status tells which
                }
            }
        } finally {
            try {
                stdin.close();
            } catch (IOException e) {
                // the tool already closed its input
            }
        }
    }

    /** The table and table-data entries of {@code pg_restore --list}, as {@code "schema name"}. */
    private static final class Toc {
        final Set<String> tables = new HashSet<>();
        final Set<String> tableData = new HashSet<>();
        long entries;

        static Toc read(InputStream stdout) {
            Toc toc = new Toc();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty() || line.startsWith(";")) {
                        continue;
                    }
                    toc.entries++;
                    int data = line.indexOf(TABLE_DATA);
                    if (data >= 0) {
                        toc.tableData.add(schemaAndName(line.substring(data + TABLE_DATA.length())));
                        continue;
                    }
                    int table = line.indexOf(TABLE);
                    if (table >= 0) {
                        toc.tables.add(schemaAndName(line.substring(table + TABLE.length())));
                    }
                }
            } catch (IOException e) {
                // the process went away; the exit status reports it
            }
            return toc;
        }

        /** {@code "public orders postgres"} → {@code "public orders"} (the owner is the last word). */
        private static String schemaAndName(String rest) {
            int lastSpace = rest.lastIndexOf(' ');
            return lastSpace > 0 && rest.indexOf(' ') < lastSpace ? rest.substring(0, lastSpace) : rest;
        }
    }
}
