package io.backline.cli;

import io.backline.core.BackupCatalog;
import io.backline.core.BackupQuery;
import io.backline.core.BackupSummary;
import io.backline.core.manifest.SourceKind;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline list --repo DIR [--source NAME] [--kind files|database] [--days N] [--json]}. */
@Command(name = "list", description = "List backups, newest first.", mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source.")
    String source;

    @Option(names = "--kind", paramLabel = "KIND", description = "files or database.")
    String kind;

    @Option(names = "--days", paramLabel = "N", description = "Only backups started in the last N days.")
    Integer days;

    @Option(names = "--all", description = "Include backups whose artifacts retention deleted.")
    boolean includeDeleted;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        BackupQuery query = BackupQuery.all();
        if (source != null) {
            query = query.forSource(source);
        }
        if (kind != null) {
            query = query.kind(SourceKind.parse(kind));
        }
        if (days != null) {
            if (days < 1) {
                throw new IllegalArgumentException("--days needs to be >= 1, not " + days);
            }
            query = query.within(Duration.ofDays(days));
        }
        if (includeDeleted) {
            query = query.includeDeleted();
        }
        List<BackupSummary> backups = BackupCatalog.of(repository.open(), Clock.systemUTC()).list(query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (BackupSummary b : backups) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", b.id());
                row.put("source", b.source());
                row.put("kind", b.kind());
                row.put("status", b.status());
                row.put("startedAt", b.startedAt());
                row.put("finishedAt", b.finishedAt());
                row.put("storedBytes", b.storedBytes());
                row.put("contentBytes", b.contentBytes());
                row.put("deleted", b.deleted());
                if (b.manifest().error() != null) {
                    row.put("error", b.manifest().error());
                }
                rows.add(row);
            }
            Json.print(out, rows);
            return ExitCodes.OK;
        }
        if (backups.isEmpty()) {
            out.println("no backups");
            out.flush();
            return ExitCodes.OK;
        }
        out.printf("%-26s %-20s %-8s %-11s %-20s %10s %9s%n", "ID", "SOURCE", "KIND", "STATUS", "STARTED", "SIZE",
                "TOOK");
        for (BackupSummary b : backups) {
            out.printf("%-26s %-20s %-8s %-11s %-20s %10s %9s%n", b.id(), b.source(), b.kind().label(),
                    b.status() + (b.deleted() ? "*" : ""), b.startedAt() == null ? "-" : TIME.format(b.startedAt()),
                    Sizes.bytes(b.storedBytes()), Sizes.duration(b.duration()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
