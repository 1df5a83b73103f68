package io.backline.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Verification runs of one period and how much of the period's backups they cover.
 *
 * @param runs             verification runs started in the period
 * @param passed           runs that passed
 * @param failed           runs that failed
 * @param skipped          runs that were skipped
 * @param passRate         {@code passed / (passed + failed)}, 0..1, or null without such runs
 * @param backupsCompleted completed backups started in the period
 * @param backupsVerified  of those, how many have at least one passing verification at any time up to the report
 * @param coverage         {@code backupsVerified / backupsCompleted}, or null
 * @param lastRunAt        start of the newest run up to the end of the period, or null
 * @param failures         the failed runs of the period
 */
public record VerificationStats(int runs, int passed, int failed, int skipped, Double passRate, int backupsCompleted,
                                int backupsVerified, Double coverage, Instant lastRunAt,
                                List<VerificationFailure> failures) {

    public VerificationStats {
        failures = List.copyOf(failures);
    }

    /**
     * One failed verification run.
     *
     * @param source    source name
     * @param backupId  the backup verified
     * @param level     the level asked for
     * @param startedAt when the run started
     * @param stage     the failing stage, or null
     * @param message   why it failed, or null
     */
    public record VerificationFailure(String source, String backupId, String level, Instant startedAt, String stage,
                                      String message) {
    }
}
