package io.backline.core.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Encrypts what is written to it as an age STREAM payload (the header and nonce are already written to the sink).
 * A chunk is sealed only when the next byte arrives or the stream is closed, so that the last chunk, full or not, gets
 * the last-chunk flag; an empty payload is one empty last chunk. Closing writes the last chunk and closes the sink,
 * unless a write to the sink failed before: then the sink is closed without a last chunk, so the output can never pass
 * for a complete file.
 */
final class EncryptingOutputStream extends OutputStream {
    private final OutputStream sink;
    private final ChunkCipher cipher;
    private final byte[] plain = new byte[ChunkCipher.CHUNK_SIZE];
    private final byte[] sealed = new byte[ChunkCipher.ENCRYPTED_CHUNK_SIZE];
    private int filled;
    private long counter;
    private boolean failed;
    private boolean closed;

    EncryptingOutputStream(OutputStream sink, byte[] payloadKey) {
        this.sink = sink;
        this.cipher = new ChunkCipher(payloadKey);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == plain.length) {
            sealChunk(false);
        }
        plain[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (filled == plain.length) {
                sealChunk(false);
            }
            int n = Math.min(len, plain.length - filled);
            System.arraycopy(b, off, plain, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream s = sink) {
            if (!failed) {
                sealChunk(true);
                s.flush();
            }
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private void sealChunk(boolean last) throws IOException {
        int n = cipher.seal(counter++, last, plain, 0, filled, sealed, 0);
        filled = 0;
        try {
            sink.write(sealed, 0, n);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the age encryption stream is closed");
        }
        if (failed) {
            throw new IOException("the age encryption stream failed earlier and cannot be written to");
        }
    }
}
