package io.backline.verify.internal;

import io.backline.core.ErrorCode;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks a SQLite database file: it starts with the SQLite header, {@code PRAGMA integrity_check} says {@code ok},
 * and every table of the manifest exists. The payload is streamed to a temp file (owner-only, in the configured temp
 * directory, deleted before this returns) because SQLite needs a file; the check runs through a SQLite JDBC driver
 * when the host has one on its class path, else through the {@code sqlite3} command, else it is skipped.
 */
public final class SqliteInspector implements ContentInspector {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path tempDir;
    private final String sqlite3;
    private final Duration timeout;

    public SqliteInspector(Path tempDir, String sqlite3, Duration timeout) {
        this.tempDir = tempDir;
        this.sqlite3 = sqlite3;
        this.timeout = timeout;
    }

    @Override
    public Inspection inspect(InputStream payload, BackupManifest manifest) throws IOException, ContentMismatch {
        Path file = createOwnerOnly();
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                payload.transferTo(out);
            }
            checkHeader(file);
            Findings findings = readWithJdbc(file);
            if (findings == null) {
                findings = readWithCli(file);
            }
            if (findings == null) {
                return Inspection.skipped(ErrorCode.TOOL_MISSING, "the file has a SQLite header, but neither a SQLite "
                        + "JDBC driver nor the '" + sqlite3 + "' command is available to run PRAGMA integrity_check");
            }
            return judge(findings, manifest);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Path createOwnerOnly() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(tempDir, "backline-verify-", ".sqlite",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(tempDir, "backline-verify-", ".sqlite");
    }

    private static void checkHeader(Path file) throws IOException, ContentMismatch {
        byte[] head = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read < HEADER.length || !java.util.Arrays.equals(head, HEADER)) {
            throw new ContentMismatch("the payload is not a SQLite database: it does not start with 'SQLite format 3'");
        }
    }

    private static Inspection judge(Findings findings, BackupManifest manifest) throws ContentMismatch {
        if (!(findings.integrity.size() == 1 && "ok".equals(findings.integrity.get(0)))) {
            throw new ContentMismatch("PRAGMA integrity_check reports: "
                    + String.join("; ", findings.integrity.subList(0, Math.min(5, findings.integrity.size()))));
        }
        List<TableInfo> tables = manifest.database() == null ? List.of() : manifest.database().tables();
        List<String> missing = new ArrayList<>();
        for (TableInfo table : tables) {
            if (!findings.tables.contains(table.name().toLowerCase(Locale.ROOT))) {
                missing.add(table.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ContentMismatch("the database has no table " + String.join(", ", missing)
                    + " though the manifest lists it");
        }
        return Inspection.passed("PRAGMA integrity_check: ok (" + findings.via + "); all " + tables.size()
                + " tables of the manifest exist");
    }

    private static Findings readWithJdbc(Path file) throws ContentMismatch {
        String url = "jdbc:sqlite:" + file;
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            return null; // no SQLite driver on the class path
        }
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            Findings findings = new Findings("sqlite-jdbc");
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    findings.integrity.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    findings.tables.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            return findings;
        } catch (SQLException e) {
            throw new ContentMismatch("SQLite cannot read the database: " + e.getMessage(), e);
        }
    }

    private Findings readWithCli(Path file) throws IOException, ContentMismatch {
        Findings findings = new Findings(sqlite3);
        List<String> integrity = runCli(file, "PRAGMA integrity_check;");
        if (integrity == null) {
            return null;
        }
        findings.integrity.addAll(integrity);
        for (String name : runCli(file, "SELECT name FROM sqlite_master WHERE type = 'table';")) {
            findings.tables.add(name.toLowerCase(Locale.ROOT));
        }
        return findings;
    }

    private List<String> runCli(Path file, String sql) throws IOException, ContentMismatch {
        Process process;
        try {
            process = new ProcessBuilder(sqlite3, "-readonly", "-batch", file.toString(), sql)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return null;
        }
        try {
            java.util.concurrent.CompletableFuture<String> errors = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> BoundedText.drain(process.getErrorStream()));
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ContentMismatch(sqlite3 + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new ContentMismatch(sqlite3 + " cannot read the database (exit " + process.exitValue() + "): "
                        + errors.join());
            }
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + sqlite3, e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static final class Findings {
        final String via;
        final List<String> integrity = new ArrayList<>();
        final Set<String> tables = new HashSet<>();

        Findings(String via) {
            this.via = via;
        }
    }
}
