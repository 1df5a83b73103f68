package io.backline.core;

/** Thrown when storage could not be read or written. */
public class StorageException extends BackupException {
    public StorageException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(code, backupRef, stage, reason, cause);
    }

    public StorageException(ErrorCode code, String backupRef, Stage stage, String reason) {
        super(code, backupRef, stage, reason, null);
    }
}
