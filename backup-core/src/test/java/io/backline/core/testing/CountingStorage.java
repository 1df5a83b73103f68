package io.backline.core.testing;

import io.backline.core.spi.Storage;
import io.backline.core.storage.ForwardingStorage;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A storage that counts whole reads of artifacts (not of manifests, sidecars or other JSON records). */
public final class CountingStorage extends ForwardingStorage {
    private final AtomicInteger artifactReads = new AtomicInteger();

    public CountingStorage(Storage delegate) {
        super(delegate);
    }

    /** Artifact reads since construction or the last {@link #reset()}. */
    public int artifactReads() {
        return artifactReads.get();
    }

    public void reset() {
        artifactReads.set(0);
    }

    @Override
    public InputStream get(String key) throws IOException {
        if (!key.endsWith(".json") && !key.endsWith(".sha256")) {
            artifactReads.incrementAndGet();
        }
        return super.get(key);
    }
}
