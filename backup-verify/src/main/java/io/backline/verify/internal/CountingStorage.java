package io.backline.verify.internal;

import io.backline.core.spi.Storage;
import io.backline.core.storage.ForwardingStorage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes read through {@link #get} streams, so a verification reports what it really read. */
public final class CountingStorage extends ForwardingStorage {
    private final AtomicLong bytesRead = new AtomicLong();

    public CountingStorage(Storage delegate) {
        super(delegate);
    }

    /** Bytes read so far through streams this storage opened. */
    public long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public InputStream get(String key) throws IOException {
        return new Counting(super.get(key));
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        return new Counting(super.get(key, offset, length));
    }

    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                bytesRead.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                bytesRead.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            bytesRead.addAndGet(Math.max(skipped, 0));
            return skipped;
        }
    }
}
