package io.backline.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies with a fixed 64 KiB buffer: constant memory, whatever the size. */
public final class Streams {
    static final int BUFFER = 64 * 1024;

    private Streams() {
    }

    /** Copies {@code in} to {@code out} until {@code in} ends; returns the bytes copied. Closes neither. */
    public static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /** Reads {@code in} to its end and discards it; returns the bytes read. */
    public static long drain(InputStream in) throws IOException {
        return copy(in, OutputStream.nullOutputStream());
    }
}
