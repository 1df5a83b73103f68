package io.backline.jdbc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Eight bytes at a time (SWAR): the dump counters' way of finding the few bytes that matter in long runs. */
final class ByteWords {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;

    private ByteWords() {
    }

    /** The eight bytes at {@code bytes[offset]}, the first in the lowest byte. */
    static long word(byte[] bytes, int offset) {
        return (long) LONGS.get(bytes, offset);
    }

    /** {@code b} in each of eight bytes. */
    static long repeated(char b) {
        return (b & 0xFFL) * ONES;
    }

    /** The high bit of each byte of {@code x} that is zero, exactly (no carries cross bytes). */
    static long zeroBytes(long x) {
        return ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
    }
}
