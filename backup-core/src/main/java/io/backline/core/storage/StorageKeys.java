package io.backline.core.storage;

import java.util.Objects;

/**
 * The key rules every {@link io.backline.core.spi.Storage} implementation in Backline enforces, so that one key means
 * the same blob on a local disk and in an object store.
 *
 * <p>A valid key is non-empty, uses {@code /} as separator, does not start or end with it, has no empty segment, no
 * {@code .} or {@code ..} segment, and contains no {@code ..}, backslash or NUL character. Nothing else is restricted
 * here: implementations may add rules of their own (see {@link LocalStorage}). A valid prefix for
 * {@link io.backline.core.spi.Storage#list(String)} is empty or follows the same rules, except that it may end with
 * {@code /}.
 */
public final class StorageKeys {
    private StorageKeys() {
    }

    /**
     * Returns {@code key} when it is valid.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with it
     * @throws NullPointerException     when key is null
     */
    public static String requireValidKey(String key) {
        Objects.requireNonNull(key, "key");
        String problem = problemWith(key, false);
        if (problem != null) {
            throw new IllegalArgumentException("invalid storage key '" + printable(key) + "': " + problem);
        }
        return key;
    }

    /**
     * Returns {@code prefix} when it is a valid listing prefix (the empty prefix lists everything).
     *
     * @throws IllegalArgumentException naming the prefix and what is wrong with it
     */
    public static String requireValidPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            return prefix;
        }
        String problem = problemWith(prefix, true);
        if (problem != null) {
            throw new IllegalArgumentException("invalid storage prefix '" + printable(prefix) + "': " + problem);
        }
        return prefix;
    }

    /**
     * Checks the arguments of a ranged read.
     *
     * @throws IllegalArgumentException when offset or length is negative
     */
    public static void checkRange(long offset, long length) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset needs to be >= 0, not " + offset);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length needs to be >= 0, not " + length);
        }
    }

    /** The part of a key after its last {@code /}. */
    static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String problemWith(String key, boolean trailingSlashAllowed) {
        if (key.isEmpty()) {
            return "it is empty";
        }
        if (key.startsWith("/")) {
            return "it starts with '/'";
        }
        if (key.indexOf('\\') >= 0) {
            return "it contains a backslash";
        }
        if (key.indexOf('\0') >= 0) {
            return "it contains a NUL character";
        }
        if (key.contains("..")) {
            return "it contains '..'";
        }
        String body = trailingSlashAllowed && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty segment";
            }
            if (segment.equals(".")) {
                return "it has a '.' segment";
            }
        }
        return null;
    }

    private static String printable(String key) {
        return key.replace("\0", "\\0");
    }
}
