package io.backline.verify;

import java.util.Locale;

/**
 * How deeply a backup is verified. Each level implies the ones before it: a backup verified at {@link #CONTENT} has
 * also been checked at {@link #CHECKSUM} and {@link #INTEGRITY}, in that order, and a run stops at the first level
 * that fails.
 */
public enum VerificationLevel {
    /**
     * The stored artifact's size and SHA-256 match the manifest and the {@code .sha256} sidecar. Reads the stored
     * bytes once; needs no key, so a monitoring host without the identity can run it. Verifying at a deeper level
     * shares that read with the INTEGRITY pass, which computes the same SHA-256; only when that pass fails are the
     * stored bytes read again on their own, so that damage to them is still reported here.
     */
    CHECKSUM,
    /**
     * Every age chunk authenticates, the stream decompresses to its end, and the payload's size and SHA-256 match
     * the manifest. One streaming pass; needs the identity or passphrase of encrypted backups.
     */
    INTEGRITY,
    /**
     * The payload makes sense: a tar's entries, file count and bytes match the manifest; {@code pg_restore --list}
     * reads a dump's table of contents and every table of the manifest has its data in it; a MySQL dump names every
     * table and ends with its completion line; a SQLite file passes {@code PRAGMA integrity_check}. Checked in the
     * same streaming pass as {@link #INTEGRITY}.
     */
    CONTENT,
    /**
     * The backup is restored into a scratch database or directory supplied by the host, each table's row count (or
     * the tree's files and bytes) is compared with the manifest, and the scratch place is removed afterwards, also
     * when the restore fails.
     */
    TEST_RESTORE;

    /** Whether verifying at this level also verifies at {@code other}. */
    public boolean includes(VerificationLevel other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code checksum}, {@code integrity}, {@code content}, {@code restore} or {@code test_restore}. */
    public static VerificationLevel parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalized.equals("RESTORE")) {
            return TEST_RESTORE;
        }
        for (VerificationLevel level : values()) {
            if (level.name().equals(normalized)) {
                return level;
            }
        }
        throw new IllegalArgumentException(
                "level needs to be checksum, integrity, content or restore, not '" + text + "'");
    }
}
