package io.backline.core.spi;

import java.io.IOException;

/** Thrown by {@link Storage} when no committed blob exists under a key. */
public class BlobNotFoundException extends IOException {
    private final String key;

    public BlobNotFoundException(String key) {
        super("no blob under key '" + key + "'");
        this.key = key;
    }

    /** The key that was asked for. */
    public String key() {
        return key;
    }
}
