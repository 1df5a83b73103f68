package io.backline.core.manifest;

/** Where a backup attempt stands. {@link #INTERRUPTED} is never written: it is how a RUNNING attempt whose writer is gone reads. */
public enum BackupStatus {
    RUNNING, COMPLETED, FAILED, INTERRUPTED;

    /** Whether the attempt has ended without a usable artifact. */
    public boolean unsuccessful() {
        return this == FAILED || this == INTERRUPTED;
    }
}
