package io.backline.core.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while counting them and computing their SHA-256. Marks are not supported. Read by one thread;
 * {@link #count()} may be read by another (the read path runs this stream on a read-ahead thread).
 */
public final class DigestingInputStream extends FilterInputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private volatile long count;
    private String hex;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads and digests whatever is left. */
    public void drain() throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (read(buffer, 0, buffer.length) >= 0) {
            // digest everything up to the end
        }
    }

    public long count() {
        return count;
    }

    /** The SHA-256 of everything read; call once reading is over. */
    public String sha256() {
        if (hex == null) {
            hex = Hex.encode(digest.digest());
        }
        return hex;
    }
}
