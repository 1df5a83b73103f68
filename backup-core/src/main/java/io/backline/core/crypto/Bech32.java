package io.backline.core.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173) as the age specification uses it: no length limit on the data part, all-lowercase or
 * all-uppercase only, checksum computed over the lowercase form.
 */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32() {
    }

    /** A decoded Bech32 string: the lowercase human-readable part and the 8-bit data. */
    record Decoded(String hrp, byte[] data) {
    }

    /** Encodes {@code data} under {@code hrp}; upper-case when asked (the form secret keys use). */
    static String encode(String hrp, byte[] data, boolean upperCase) {
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        byte[] values = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(lowerHrp, values);
        StringBuilder out = new StringBuilder(lowerHrp.length() + 1 + values.length + 6);
        out.append(lowerHrp).append('1');
        for (byte v : values) {
            out.append(CHARSET.charAt(v));
        }
        for (byte v : checksum) {
            out.append(CHARSET.charAt(v));
        }
        String s = out.toString();
        return upperCase ? s.toUpperCase(Locale.ROOT) : s;
    }

    /**
     * Decodes a Bech32 string. Throws {@link IllegalArgumentException} with a message that never repeats the input
     * (it may be a secret key).
     */
    static Decoded decode(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String upper = s.toUpperCase(Locale.ROOT);
        if (!s.equals(lower) && !s.equals(upper)) {
            throw new IllegalArgumentException("mixed-case Bech32 string");
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("invalid character in Bech32 string");
            }
        }
        int separator = lower.lastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.length()) {
            throw new IllegalArgumentException("malformed Bech32 string (separator or checksum missing)");
        }
        String hrp = lower.substring(0, separator);
        byte[] values = new byte[lower.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (v < 0) {
                throw new IllegalArgumentException("invalid character in Bech32 data");
            }
            values[i] = (byte) v;
        }
        if (polymod(hrp, values, values.length) != 1) {
            throw new IllegalArgumentException("invalid Bech32 checksum");
        }
        byte[] payload = new byte[values.length - 6];
        System.arraycopy(values, 0, payload, 0, payload.length);
        return new Decoded(hrp, convertBits(payload, 5, 8, false));
    }

    private static byte[] checksum(String hrp, byte[] values) {
        byte[] padded = new byte[values.length + 6];
        System.arraycopy(values, 0, padded, 0, values.length);
        int mod = polymod(hrp, padded, padded.length) ^ 1;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return out;
    }

    private static int polymod(String hrp, byte[] values, int length) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >>> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (int i = 0; i < length; i++) {
            chk = step(chk, values[i]);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxValue = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * from / to + 1);
        for (byte b : data) {
            int value = b & 0xff;
            if ((value >>> from) != 0) {
                throw new IllegalArgumentException("invalid Bech32 data value");
            }
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxValue);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxValue);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxValue) != 0) {
            throw new IllegalArgumentException("invalid Bech32 padding");
        }
        return out.toByteArray();
    }
}
