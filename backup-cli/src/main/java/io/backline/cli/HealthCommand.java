package io.backline.cli;

import io.backline.verify.BackupHealth;
import io.backline.verify.HealthCheck;
import io.backline.verify.HealthPolicy;
import io.backline.verify.HealthReport;
import io.backline.verify.HealthStatus;
import io.backline.verify.SourceHealth;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline health --repo DIR [--max-age 26h] [--json]}: exit 0 when UP, 1 when DEGRADED, 3 when DOWN. */
@Command(name = "health", description = "Check backup health: age of the newest backup, sizes, verifications,"
        + " storage.", mixinStandardHelpOptions = true)
final class HealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "26h",
            description = "The newest completed backup must be younger (the RPO). Default: ${DEFAULT-VALUE}.")
    String maxAge;

    @Option(names = "--max-verification-age", paramLabel = "DURATION", defaultValue = "8d",
            description = "The newest verification must be younger. Default: ${DEFAULT-VALUE}.")
    String maxVerificationAge;

    @Option(names = "--no-verification-required", description = "Do not require verification records.")
    boolean noVerificationRequired;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        HealthPolicy policy = HealthPolicy.builder().maxAge(Sizes.parseDuration(maxAge))
                .maxVerificationAge(Sizes.parseDuration(maxVerificationAge))
                .verificationRequired(!noVerificationRequired).build();
        HealthReport report = BackupHealth.builder().storage(repository.open()).defaultPolicy(policy).build().check();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            out.println("overall: " + report.status() + " (" + report.storage() + ")");
            for (HealthCheck check : report.repository()) {
                out.printf("  %-9s %-22s %s%n", check.status(), check.name(), check.reason());
            }
            for (SourceHealth source : report.sources()) {
                out.println(source.source() + ": " + source.status());
                for (HealthCheck check : source.checks()) {
                    out.printf("  %-9s %-22s %s%n", check.status(), check.name(), check.reason());
                }
            }
        }
        out.flush();
        return report.status() == HealthStatus.UP ? ExitCodes.OK
                : report.status() == HealthStatus.DEGRADED ? ExitCodes.FAILED : ExitCodes.VERIFICATION_FAILED;
    }
}
