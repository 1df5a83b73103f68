package io.backline.core;

/** Thrown when none of the given identities or passphrases opens an encrypted artifact. */
public class WrongKeyException extends BackupException {
    public WrongKeyException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(code, backupRef, stage, reason, cause);
    }

    public WrongKeyException(ErrorCode code, String backupRef, Stage stage, String reason) {
        super(code, backupRef, stage, reason, null);
    }
}
