package io.backline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded hand-off of byte blocks between two threads: the writer side is an {@link OutputStream}, the reader side
 * an {@link InputStream}. A fixed pool of {@code blocks} buffers of {@code blockSize} bytes circulates, so memory is
 * bounded and nothing is allocated per block. Used by the bench mains to try out the stage overlap that the pipeline
 * could adopt (read, decrypt and write on different cores); not a library class.
 */
final class Handoff {
    private static final Block END = new Block(new byte[0]);
    private final BlockingQueue<Block> free;
    private final BlockingQueue<Block> full;
    private volatile Throwable failure;

    private static final class Block {
        final byte[] data;
        int length;

        Block(byte[] data) {
            this.data = data;
        }
    }

    Handoff(int blocks, int blockSize) {
        free = new ArrayBlockingQueue<>(blocks);
        full = new ArrayBlockingQueue<>(blocks + 1);
        for (int i = 0; i < blocks; i++) {
            free.add(new Block(new byte[blockSize]));
        }
    }

    /** Makes the reader side fail (with {@code t}) once it has consumed what was already handed over. */
    void fail(Throwable t) {
        failure = t;
        full.offer(END);
    }

    OutputStream sink() {
        return new OutputStream() {
            private Block current;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    if (current == null) {
                        current = take(free);
                        current.length = 0;
                    }
                    int n = Math.min(len, current.data.length - current.length);
                    System.arraycopy(b, off, current.data, current.length, n);
                    current.length += n;
                    off += n;
                    len -= n;
                    if (current.length == current.data.length) {
                        put(full, current);
                        current = null;
                    }
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (current != null && current.length > 0) {
                    put(full, current);
                }
                current = null;
                put(full, END);
            }
        };
    }

    InputStream source() {
        return new InputStream() {
            private Block current;
            private int pos;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (current == null || pos == current.length) {
                    if (ended) {
                        return -1;
                    }
                    if (current != null) {
                        put(free, current);
                        current = null;
                    }
                    Block next = take(full);
                    if (next == END) {
                        ended = true;
                        if (failure != null) {
                            throw new IOException("the producing stage failed", failure);
                        }
                        return -1;
                    }
                    current = next;
                    pos = 0;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current.data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private static Block take(BlockingQueue<Block> q) throws IOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    private static void put(BlockingQueue<Block> q, Block b) throws IOException {
        try {
            q.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }
}
