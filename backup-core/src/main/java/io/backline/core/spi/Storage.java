package io.backline.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A flat container of immutable blobs addressed by keys such as {@code orders-db/20261129T060000Z-k3v9q2xa.manifest.json}.
 *
 * <p>The contract is shaped to map one to one onto S3: there is no rename, no append and no directory. Keys use
 * {@code /} as separator and never start with it. Guarantees every implementation gives (and that the contract test
 * suite checks):
 * <ul>
 *   <li>A blob written through {@link #create(String)} is invisible to {@link #get}, {@link #stat} and {@link #list}
 *       until {@link BlobWriter#commit()} returns, and is then durable. Closing a writer without committing discards
 *       everything written.</li>
 *   <li>{@link #putIfAbsent(String, byte[])} commits only when no blob exists under the key, atomically.</li>
 *   <li>Listing is by prefix, sorted by key, and shows only committed blobs.</li>
 * </ul>
 * Implementations are thread safe. Every method speaks {@link IOException}; wrapping into
 * {@code BackupException} happens at the public API boundary.
 */
public interface Storage {

    /** Opens a writer for a blob that becomes visible, replacing any blob under the same key, on commit. */
    BlobWriter create(String key) throws IOException;

    /**
     * Writes {@code content} under {@code key} only if no blob exists there.
     *
     * @throws BlobExistsException when a blob already exists under the key
     */
    void putIfAbsent(String key, byte[] content) throws IOException;

    /** Writes a small blob in one call, replacing any previous one. */
    default void put(String key, byte[] content) throws IOException {
        try (BlobWriter writer = create(key)) {
            writer.write(content);
            writer.commit();
        }
    }

    /**
     * Opens a committed blob for reading.
     *
     * @throws BlobNotFoundException when there is no blob under the key
     */
    InputStream get(String key) throws IOException;

    /**
     * Opens {@code length} bytes of a committed blob starting at {@code offset}; fewer when the blob ends first.
     *
     * @throws BlobNotFoundException when there is no blob under the key
     */
    InputStream get(String key, long offset, long length) throws IOException;

    /** Reads a whole small blob (manifests, sidecars, locks). */
    default byte[] readAll(String key) throws IOException {
        try (InputStream in = get(key)) {
            return in.readAllBytes();
        }
    }

    /** Size and time of a committed blob, or empty when there is none. */
    Optional<BlobInfo> stat(String key) throws IOException;

    /** Every committed blob whose key starts with {@code prefix}, sorted by key. */
    List<BlobInfo> list(String prefix) throws IOException;

    /** Deletes a blob; returns false when there was none. */
    boolean delete(String key) throws IOException;

    /**
     * Removes what interrupted writes left behind (pending files, unfinished multipart uploads) older than
     * {@code olderThan}; returns how many it removed. Implementations without such leftovers return 0.
     */
    default int cleanupLeftovers(java.time.Duration olderThan) throws IOException {
        return 0;
    }

    /** Where the blobs live, for messages and logs (never with credentials). */
    String describe();
}
