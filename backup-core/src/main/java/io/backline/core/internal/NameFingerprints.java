package io.backline.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A set of names kept as 64-bit fingerprints (the first eight bytes of their SHA-256) in an open-addressing table:
 * about 16 bytes per name however long the name, so that remembering every file of a huge archive stays cheap.
 * A false positive needs a SHA-256 prefix collision. Not thread safe.
 */
final class NameFingerprints {
    private static final long EMPTY = 0L;

    private final MessageDigest sha256;
    private long[] table = new long[1024];
    private int size;
    private boolean hasZero;

    NameFingerprints() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    void add(String name) {
        long key = fingerprint(name);
        if (key == EMPTY) {
            hasZero = true;
            return;
        }
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        if (insert(table, key)) {
            size++;
        }
    }

    boolean contains(String name) {
        long key = fingerprint(name);
        if (key == EMPTY) {
            return hasZero;
        }
        int mask = table.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (table[i] == key) {
                return true;
            }
            if (table[i] == EMPTY) {
                return false;
            }
        }
    }

    private long fingerprint(String name) {
        byte[] digest = sha256.digest(name.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key;
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long key : table) {
            if (key != EMPTY) {
                insert(bigger, key);
            }
        }
        table = bigger;
    }

    private static boolean insert(long[] into, long key) {
        int mask = into.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (into[i] == key) {
                return false;
            }
            if (into[i] == EMPTY) {
                into[i] = key;
                return true;
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return "NameFingerprints[" + (size + (hasZero ? 1 : 0)) + " names]";
    }
}
