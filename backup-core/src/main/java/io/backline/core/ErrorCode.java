package io.backline.core;

/** Machine-readable reason of a {@link BackupException}; {@link #retryable()} says whether trying again may help. */
public enum ErrorCode {
    STORAGE_UNAVAILABLE(true),
    STORAGE_FAILED(false),
    NOT_FOUND(false),
    INTEGRITY(false),
    WRONG_KEY(false),
    MANIFEST_INVALID(false),
    UNSUPPORTED_FORMAT(false),
    SOURCE_FAILED(false),
    SOURCE_CHANGED(true),
    DATABASE_UNAVAILABLE(true),
    DATABASE_ACCESS(false),
    TOOL_MISSING(false),
    TOOL_VERSION(false),
    TOOL_FAILED(false),
    RESTORE_CONFLICT(false),
    UNSAFE_ARCHIVE(false),
    LOCKED(true),
    INTERNAL(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the same operation may succeed when tried again later. */
    public boolean retryable() {
        return retryable;
    }
}
