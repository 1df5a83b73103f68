package io.backline.core;

/** The step of a backup, restore or verification at which something happened; errors name one. */
public enum Stage {
    /** Taking the repository or per-source lock. */
    LOCK,
    /** Reading the source: walking a tree, running a dump tool. */
    SOURCE,
    /** Compressing the payload. */
    COMPRESS,
    /** Encrypting the compressed stream. */
    ENCRYPT,
    /** Writing the artifact, sidecar or manifest to storage. */
    STORE,
    /** Reading or writing a manifest. */
    MANIFEST,
    /** Reading the artifact back from storage. */
    FETCH,
    /** Comparing stored size and SHA-256 with the manifest and sidecar. */
    CHECKSUM,
    /** Decrypting the artifact. */
    DECRYPT,
    /** Decompressing the payload. */
    DECOMPRESS,
    /** Checking what the payload holds. */
    CONTENT,
    /** Writing the payload into its target: extracting a tree, feeding a restore tool. */
    RESTORE,
    /** Applying a retention policy. */
    RETENTION,
    /** Verifying a backup. */
    VERIFY
}
