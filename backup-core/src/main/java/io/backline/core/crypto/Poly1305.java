package io.backline.core.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Poly1305 (RFC 8439, section 2.5) over whole 16-byte blocks, the way the ChaCha20-Poly1305 construction feeds it
 * (ciphertext padded with zeros, then the lengths block). The accumulator is held in base 2^64 (two full words and
 * a few bits above 2^128) and multiplied with {@link Math#multiplyHigh}, which HotSpot compiles to one instruction:
 * four 64×64-bit products per block where five 26-bit limbs need twenty-five. Carries are computed with bit
 * operations, never with a branch or a comparison the JIT might turn into one, so the time taken does not depend on
 * the key or the data. On CPUs where the JDK has no Poly1305 intrinsic (it needs AVX-512) this is faster than the
 * JDK's and BouncyCastle's implementations. Reusable ({@link #init}); not thread-safe.
 */
final class Poly1305 {
    static final int TAG_SIZE = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    // r = r0 + r1·2^64, clamped: both below 2^60 and r1 a multiple of 4, so that r1·2^128 ≡ s1 (mod 2^130 − 5)
    private long r0;
    private long r1;
    private long s1;
    // the accumulator h = h0 + h1·2^64 + h2·2^128, h0 and h1 unsigned, h2 at most 4 between blocks
    private long h0;
    private long h1;
    private long h2;
    // the pad s (the key's second half)
    private long pad0;
    private long pad1;

    /** Starts a tag under the 32-byte one-time key at {@code key[offset]}. */
    void init(byte[] key, int offset) {
        r0 = (long) LONGS.get(key, offset) & 0x0ffffffc0fffffffL;
        r1 = (long) LONGS.get(key, offset + 8) & 0x0ffffffc0ffffffcL;
        s1 = r1 + (r1 >>> 2);
        pad0 = (long) LONGS.get(key, offset + 16);
        pad1 = (long) LONGS.get(key, offset + 24);
        h0 = 0;
        h1 = 0;
        h2 = 0;
    }

    /** Absorbs {@code length} bytes, a multiple of 16, as whole blocks. */
    void blocks(byte[] m, int offset, int length) {
        if ((length & 15) != 0) {
            throw new IllegalArgumentException("Poly1305 blocks need a multiple of 16 bytes, not " + length);
        }
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        long b0 = r0;
        long b1 = r1;
        long c1 = s1;
        for (int i = offset, end = offset + length; i < end; i += 16) {
            // h += the block + 2^128
            long m0 = (long) LONGS.get(m, i);
            long m1 = (long) LONGS.get(m, i + 8);
            long sum0 = a0 + m0;
            long carry0 = carry(sum0, a0);
            long sum1 = a1 + m1;
            long carry1 = carry(sum1, a1);
            a1 = sum1 + carry0;
            a2 += carry1 + carry(a1, sum1) + 1;
            a0 = sum0;

            // d = h·r, with r1·2^128 folded in as s1: d0 = a0·r0 + a1·s1, d1 = a0·r1 + a1·r0 + a2·s1, d2 = a2·r0.
            // Each 128-bit sum stays below 2^126 and a2·s1 below 2^64, since a2 ≤ 6 and s1 < 2^61.
            long lo0 = a0 * b0;
            long hi0 = unsignedHigh(a0, b0);
            long x = a1 * c1;
            long d0 = lo0 + x;
            hi0 += unsignedHigh(a1, c1) + carry(d0, lo0);

            long lo1 = a0 * b1;
            long hi1 = unsignedHigh(a0, b1);
            x = a1 * b0;
            long d1 = lo1 + x;
            hi1 += unsignedHigh(a1, b0) + carry(d1, lo1);
            x = d1 + a2 * c1;
            hi1 += carry(x, d1);
            d1 = x + hi0;
            hi1 += carry(d1, x);
            long d2 = a2 * b0 + hi1;

            // bits from 2^130 up come back multiplied by 5: h = d mod 2^130 + 5·(d >> 130)
            long fold = (d2 >>> 2) * 5;
            a0 = d0 + fold;
            a1 = d1 + carry(a0, d0);
            a2 = (d2 & 3) + carry(a1, d1);
        }
        h0 = a0;
        h1 = a1;
        h2 = a2;
    }

    /** Writes the 16-byte tag at {@code out[offset]}: h reduced mod 2^130 − 5, plus the pad, mod 2^128. */
    void finish(byte[] out, int offset) {
        // below 2^130 + 5 after one more fold
        long fold = (h2 >>> 2) * 5;
        long a0 = h0 + fold;
        long a1 = h1 + carry(a0, h0);
        long a2 = (h2 & 3) + carry(a1, h1);

        // g = h + 5; when g reaches 2^130, h ≥ p and h − p = g − 2^130 is g's low 130 bits; chosen in constant time
        long g0 = a0 + 5;
        long g1 = a1 + carry(g0, a0);
        long g2 = a2 + carry(g1, a1);
        long takeG = -(g2 >>> 2);
        a0 = (a0 & ~takeG) | (g0 & takeG);
        a1 = (a1 & ~takeG) | (g1 & takeG);

        long t0 = a0 + pad0;
        long t1 = a1 + pad1 + carry(t0, a0);
        LONGS.set(out, offset, t0);
        LONGS.set(out, offset + 8, t1);
    }

    /**
     * 1 when the unsigned addition that gave {@code sum} from {@code addend} wrapped around 2^64, else 0: whether
     * {@code sum < addend} unsigned, from the sign bits alone (Hacker's Delight, 2-12), without a branch.
     */
    private static long carry(long sum, long addend) {
        return ((~sum & addend) | (~(sum ^ addend) & (sum - addend))) >>> 63;
    }

    /** The high word of the unsigned product of {@code a} (any word) and {@code b} (below 2^63). */
    private static long unsignedHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b);
    }
}
