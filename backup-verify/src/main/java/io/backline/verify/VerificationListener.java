package io.backline.verify;

/**
 * Told about every verification a {@link BackupVerifier} finishes, e.g. to log it, count it in metrics or alert on a
 * failure. Called on the verifying thread; an exception thrown here is logged and never breaks the verification.
 */
@FunctionalInterface
public interface VerificationListener {

    /** A verification finished (passed, failed or skipped) and its record was written. */
    void verified(VerificationResult result);
}
