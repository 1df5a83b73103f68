package io.backline.core;

/** Thrown when an artifact or manifest is damaged, truncated or does not match its checksums. */
public class IntegrityException extends BackupException {
    public IntegrityException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(code, backupRef, stage, reason, cause);
    }

    public IntegrityException(ErrorCode code, String backupRef, Stage stage, String reason) {
        super(code, backupRef, stage, reason, null);
    }
}
