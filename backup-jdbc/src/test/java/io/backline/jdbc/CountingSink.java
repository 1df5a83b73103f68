package io.backline.jdbc;

import java.io.OutputStream;

/** Counts and discards what is written to it. */
public final class CountingSink extends OutputStream {
    private long bytes;

    /** The bytes written so far. */
    public long bytes() {
        return bytes;
    }

    @Override
    public void write(int b) {
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes += len;
    }
}
