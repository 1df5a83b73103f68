package io.backline.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the upstream stages of a read path (fetch, stored digest, decryption, decompression) on a thread of their own,
 * handing their output to the reading thread through a bounded queue of recycled buffers, so that on two cores the
 * restore runs at the speed of its slowest half rather than the sum of both.
 *
 * <p>Memory is bounded: {@code depth} buffers in flight plus two being filled and read. A failure upstream is
 * rethrown, unchanged, by the next {@link #read} on the reading thread, after the bytes that preceded it. When the
 * upstream ends, {@code atEnd} runs on the upstream thread before the end is signalled, so work it does (draining a
 * digest) is visible to the reader once {@code read} returns -1. The upstream thread closes {@code source} when it
 * stops; closing this stream stops it.
 */
public final class ReadAhead extends InputStream {
    private static final Object END = new Object();

    private final BlockingQueue<Object> filled;
    private final BlockingQueue<byte[]> free;
    private final Thread upstream;
    private volatile boolean closed;
    private Chunk current;
    private int position;
    private boolean ended;

    private record Chunk(byte[] bytes, int length) {
    }

    /** A failure of the upstream thread, carried to the reader. */
    private record Failure(Throwable error) {
    }

    /**
     * @param source    the upstream stages, read on the new thread
     * @param atEnd     runs on the upstream thread once {@code source} is exhausted (may throw)
     * @param chunkSize bytes per hand-off
     * @param depth     chunks that may wait in the queue
     * @param name      the upstream thread's name
     */
    public ReadAhead(InputStream source, IoAction atEnd, int chunkSize, int depth, String name) {
        this.filled = new ArrayBlockingQueue<>(depth + 1);
        this.free = new ArrayBlockingQueue<>(depth + 2);
        for (int i = 0; i < depth + 2; i++) {
            free.add(new byte[chunkSize]);
        }
        this.upstream = new Thread(() -> pump(source, atEnd), name);
        this.upstream.setDaemon(true);
        this.upstream.start();
    }

    /** Work that may throw an {@link IOException}. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    private void pump(InputStream source, IoAction atEnd) {
        try {
            while (!closed) {
                byte[] buffer = free.take();
                int length = fill(source, buffer);
                if (length > 0) {
                    filled.put(new Chunk(buffer, length));
                }
                if (length < buffer.length) {
                    atEnd.run();
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            try {
                filled.put(new Failure(e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            // the thread that used the stages releases them (native decompressor memory), never concurrently
            try {
                source.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing more to release
            }
        }
    }

    /** Fills {@code buffer} as far as the source goes; fewer bytes than its length means the source ended. */
    private static int fill(InputStream source, byte[] buffer) throws IOException {
        int length = 0;
        while (length < buffer.length) {
            int n = source.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    /** Makes {@link #current} hold unread bytes; false at the end. */
    private boolean advance() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        while (!ended && (current == null || position == current.length())) {
            if (current != null) {
                free.offer(current.bytes());
                current = null;
            }
            Object next;
            try {
                next = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            if (next == END) {
                ended = true;
            } else if (next instanceof Failure failure) {
                ended = true;
                rethrow(failure.error());
            } else {
                current = (Chunk) next;
                position = 0;
            }
        }
        return !ended || (current != null && position < current.length());
    }

    private static void rethrow(Throwable error) throws IOException {
        if (error instanceof IOException io) {
            throw io;
        }
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) error;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            upstream.interrupt();
            filled.clear();
        }
    }
}
