package io.backline.verify;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import java.util.List;

/**
 * Thrown by {@link VerificationReport#orThrow()} when at least one backup failed its verification; lists each
 * failure with its backup, stage and cause. The first failure is the cause.
 */
public final class VerificationFailedException extends BackupException {
    private static final long serialVersionUID = 1L;

    private final transient List<VerificationReport.Failure> failures;

    VerificationFailedException(List<VerificationReport.Failure> failures, Throwable first) {
        super(ErrorCode.INTEGRITY, null, Stage.VERIFY, describe(failures), first);
        this.failures = List.copyOf(failures);
    }

    /** Every failure of the run. */
    public List<VerificationReport.Failure> failures() {
        return failures;
    }

    private static String describe(List<VerificationReport.Failure> failures) {
        StringBuilder text = new StringBuilder(failures.size() + (failures.size() == 1 ? " backup" : " backups")
                + " failed verification");
        int shown = 0;
        for (VerificationReport.Failure failure : failures) {
            if (shown++ == 5) {
                text.append("; …");
                break;
            }
            text.append("; ").append(failure.ref()).append(" at ").append(failure.stage()).append(": ")
                    .append(failure.message());
        }
        return text.toString();
    }
}
