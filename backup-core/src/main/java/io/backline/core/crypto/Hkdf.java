package io.backline.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA-256 (RFC 5869) with 32 bytes of output, the only length age uses; and HMAC-SHA-256. */
final class Hkdf {
    private static final byte[] ZERO_SALT = new byte[32];

    private Hkdf() {
    }

    static byte[] derive(byte[] ikm, byte[] salt, String info) {
        byte[] prk = hmac(salt == null || salt.length == 0 ? ZERO_SALT : salt, ikm);
        byte[] infoBytes = info.getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[infoBytes.length + 1];
        System.arraycopy(infoBytes, 0, block, 0, infoBytes.length);
        block[infoBytes.length] = 1;
        try {
            return hmac(prk, block);
        } finally {
            java.util.Arrays.fill(prk, (byte) 0);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return hmac(key, data, 0, data.length);
    }

    static byte[] hmac(byte[] key, byte[] data, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 rejected its key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }
}
