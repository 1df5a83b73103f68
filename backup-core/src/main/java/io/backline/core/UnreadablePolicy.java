package io.backline.core;

/**
 * What a {@link FileSource} does with a file it cannot read (permission denied, vanished, I/O error) or that changes
 * length while it is being read.
 */
public enum UnreadablePolicy {
    /**
     * Fail the backup: {@link ErrorCode#SOURCE_FAILED} for an unreadable path, {@link ErrorCode#SOURCE_CHANGED} for a
     * changing file, the message naming the path. The default.
     */
    FAIL,
    /**
     * Go on and record the path in the manifest's {@code files.skipped} with the reason. An unreadable file is left
     * out. A file that changed while being read still has an entry in the tar (an entry cannot be taken back once
     * its header is written), padded with zeros or cut to the length its header announced, so that the archive
     * stays valid; its content must not be trusted.
     */
    SKIP
}
