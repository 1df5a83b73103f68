package io.backline.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STREAM construction of age's payload: ChaCha20-Poly1305 over 64 KiB chunks, nonce = 11-byte big-endian chunk
 * counter || last-chunk flag. One JDK {@link Cipher} is reused for every chunk. Not thread-safe: one per thread.
 */
final class ChunkCipher {
    static final int CHUNK_SIZE = 64 * 1024;
    static final int TAG_SIZE = Aead.TAG_SIZE;
    static final int ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
    static final int NONCE_SIZE = 16;
    /** 2^88 chunks would be needed to overflow the 11-byte counter; a long (2^63) is the practical limit. */
    static final long MAX_CHUNKS = Long.MAX_VALUE;

    private final Cipher cipher = Aead.newCipher();
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[12];

    /** Takes a copy of {@code payloadKey} and wipes the caller's array. */
    ChunkCipher(byte[] payloadKey) {
        this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        java.util.Arrays.fill(payloadKey, (byte) 0);
    }

    /** Encrypts {@code len} bytes as chunk {@code counter}; writes {@code len + 16} bytes at {@code out[outOff]}. */
    int seal(long counter, boolean last, byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonce(counter, last));
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    /**
     * Decrypts chunk {@code counter} ({@code len} bytes including the tag) to {@code out[outOff]}; returns the plaintext
     * length, or -1 when the chunk does not authenticate under this counter and flag.
     */
    int open(long counter, boolean last, byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonce(counter, last));
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    private IvParameterSpec nonce(long counter, boolean last) {
        if (counter < 0) {
            throw new IllegalStateException("STREAM chunk counter overflow");
        }
        for (int i = 0; i < 8; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
        return new IvParameterSpec(nonce);
    }
}
