package io.backline.s3;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The bytes of one part (or of a whole small object) in memory, in chunks, so that filling it never copies what is
 * already there and re-reading it for a retried request costs nothing.
 *
 * <p>Chunks start small (a manifest takes a few KiB, not a whole part) and double up to {@link #MAX_CHUNK}. The
 * MD5 digest for {@code Content-MD5} is computed by {@link #seal()}, which the upload thread calls, so the writing
 * thread only copies. Not thread safe: one thread fills it, then it is handed over, sealed and only read.
 */
final class PartBuffer {
    static final int MIN_CHUNK = 8 * 1024;
    static final int MAX_CHUNK = 1024 * 1024;

    private final long capacity;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private int fillOfLast;
    private String contentMd5;

    PartBuffer(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity needs to be > 0, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Copies as many of {@code len} bytes as fit; returns how many that was. */
    int write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (contentMd5 != null) {
            throw new IllegalStateException("part is sealed");
        }
        int copied = 0;
        while (copied < len && size < capacity) {
            byte[] last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (last == null || fillOfLast == last.length) {
                last = new byte[nextChunkSize()];
                chunks.add(last);
                fillOfLast = 0;
            }
            int n = (int) Math.min(Math.min(len - copied, last.length - fillOfLast), capacity - size);
            System.arraycopy(b, off + copied, last, fillOfLast, n);
            fillOfLast += n;
            size += n;
            copied += n;
        }
        return copied;
    }

    private int nextChunkSize() {
        int size = chunks.isEmpty() ? MIN_CHUNK : Math.min(MAX_CHUNK, chunks.get(chunks.size() - 1).length * 2);
        return (int) Math.min(size, capacity - this.size);
    }

    boolean isFull() {
        return size == capacity;
    }

    long size() {
        return size;
    }

    /** Ends writing and returns the base64 MD5 of the content, as {@code Content-MD5} wants it. */
    String seal() {
        if (contentMd5 == null) {
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no MD5, which S3 needs for Content-MD5", e);
            }
            long left = size;
            for (byte[] chunk : chunks) {
                int n = (int) Math.min(chunk.length, left);
                md5.update(chunk, 0, n);
                left -= n;
            }
            contentMd5 = Base64.getEncoder().encodeToString(md5.digest());
        }
        return contentMd5;
    }

    /** A new stream over the content; each call starts again at the first byte. */
    InputStream newStream() {
        return new ChunkStream();
    }

    private final class ChunkStream extends InputStream {
        private int chunk;
        private int position;
        private long remaining = size;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            byte[] current = chunks.get(chunk);
            int available = (int) Math.min(current.length - position, remaining);
            int n = Math.min(len, available);
            System.arraycopy(current, position, b, off, n);
            position += n;
            remaining -= n;
            if (position == current.length) {
                chunk++;
                position = 0;
            }
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, remaining);
        }
    }
}
