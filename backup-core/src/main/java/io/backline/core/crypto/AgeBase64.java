package io.backline.core.crypto;

import java.util.Base64;

/** The base64 flavours of the age format: canonical unpadded (header) and canonical padded (armor). */
final class AgeBase64 {
    private static final Base64.Encoder UNPADDED = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private AgeBase64() {
    }

    static String encodeUnpadded(byte[] data) {
        return UNPADDED.encodeToString(data);
    }

    /** Whether {@code c} is in the standard base64 alphabet (padding excluded). */
    static boolean isBase64Char(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /**
     * Decodes canonical unpadded base64, or returns null when {@code s} has padding, a character outside the
     * alphabet, an impossible length or non-zero trailing bits.
     */
    static byte[] decodeCanonicalUnpadded(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isBase64Char(s.charAt(i))) {
                return null;
            }
        }
        if (s.length() % 4 == 1) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return UNPADDED.encodeToString(decoded).equals(s) ? decoded : null;
    }

    /**
     * Decodes one canonical padded base64 group sequence ({@code s.length()} a multiple of 4, padding only at the
     * end), or returns null.
     */
    static byte[] decodeCanonicalPadded(String s) {
        if (s.isEmpty() || s.length() % 4 != 0) {
            return null;
        }
        int padding = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (i < s.length() - 2) {
                    return null;
                }
                padding++;
            } else if (padding > 0 || !isBase64Char(c)) {
                return null;
            }
        }
        byte[] decoded;
        try {
            decoded = DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Base64.getEncoder().encodeToString(decoded).equals(s) ? decoded : null;
    }
}
