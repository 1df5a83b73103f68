package io.backline.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What storage knows about one committed blob.
 *
 * @param key          the blob's key
 * @param size         its length in bytes
 * @param lastModified when it was committed
 */
public record BlobInfo(String key, long size, Instant lastModified) {
    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("size needs to be >= 0, not " + size);
        }
    }
}
