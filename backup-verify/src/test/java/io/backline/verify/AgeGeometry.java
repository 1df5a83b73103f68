package io.backline.verify;

import java.nio.charset.StandardCharsets;

/**
 * Where the parts of an age v1 file are: the header ends with the line {@code --- <mac>}, a 16-byte nonce follows,
 * then the payload in chunks of 64 KiB of plaintext plus a 16-byte tag each.
 */
final class AgeGeometry {
    static final int CHUNK = 65536 + 16;

    final int headerEnd;
    final int payloadStart;
    final int length;

    private AgeGeometry(int headerEnd, int length) {
        this.headerEnd = headerEnd;
        this.payloadStart = headerEnd + 16;
        this.length = length;
    }

    static AgeGeometry of(byte[] file) {
        String text = new String(file, 0, Math.min(file.length, 4096), StandardCharsets.ISO_8859_1);
        int mac = text.indexOf("\n--- ");
        if (!text.startsWith("age-encryption.org/v1\n") || mac < 0) {
            throw new IllegalArgumentException("not an age v1 file");
        }
        return new AgeGeometry(text.indexOf('\n', mac + 1) + 1, file.length);
    }

    /** The offset of chunk {@code index}. */
    long chunk(int index) {
        return payloadStart + (long) index * CHUNK;
    }

    int chunks() {
        return (length - payloadStart + CHUNK - 1) / CHUNK;
    }
}
