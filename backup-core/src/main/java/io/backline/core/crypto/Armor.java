package io.backline.core.crypto;

/** Constants of age's ASCII armor (a strict PEM subset: no headers, 64 columns, canonical padded base64). */
final class Armor {
    static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    static final String END = "-----END AGE ENCRYPTED FILE-----";
    static final int COLUMNS = 64;
    static final int BYTES_PER_LINE = 48;

    private Armor() {
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
