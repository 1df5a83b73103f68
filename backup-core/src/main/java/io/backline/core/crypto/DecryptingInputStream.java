package io.backline.core.crypto;

import io.backline.core.crypto.AgeException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decrypts an age STREAM payload (the stream is positioned after the nonce). Each chunk's plaintext is released
 * only after that chunk authenticated. A short chunk must be the last; a full chunk is the last only if it
 * authenticates with the last-chunk flag, and then nothing may follow it. Missing,
 * truncated, reordered or modified chunks, an empty last chunk after others and trailing data all fail with
 * {@link Kind#PAYLOAD}.
 */
final class DecryptingInputStream extends InputStream {
    private final InputStream source;
    private final ChunkCipher cipher;
    private final byte[] sealed = new byte[ChunkCipher.ENCRYPTED_CHUNK_SIZE];
    private final byte[] plain = new byte[ChunkCipher.CHUNK_SIZE];
    private final byte[] one = new byte[1];
    private boolean lastSeen;
    private int pos;
    private int limit;
    private long counter;
    private boolean finished;
    private IOException failure;
    private boolean closed;

    DecryptingInputStream(InputStream source, byte[] payloadKey) {
        this.source = source;
        this.cipher = new ChunkCipher(payloadKey);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the age decryption stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (pos == limit) {
            if (finished) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(plain, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return limit - pos;
    }

    private void nextChunk() throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            if (lastSeen) {
                if (source.read() >= 0) {
                    throw new AgeException(Kind.PAYLOAD, "there is trailing data after the last payload chunk");
                }
                finished = true;
                return;
            }
            int n = source.readNBytes(sealed, 0, sealed.length);
            if (n == 0) {
                throw new AgeException(Kind.PAYLOAD, counter == 0
                        ? "the payload has no chunks: the file is truncated"
                        : "the last payload chunk is missing: the file is truncated");
            }
            if (n < ChunkCipher.TAG_SIZE) {
                throw new AgeException(Kind.PAYLOAD, "payload chunk " + counter + " is truncated");
            }
            int m;
            boolean last;
            if (n == sealed.length) {
                // A full chunk is normally followed by another; if it is not, it may be a full last chunk.
                m = cipher.open(counter, false, sealed, 0, n, plain, 0);
                last = m < 0;
                if (last) {
                    m = cipher.open(counter, true, sealed, 0, n, plain, 0);
                }
            } else {
                last = true;
                m = cipher.open(counter, true, sealed, 0, n, plain, 0);
                if (m == 0 && counter > 0) {
                    throw new AgeException(Kind.PAYLOAD, "the last payload chunk is empty, which only an empty"
                            + " payload may have");
                }
            }
            if (m < 0) {
                throw new AgeException(Kind.PAYLOAD, "payload chunk " + counter + " does not authenticate: the file"
                        + " was modified, truncated or extended");
            }
            counter++;
            pos = 0;
            limit = m;
            if (last) {
                if (n < sealed.length) {
                    finished = true;
                } else {
                    lastSeen = true;
                }
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(plain, (byte) 0);
        pos = limit = 0;
        source.close();
    }
}
