package io.backline.jdbc;

/**
 * How a database restore treats an existing target. None of them is the default: a target must be told.
 */
public enum RestoreMode {
    /**
     * The target database must not exist (or, for embedded databases, must be empty); it is created. An existing
     * target fails the restore in {@code prepare}, before anything changes. A failed restore removes what it
     * created.
     */
    CREATE_NEW,
    /**
     * The existing target is dropped (other connections to it are ended first) and restored anew. A failure leaves
     * the target partly restored: the old data is gone either way. Use only when that is acceptable.
     */
    REPLACE,
    /**
     * The payload is restored beside the target (a sibling database or file), its row counts are checked against
     * the manifest, and only then does it take the target's place; the old copy is kept under a
     * {@code _backline_old_<time>} name unless told to drop it. Any failure before the swap leaves the target
     * exactly as it was and removes the sibling.
     */
    SAFE_REPLACE
}
