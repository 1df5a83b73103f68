package io.backline.core.storage;

import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Storage} that keeps blobs in the heap: a fast fake for tests, Backline's own and the host's.
 *
 * <p>It has the same visible semantics as {@link LocalStorage}: invisible until commit, atomic replace, atomic
 * {@code putIfAbsent}, listing sorted by key, the key rules of {@link StorageKeys}. {@code lastModified} comes from the
 * injected {@link Clock}. It is thread safe. It is not durable and not bounded: every blob, including an uncommitted
 * one, is held in memory, so it is no place for large backups.
 */
public final class InMemoryStorage implements Storage {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ConcurrentNavigableMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final String name;

    private InMemoryStorage(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.name = "memory:" + INSTANCES.incrementAndGet();
    }

    /** An empty storage whose blobs are stamped with the system UTC clock. */
    public static InMemoryStorage create() {
        return new InMemoryStorage(Clock.systemUTC());
    }

    /** An empty storage whose blobs are stamped with {@code clock} (use a fixed or mutable clock in tests). */
    public static InMemoryStorage create(Clock clock) {
        return new InMemoryStorage(clock);
    }

    @Override
    public BlobWriter create(String key) {
        StorageKeys.requireValidKey(key);
        return new MemoryWriter(key);
    }

    @Override
    public void putIfAbsent(String key, byte[] content) throws IOException {
        StorageKeys.requireValidKey(key);
        Objects.requireNonNull(content, "content");
        if (blobs.putIfAbsent(key, new Blob(content.clone(), clock.instant())) != null) {
            throw new BlobExistsException(key);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        StorageKeys.requireValidKey(key);
        blobs.put(key, new Blob(content.clone(), clock.instant()));
    }

    @Override
    public InputStream get(String key) throws IOException {
        return new ByteArrayInputStream(require(key).content);
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        StorageKeys.checkRange(offset, length);
        byte[] content = require(key).content;
        int from = (int) Math.min(offset, content.length);
        int count = (int) Math.min(length, content.length - from);
        return new ByteArrayInputStream(content, from, count);
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        StorageKeys.requireValidKey(key);
        Blob blob = blobs.get(key);
        return blob == null ? Optional.empty() : Optional.of(blob.info(key));
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        StorageKeys.requireValidPrefix(prefix);
        List<BlobInfo> result = new ArrayList<>();
        for (Map.Entry<String, Blob> entry : blobs.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            result.add(entry.getValue().info(entry.getKey()));
        }
        return result;
    }

    @Override
    public boolean delete(String key) {
        StorageKeys.requireValidKey(key);
        return blobs.remove(key) != null;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return "InMemoryStorage[" + name + ", " + blobs.size() + " blobs]";
    }

    private Blob require(String key) throws BlobNotFoundException {
        StorageKeys.requireValidKey(key);
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new BlobNotFoundException(key);
        }
        return blob;
    }

    private record Blob(byte[] content, Instant committed) {
        BlobInfo info(String key) {
            return new BlobInfo(key, content.length, committed);
        }
    }

    private final class MemoryWriter extends BlobWriter {
        private final String key;
        private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean committed;
        private long written;

        MemoryWriter(String key) {
            this.key = key;
        }

        @Override
        public void write(int b) throws IOException {
            open().write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            open().write(b, off, len);
            written += len;
        }

        @Override
        public long bytesWritten() {
            return written;
        }

        @Override
        public void commit() throws IOException {
            byte[] content = open().toByteArray();
            blobs.put(key, new Blob(content, clock.instant()));
            committed = true;
            buffer = null;
        }

        @Override
        public void close() {
            buffer = null;
        }

        private ByteArrayOutputStream open() throws IOException {
            if (buffer == null) {
                throw new IOException(committed ? "writer for '" + key + "' is already committed"
                        : "writer for '" + key + "' is closed");
            }
            return buffer;
        }
    }
}
