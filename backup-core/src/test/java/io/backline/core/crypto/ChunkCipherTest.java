package io.backline.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.crypto.ChunkCipher.Implementation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * Backline's Poly1305 against BouncyCastle's, and the two ChunkCipher implementations (the JDK's ChaCha20-Poly1305,
 * and the JDK's ChaCha20 with Backline's Poly1305) against each other: the same sealed bytes for every length, and
 * every change to a sealed chunk, its counter or its last-chunk flag rejected by both.
 */
class ChunkCipherTest {
    private final Random random = new Random(20261129);

    @Test
    void poly1305_agreesWithBouncyCastle_forRandomAndExtremeKeysAndMessages() {
        Poly1305 ours = new Poly1305();
        for (int round = 0; round < 5_000; round++) {
            byte[] key = bytes(32);
            byte[] message = bytes(16 * random.nextInt(80));
            if (round % 5 == 1) {
                Arrays.fill(key, (byte) 0xff);
            }
            if (round % 3 == 2) {
                Arrays.fill(message, (byte) 0xff);
            }

            assertThat(tagInTwoParts(ours, key, message)).as("round %d, %d bytes", round, message.length)
                    .isEqualTo(bouncyCastleTag(key, message));
        }
    }

    @Test
    void poly1305_agreesWithBouncyCastle_whenEveryWordSitsAtACarryEdge() {
        // words of 0, 1, 2^64 - 1, 2^64 - 2, 2^64 - 5 and random ones, in r, in s and in the message: the additions
        // and products of the base-2^64 accumulator carry (or just fail to) in every combination
        long[] edges = {0L, 1L, -1L, -2L, -5L};
        Poly1305 ours = new Poly1305();
        for (int round = 0; round < 20_000; round++) {
            byte[] key = new byte[32];
            byte[] message = new byte[16 * (1 + random.nextInt(24))];
            for (int at = 0; at < key.length; at += 8) {
                putWord(key, at, random.nextInt(4) == 0 ? random.nextLong() : edges[random.nextInt(edges.length)]);
            }
            for (int at = 0; at < message.length; at += 8) {
                putWord(message, at, random.nextInt(4) == 0 ? random.nextLong() : edges[random.nextInt(edges.length)]);
            }

            assertThat(tagInTwoParts(ours, key, message)).as("round %d", round)
                    .isEqualTo(bouncyCastleTag(key, message));
        }
    }

    @Test
    void poly1305_matchesRfc8439_whereTheAccumulatorWrapsPastTheModulus() {
        // RFC 8439, A.3, test vector #5: r = 2, s = 0, one block of 0xff: h = 2^130 - 2, which reduces to 3
        byte[] key = new byte[32];
        key[0] = 2;
        byte[] message = new byte[32];
        Arrays.fill(message, 0, 16, (byte) 0xff);
        byte[] tag = new byte[16];
        Poly1305 poly = new Poly1305();
        poly.init(key, 0);
        poly.blocks(message, 0, 16);
        poly.finish(tag, 0);

        byte[] expected = new byte[16];
        expected[0] = 3;
        assertThat(tag).isEqualTo(expected);
    }

    @Test
    void bothImplementations_sealTheSameBytes_andOpenEachOthersChunks() {
        byte[] key = bytes(32);
        for (int length : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 4095, 65535, 65536}) {
            for (boolean last : new boolean[] {false, true}) {
                long counter = random.nextInt(1_000_000);
                byte[] plain = bytes(length);
                byte[] byJdk = seal(Implementation.JDK_AEAD, key, counter, last, plain);
                byte[] byOwn = seal(Implementation.CHACHA20_WITH_OWN_POLY1305, key, counter, last, plain);

                assertThat(byOwn).as("%d bytes, last=%s", length, last).isEqualTo(byJdk);
                assertThat(open(Implementation.CHACHA20_WITH_OWN_POLY1305, key, counter, last, byJdk))
                        .isEqualTo(plain);
                assertThat(open(Implementation.JDK_AEAD, key, counter, last, byOwn)).isEqualTo(plain);
            }
        }
    }

    @Test
    void bothImplementations_rejectEveryFlippedBit_aWrongCounterAndAWrongFlag() {
        byte[] key = bytes(32);
        byte[] plain = bytes(100);
        byte[] sealed = seal(Implementation.JDK_AEAD, key, 7, false, plain);
        for (Implementation implementation : Implementation.values()) {
            for (int bit = 0; bit < sealed.length * 8; bit += 7) {
                byte[] damaged = sealed.clone();
                damaged[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(open(implementation, key, 7, false, damaged)).as("%s, bit %d", implementation, bit)
                        .isNull();
            }
            assertThat(open(implementation, key, 8, false, sealed)).isNull();
            assertThat(open(implementation, key, 7, true, sealed)).isNull();
            assertThat(open(implementation, key, 7, false, Arrays.copyOf(sealed, 15))).isNull();
            assertThat(open(implementation, key, 7, false, sealed)).isEqualTo(plain);
        }
    }

    @Test
    void theJdksAeadIsChosen_exactlyWhereHotSpotHasItsPoly1305Intrinsic_orTheCpuIsUnknown() {
        Set<String> avx512 = Set.of("sse2", "avx2", "avx512f", "avx512ifma", "avx512vl", "avx512bw", "sha_ni");
        Set<String> avx2Only = Set.of("sse2", "avx2", "sha_ni");

        assertThat(Implementation.choose("", "amd64", 25, avx512)).isEqualTo(Implementation.JDK_AEAD);
        assertThat(Implementation.choose("", "amd64", 20, avx512)).isEqualTo(Implementation.JDK_AEAD);
        assertThat(Implementation.choose("", "amd64", 25, avx2Only))
                .isEqualTo(Implementation.CHACHA20_WITH_OWN_POLY1305);
        assertThat(Implementation.choose("", "amd64", 17, avx512))
                .isEqualTo(Implementation.CHACHA20_WITH_OWN_POLY1305);
        assertThat(Implementation.choose("", "x86_64", 25, Set.of())).isEqualTo(Implementation.JDK_AEAD);
        assertThat(Implementation.choose("", "aarch64", 21, Set.of())).isEqualTo(Implementation.JDK_AEAD);
        assertThat(Implementation.choose("", "aarch64", 17, Set.of()))
                .isEqualTo(Implementation.CHACHA20_WITH_OWN_POLY1305);
        assertThat(Implementation.choose("", "riscv64", 25, Set.of())).isEqualTo(Implementation.JDK_AEAD);
        assertThat(Implementation.choose("jdk", "amd64", 25, avx2Only)).isEqualTo(Implementation.JDK_AEAD);
        assertThat(Implementation.choose("own-poly1305", "amd64", 25, avx512))
                .isEqualTo(Implementation.CHACHA20_WITH_OWN_POLY1305);
    }

    @Test
    void cpuFlagsAreRead_whereTheSystemShowsThem() {
        Set<String> flags = ChunkCipher.CpuFlags.read();
        if (Files.isReadable(Path.of("/proc/cpuinfo")) && System.getProperty("os.arch").equals("amd64")) {
            assertThat(flags).contains("sse2");
        } else {
            assertThat(flags).isNotNull();
        }
    }

    private byte[] seal(Implementation implementation, byte[] key, long counter, boolean last, byte[] plain) {
        ChunkCipher cipher = new ChunkCipher(key.clone(), implementation);
        byte[] out = new byte[plain.length + ChunkCipher.TAG_SIZE];
        int n = cipher.seal(counter, last, plain, 0, plain.length, out, 0);
        return Arrays.copyOf(out, n);
    }

    private static byte[] open(Implementation implementation, byte[] key, long counter, boolean last, byte[] sealed) {
        ChunkCipher cipher = new ChunkCipher(key.clone(), implementation);
        byte[] out = new byte[Math.max(0, sealed.length)];
        int n = cipher.open(counter, last, sealed, 0, sealed.length, out, 0);
        return n < 0 ? null : Arrays.copyOf(out, n);
    }

    private byte[] tagInTwoParts(Poly1305 poly, byte[] key, byte[] message) {
        byte[] tag = new byte[16];
        poly.init(key, 0);
        int split = 16 * random.nextInt(message.length / 16 + 1);
        poly.blocks(message, 0, split);
        poly.blocks(message, split, message.length - split);
        poly.finish(tag, 0);
        return tag;
    }

    private static byte[] bouncyCastleTag(byte[] key, byte[] message) {
        org.bouncycastle.crypto.macs.Poly1305 reference = new org.bouncycastle.crypto.macs.Poly1305();
        reference.init(new KeyParameter(key));
        reference.update(message, 0, message.length);
        byte[] tag = new byte[16];
        reference.doFinal(tag, 0);
        return tag;
    }

    private static void putWord(byte[] bytes, int at, long word) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (word >>> (8 * i));
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
