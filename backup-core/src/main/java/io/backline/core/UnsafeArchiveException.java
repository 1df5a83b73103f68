package io.backline.core;

/** Thrown when an archive entry would land outside the restore target. */
public class UnsafeArchiveException extends BackupException {
    public UnsafeArchiveException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(code, backupRef, stage, reason, cause);
    }

    public UnsafeArchiveException(ErrorCode code, String backupRef, Stage stage, String reason) {
        super(code, backupRef, stage, reason, null);
    }
}
