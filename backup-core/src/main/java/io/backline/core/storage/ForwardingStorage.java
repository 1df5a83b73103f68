package io.backline.core.storage;

import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Storage} that hands every call to another one; subclass it and override what you want to observe or change
 * (fault injection, metrics, logging, throttling).
 *
 * <p>Every method, including {@link #put} and {@link #readAll}, calls the same method of the delegate, so the
 * delegate's own optimisations are kept. A subclass that wants to see the writes of {@code put} as well as those of
 * {@code create} has to override both. This class adds no behaviour and no synchronisation of its own; it is as thread
 * safe as the delegate and the subclass.
 */
public abstract class ForwardingStorage implements Storage {
    private final Storage delegate;

    protected ForwardingStorage(Storage delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The storage calls are handed to. */
    protected Storage delegate() {
        return delegate;
    }

    @Override
    public BlobWriter create(String key) throws IOException {
        return delegate.create(key);
    }

    @Override
    public void putIfAbsent(String key, byte[] content) throws IOException {
        delegate.putIfAbsent(key, content);
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        delegate.put(key, content);
    }

    @Override
    public InputStream get(String key) throws IOException {
        return delegate.get(key);
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        return delegate.get(key, offset, length);
    }

    @Override
    public byte[] readAll(String key) throws IOException {
        return delegate.readAll(key);
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        return delegate.stat(key);
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public boolean delete(String key) throws IOException {
        return delegate.delete(key);
    }

    @Override
    public int cleanupLeftovers(java.time.Duration olderThan) throws IOException {
        return delegate.cleanupLeftovers(olderThan);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
