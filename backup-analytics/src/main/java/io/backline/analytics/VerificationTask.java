package io.backline.analytics;

/**
 * The seam through which a {@link VerificationJob} runs verification: the host wires backup-verify here, e.g.
 * {@code () -> toOutcome("recent", verifier.verifyRecent(Duration.ofDays(1)))}. Analytics does not depend on
 * backup-verify. An exception thrown here is recorded in the job's result and raises a CRITICAL alert.
 */
@FunctionalInterface
public interface VerificationTask {

    /** Runs the verification and says what it found. */
    VerificationOutcome run() throws Exception;
}
