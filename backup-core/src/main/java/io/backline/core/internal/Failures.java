package io.backline.core.internal;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.IntegrityException;
import io.backline.core.Stage;
import io.backline.core.StorageException;
import io.backline.core.WrongKeyException;
import io.backline.core.crypto.AgeException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns whatever a pipeline threw into a {@link BackupException} that names the backup and the stage. */
public final class Failures {
    private Failures() {
    }

    /**
     * @param ref          the backup, {@code source/id}
     * @param defaultStage the stage to blame when the failure carries none
     */
    public static BackupException classify(String ref, Stage defaultStage, Throwable failure) {
        if (failure instanceof BackupException known) {
            return known;
        }
        if (failure instanceof UncheckedIOException unchecked) {
            return classify(ref, defaultStage, unchecked.getCause());
        }
        Stage stage = defaultStage;
        Throwable cause = failure;
        if (failure instanceof StageFailure tagged) {
            stage = tagged.stage();
            cause = tagged.getCause();
            if (cause instanceof StageFailure || cause instanceof BackupException) {
                return classify(ref, stage, cause);
            }
        }
        Throwable root = cause;
        while (root.getCause() instanceof BackupException || root.getCause() instanceof AgeException) {
            root = root.getCause();
        }
        if (root instanceof BackupException known) {
            return known;
        }
        if (root instanceof AgeException age) {
            if (age.kind() == AgeException.Kind.NO_MATCH) {
                return new WrongKeyException(ErrorCode.WRONG_KEY, ref, Stage.DECRYPT, age.getMessage(), age);
            }
            return new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.DECRYPT,
                    "age " + age.kind().name().toLowerCase() + " check failed: " + age.getMessage(), age);
        }
        String message = describe(cause);
        switch (stage) {
            case STORE:
            case FETCH:
                return new StorageException(ErrorCode.STORAGE_FAILED, ref, stage, message, cause);
            case DECOMPRESS:
            case DECRYPT:
            case CHECKSUM:
                return new IntegrityException(ErrorCode.INTEGRITY, ref, stage, message, cause);
            case SOURCE:
                return new BackupException(ErrorCode.SOURCE_FAILED, ref, stage, message, cause);
            default:
                return new BackupException(cause instanceof IOException ? ErrorCode.STORAGE_FAILED
                        : ErrorCode.INTERNAL, ref, stage, message, cause);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : message + " (" + type + ")";
    }
}
