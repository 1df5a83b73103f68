package io.backline.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** One-shot ChaCha20-Poly1305 (RFC 7539) with the JDK provider, for the small values in recipient stanzas. */
final class Aead {
    static final int TAG_SIZE = 16;
    private static final byte[] ZERO_NONCE = new byte[12];

    private Aead() {
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is not available in this JDK", e);
        }
    }

    /** Seals {@code plaintext} under {@code key} with the all-zero nonce (keys are single-use in age stanzas). */
    static byte[] sealZeroNonce(byte[] key, byte[] plaintext) {
        try {
            Cipher cipher = newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(ZERO_NONCE));
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    /** Opens a zero-nonce box, or returns null when it does not authenticate. */
    static byte[] openZeroNonce(byte[] key, byte[] ciphertext) {
        try {
            Cipher cipher = newCipher();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(ZERO_NONCE));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }
}
