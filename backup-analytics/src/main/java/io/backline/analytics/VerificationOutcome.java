package io.backline.analytics;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link VerificationTask} found: how many backups passed, failed or were skipped, and a line per failure.
 *
 * @param name     the task's name, e.g. {@code recent} or {@code critical}
 * @param passed   verifications that passed
 * @param failed   verifications that failed
 * @param skipped  verifications that were skipped
 * @param failures one line per failure, e.g. {@code orders-db/20261129T060000Z-k3v9q2xa: DECRYPT: bad tag}
 */
public record VerificationOutcome(String name, int passed, int failed, int skipped, List<String> failures) {
    public VerificationOutcome {
        Objects.requireNonNull(name, "name");
        if (passed < 0 || failed < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts need to be >= 0, not " + passed + "/" + failed + "/" + skipped);
        }
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** {@code passed / (passed + failed)}, or null when nothing was checked. */
    public Double passRate() {
        return passed + failed == 0 ? null : passed / (double) (passed + failed);
    }
}
