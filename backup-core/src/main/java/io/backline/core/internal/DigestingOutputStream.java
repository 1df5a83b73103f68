package io.backline.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while counting them and computing their SHA-256. Written by one thread; {@link #count()} may be
 * read by another (progress reports).
 */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private volatile long count;
    private String hex;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    /** Bytes written so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of everything written; call once writing is over. */
    public String sha256() {
        if (hex == null) {
            hex = Hex.encode(digest.digest());
        }
        return hex;
    }
}
