package io.backline.core;

/** Thrown when another backup of the same source holds the lock. */
public class BackupLockedException extends BackupException {
    public BackupLockedException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(code, backupRef, stage, reason, cause);
    }

    public BackupLockedException(ErrorCode code, String backupRef, Stage stage, String reason) {
        super(code, backupRef, stage, reason, null);
    }
}
