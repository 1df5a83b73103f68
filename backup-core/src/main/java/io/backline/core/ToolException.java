package io.backline.core;

/** Thrown when an external tool (pg_dump, mariadb-dump, ...) is missing, too old, or failed. */
public class ToolException extends BackupException {
    public ToolException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(code, backupRef, stage, reason, cause);
    }

    public ToolException(ErrorCode code, String backupRef, Stage stage, String reason) {
        super(code, backupRef, stage, reason, null);
    }
}
