package io.backline.cli;

import io.backline.core.manifest.BackupManifest.ErrorInfo;
import io.backline.verify.BackupVerifier;
import io.backline.verify.DirectoryScratchTargets;
import io.backline.verify.VerificationLevel;
import io.backline.verify.VerificationReport;
import io.backline.verify.VerificationResult;
import io.backline.verify.spi.ScratchTargets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code backline verify [ID | --recent 7d | --critical 24h] --repo DIR [--level …] [--identity FILE]
 * [--scratch-db URL] [--json]}. Exit 0 when every verification passes, 3 when any fails.
 */
@Command(name = "verify", description = "Verify backups: checksum, integrity, content or a test restore.",
        mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    /** One backup, the recent ones, or the newest per source. */
    static final class Selection {
        @Parameters(index = "0", paramLabel = "ID", arity = "0..1", description = "The backup id, or SOURCE/ID.")
        String id;

        @Option(names = "--recent", paramLabel = "DURATION", description = "Every backup of the last DURATION.")
        String recent;

        @Option(names = "--critical", paramLabel = "DURATION",
                description = "The newest backup of each source within DURATION, verified deeper.")
        String critical;
    }

    @Mixin
    RepositoryOptions repository;

    @Mixin
    ReadEncryptionOptions encryption;

    @Mixin
    ScratchOptions scratch;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "checksum, integrity, content or restore (default: integrity; restore for --critical).")
    String level;

    @Option(names = "--budget", paramLabel = "BYTES", description = "Read at most about BYTES per run, rotating"
            + " through the backups so that daily runs cover all of them.")
    Long budget;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path scratchDir = Files.createTempDirectory("backline-verify-");
        try {
            List<ScratchTargets> targets = new ArrayList<>(scratch.databaseTargets());
            targets.add(DirectoryScratchTargets.under(scratchDir));
            BackupVerifier.Builder builder = BackupVerifier.builder()
                    .storage(repository.open())
                    .encryption(encryption.resolve())
                    .scratchTargets(targets.toArray(ScratchTargets[]::new));
            if (budget != null) {
                builder.byteBudget(budget);
            }
            VerificationLevel chosen = level == null ? null : VerificationLevel.parse(level);
            if (chosen != null) {
                builder.defaultLevel(chosen).criticalLevel(chosen);
            }
            BackupVerifier verifier = builder.build();
            PrintWriter out = spec.commandLine().getOut();
            if (selection.id != null) {
                VerificationResult result = verifier.verify(selection.id,
                        chosen == null ? VerificationLevel.INTEGRITY : chosen);
                print(out, List.of(result));
                return result.failed() ? ExitCodes.VERIFICATION_FAILED : ExitCodes.OK;
            }
            VerificationReport report = selection.recent != null
                    ? verifier.verifyRecent(Sizes.parseDuration(selection.recent))
                    : verifier.verifyCritical(Sizes.parseDuration(selection.critical));
            print(out, report.results());
            if (!json) {
                out.printf(Locale.ROOT, "%d passed, %d failed, %d skipped; pass rate %.1f%%, coverage %.1f%%%n",
                        report.passed(), report.failed(), report.skipped(), report.passRate() * 100,
                        report.coverage() * 100);
                out.flush();
            }
            return report.failed() > 0 ? ExitCodes.VERIFICATION_FAILED : ExitCodes.OK;
        } finally {
            deleteQuietly(scratchDir);
        }
    }

    private void print(PrintWriter out, List<VerificationResult> results) {
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (VerificationResult r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("backup", r.ref());
                row.put("level", r.level());
                row.put("outcome", r.outcome());
                row.put("stage", r.stage().orElse(null));
                row.put("reason", r.reason().orElse(null));
                row.put("durationSeconds", r.duration().toMillis() / 1000.0);
                row.put("bytesRead", r.bytesRead());
                row.put("stages", r.stages());
                rows.add(row);
            }
            Json.print(out, rows);
            return;
        }
        for (VerificationResult r : results) {
            out.printf("%-8s %-40s %-12s %s%n", r.outcome(), r.ref(), r.level(),
                    r.failed() || r.skipped() ? r.stage().map(s -> "at " + s + ": ").orElse("")
                            + r.reason().orElse("") : Sizes.duration(r.duration()));
        }
        out.flush();
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover empty temp directory is harmless
        }
    }

    static String errorText(ErrorInfo error) {
        return error == null ? "" : error.stage() + ": " + error.message();
    }
}
