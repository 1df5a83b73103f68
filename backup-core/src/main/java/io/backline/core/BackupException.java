package io.backline.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The root of every error Backline reports to its host: unchecked, with an {@link ErrorCode}, the backup it concerns
 * (when there is one) and the {@link Stage} at which it happened.
 *
 * <p>The message reads "backup SOURCE/ID failed at STAGE: cause" so that one log line tells what, where and why.
 * Messages never contain credentials, passphrases or key material.
 */
public class BackupException extends RuntimeException {
    private final ErrorCode code;
    private final String backupRef;
    private final Stage stage;
    private final String reason;

    public BackupException(ErrorCode code, String backupRef, Stage stage, String reason, Throwable cause) {
        super(compose(backupRef, stage, reason), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.backupRef = backupRef;
        this.stage = stage;
        this.reason = reason;
    }

    public BackupException(ErrorCode code, String backupRef, Stage stage, String reason) {
        this(code, backupRef, stage, reason, null);
    }

    private static String compose(String backupRef, Stage stage, String reason) {
        StringBuilder text = new StringBuilder();
        if (backupRef != null) {
            text.append("backup ").append(backupRef);
        } else {
            text.append("operation");
        }
        text.append(" failed");
        if (stage != null) {
            text.append(" at stage ").append(stage);
        }
        return text.append(": ").append(reason).toString();
    }

    /** What went wrong, for programs. */
    public ErrorCode code() {
        return code;
    }

    /** Whether trying again later may succeed. */
    public boolean retryable() {
        return code.retryable();
    }

    /** The backup concerned, as {@code source/id} or just the id. */
    public Optional<String> backupRef() {
        return Optional.ofNullable(backupRef);
    }

    /** The stage at which it happened. */
    public Optional<Stage> stage() {
        return Optional.ofNullable(stage);
    }

    /** The cause in words, without the backup and stage prefix. */
    public String reason() {
        return reason;
    }
}
