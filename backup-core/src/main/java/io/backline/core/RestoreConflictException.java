package io.backline.core;

/** Thrown when a restore would overwrite data without being told to. */
public class RestoreConflictException extends BackupException {
    public RestoreConflictException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(code, backupRef, stage, reason, cause);
    }

    public RestoreConflictException(ErrorCode code, String backupRef, Stage stage, String reason) {
        super(code, backupRef, stage, reason, null);
    }
}
