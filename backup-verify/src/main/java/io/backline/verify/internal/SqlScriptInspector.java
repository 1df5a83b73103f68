package io.backline.verify.internal;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scans a SQL script ({@code mysqldump}/{@code mariadb-dump} output, H2's {@code SCRIPT}) line by line and checks
 * that every table of the manifest has a {@code CREATE TABLE} statement, and, for dump tools that write one, that
 * the script ends with its completion line ({@code -- Dump completed}), which a dump cut short lacks.
 *
 * <p>Only the first {@value #PREFIX} bytes of each line are looked at, so a multi-megabyte {@code INSERT} line costs
 * no memory. Names are compared case-insensitively, without quotes.
 */
public final class SqlScriptInspector implements ContentInspector {
    static final int PREFIX = 512;
    private static final String COMPLETED = "-- Dump completed";

    private final boolean requireCompletionLine;

    private SqlScriptInspector(boolean requireCompletionLine) {
        this.requireCompletionLine = requireCompletionLine;
    }

    /** For {@code mysqldump-sql}: CREATE TABLE for every table, and the completion line at the end. */
    public static SqlScriptInspector mysqlDump() {
        return new SqlScriptInspector(true);
    }

    /** For scripts without a completion line (H2's {@code SCRIPT}): CREATE TABLE for every table. */
    public static SqlScriptInspector script() {
        return new SqlScriptInspector(false);
    }

    @Override
    public Inspection inspect(InputStream payload, BackupManifest manifest) throws IOException, ContentMismatch {
        Scan scan = new Scan();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = payload.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                scan.accept(buffer[i]);
            }
        }
        scan.endLine();
        List<TableInfo> tables = manifest.database() == null ? List.of() : manifest.database().tables();
        List<String> missing = new ArrayList<>();
        for (TableInfo table : tables) {
            if (!scan.created.contains(table.name().toLowerCase(Locale.ROOT))) {
                missing.add((table.schema() == null ? "" : table.schema() + ".") + table.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ContentMismatch("the script has no CREATE TABLE for " + missing.size() + " of the "
                    + tables.size() + " tables the manifest lists: " + String.join(", ", missing));
        }
        if (requireCompletionLine && !scan.lastLine.startsWith(COMPLETED)) {
            throw new ContentMismatch("the dump does not end with its '" + COMPLETED + "' line, so it was cut short;"
                    + " its last line starts with '" + abbreviate(scan.lastLine) + "'");
        }
        return Inspection.passed(scan.lines + " lines, " + scan.created.size() + " CREATE TABLE statements; all "
                + tables.size() + " tables of the manifest are created"
                + (requireCompletionLine ? "; ends with its completion line" : ""));
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    /** Line-by-line state, keeping a bounded prefix of the current line. */
    private static final class Scan {
        final Set<String> created = new HashSet<>();
        final byte[] prefix = new byte[PREFIX];
        int length;
        long lines;
        String lastLine = "";

        void accept(byte b) {
            if (b == '\n') {
                endLine();
            } else if (length < PREFIX) {
                prefix[length++] = b;
            }
        }

        void endLine() {
            String line = new String(prefix, 0, length, StandardCharsets.UTF_8).strip();
            length = 0;
            if (line.isEmpty()) {
                return;
            }
            lines++;
            lastLine = line;
            String table = SqlNames.createdTable(line);
            if (table != null) {
                created.add(table.toLowerCase(Locale.ROOT));
            }
        }
    }
}
