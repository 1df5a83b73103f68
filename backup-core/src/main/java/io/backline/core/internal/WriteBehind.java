package io.backline.core.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the downstream stages of a write path (encryption, stored digest, storage) on a thread of their own: what is
 * written here is copied into recycled buffers and handed over through a bounded queue, so that on two cores the
 * backup runs at the speed of its slowest half rather than the sum of both. The mirror of {@link ReadAhead}.
 *
 * <p>Memory is bounded: {@code depth} buffers in flight plus one being filled. A failure downstream is rethrown,
 * unchanged, by the next {@link #write} or by {@link #close()} on the writing thread (once: a {@code close()} after
 * it was thrown only stops the downstream thread); the downstream thread then discards what is still queued. {@link #close()} hands over the last bytes, waits until the downstream thread has
 * written them and closed {@code sink}, and rethrows its failure, if any. {@link #abort()} stops the downstream
 * thread without closing {@code sink} normally.
 */
public final class WriteBehind extends OutputStream {
    private static final Object END = new Object();

    private final BlockingQueue<Object> filled;
    private final BlockingQueue<byte[]> free;
    private final Thread downstream;
    private volatile Throwable failure;
    private boolean failureReported;
    private byte[] current;
    private int position;
    private boolean closed;

    private record Chunk(byte[] bytes, int length) {
    }

    /**
     * @param sink      the downstream stages, written and closed on the new thread
     * @param chunkSize bytes per hand-off
     * @param depth     chunks that may wait in the queue
     * @param name      the downstream thread's name
     */
    public WriteBehind(OutputStream sink, int chunkSize, int depth, String name) {
        Objects.requireNonNull(sink, "sink");
        this.filled = new ArrayBlockingQueue<>(depth + 1);
        this.free = new ArrayBlockingQueue<>(depth + 1);
        for (int i = 0; i < depth + 1; i++) {
            free.add(new byte[chunkSize]);
        }
        this.downstream = new Thread(() -> drain(sink), name);
        this.downstream.setDaemon(true);
        this.downstream.start();
    }

    private void drain(OutputStream sink) {
        try {
            while (true) {
                Object next = filled.take();
                if (next == END) {
                    if (failure == null) {
                        sink.close();
                    }
                    return;
                }
                Chunk chunk = (Chunk) next;
                if (failure == null) {
                    write(sink, chunk);
                }
                free.put(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
    }

    private void write(OutputStream sink, Chunk chunk) {
        try {
            sink.write(chunk.bytes(), 0, chunk.length());
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (current == null) {
                current = take(free);
                position = 0;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(b, off, current, position, n);
            position += n;
            off += n;
            len -= n;
            if (position == current.length) {
                handOver();
            }
        }
    }

    /** Hands over the bytes written so far; does not wait for them to reach the sink. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (current != null && position > 0) {
            handOver();
        }
    }

    private void handOver() throws IOException {
        put(new Chunk(current, position));
        current = null;
        rethrowFailure();
    }

    /** Hands over what is left, waits for the downstream thread to write it and close the sink. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (failure != null) {
            // the downstream thread stops; the sink is not closed as if it were complete
            abort();
            if (!failureReported) {
                rethrowFailure();
            }
            return;
        }
        if (current != null && position > 0) {
            put(new Chunk(current, position));
            current = null;
        }
        closed = true;
        put(END);
        try {
            downstream.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            downstream.interrupt();
            throw new InterruptedIOException("interrupted while the last bytes were written");
        }
        rethrowFailure();
    }

    /** Stops the downstream thread without closing the sink; never throws. */
    public void abort() {
        closed = true;
        downstream.interrupt();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        rethrowFailure();
    }

    private void rethrowFailure() throws IOException {
        Throwable error = failure;
        if (error == null) {
            return;
        }
        failureReported = true;
        if (error instanceof IOException io) {
            throw io;
        }
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) error;
    }

    private void put(Object item) throws IOException {
        try {
            filled.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing bytes to the writing thread");
        }
    }

    private static byte[] take(BlockingQueue<byte[]> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the writing thread");
        }
    }
}
