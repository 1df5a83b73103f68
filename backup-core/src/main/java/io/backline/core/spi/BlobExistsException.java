package io.backline.core.spi;

import java.io.IOException;

/** Thrown by {@link Storage#putIfAbsent} when a blob already exists under the key. */
public class BlobExistsException extends IOException {
    private final String key;

    public BlobExistsException(String key) {
        super("a blob already exists under key '" + key + "'");
        this.key = key;
    }

    /** The key that was taken. */
    public String key() {
        return key;
    }
}
