package io.backline.bench.jmh;

import java.io.OutputStream;

/** Discards what is written and counts it (so the work cannot be optimised away). */
final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }
}
