package io.backline.cli;

import io.backline.core.BackupManager;
import io.backline.core.RetentionDecision;
import io.backline.core.RetentionPolicy;
import io.backline.core.RetentionResult;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline forget --repo DIR --source NAME --keep-last N … [--dry-run] [--json]}. */
@Command(name = "forget", description = "Apply a retention policy to one source's backups.",
        mixinStandardHelpOptions = true)
final class ForgetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--source", required = true, paramLabel = "NAME", description = "The source to prune.")
    String source;

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest backups.")
    int keepLast;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest backup of each of N hours.")
    int keepHourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest backup of each of N days.")
    int keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest backup of each of N weeks.")
    int keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Keep the newest of each of N months.")
    int keepMonthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "Keep the newest of each of N years.")
    int keepYearly;

    @Option(names = "--keep-within", paramLabel = "DURATION",
            description = "Keep every backup within DURATION (e.g. 7d) of the newest.")
    String keepWithin;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the calendar buckets (default UTC).")
    String zone = "UTC";

    @Option(names = "--dry-run", description = "Only show what would be deleted.")
    boolean dryRun;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        RetentionPolicy.Builder policy = RetentionPolicy.builder()
                .keepLast(keepLast).keepHourly(keepHourly).keepDaily(keepDaily).keepWeekly(keepWeekly)
                .keepMonthly(keepMonthly).keepYearly(keepYearly).zone(ZoneId.of(zone));
        if (keepWithin != null) {
            policy.keepWithin(Sizes.parseDuration(keepWithin));
        }
        BackupManager manager = BackupManager.builder().storage(repository.open()).build();
        RetentionResult result = manager.applyRetention(source, policy.build(), dryRun);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
            return ExitCodes.OK;
        }
        for (RetentionDecision decision : result.plan().decisions()) {
            out.printf("%-26s %s%n", decision.id(), decision.keep() ? "keep   (" + String.join(", ",
                    decision.reasons()) + ")" : (dryRun ? "would delete" : "deleted"));
        }
        out.printf("%s%d backups %s, %d failed attempts cleaned, %s freed%n", dryRun ? "dry run: " : "",
                result.deleted().size(), dryRun ? "would be deleted" : "deleted", result.cleaned().size(),
                Sizes.bytes(result.freedBytes()));
        out.flush();
        return ExitCodes.OK;
    }
}
