package io.backline.core.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STREAM construction of age's payload: ChaCha20-Poly1305 over 64 KiB chunks, nonce = 11-byte big-endian chunk
 * counter || last-chunk flag. Not thread-safe: one per thread.
 *
 * <p>Two implementations of the same RFC 8439 AEAD, one reused {@link Cipher} each: the JDK's
 * {@code ChaCha20-Poly1305} where the JVM computes Poly1305 with its CPU intrinsic (x86-64 with AVX-512 from JDK 20,
 * aarch64 from JDK 21), and otherwise the JDK's {@code ChaCha20} stream cipher (its own intrinsic needs only AVX2)
 * with Backline's {@link Poly1305} over the ciphertext, which is faster than the JDK's Java Poly1305. Both produce
 * the same bytes.
 */
final class ChunkCipher {
    static final int CHUNK_SIZE = 64 * 1024;
    static final int TAG_SIZE = Aead.TAG_SIZE;
    static final int ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
    static final int NONCE_SIZE = 16;
    /** 2^88 chunks would be needed to overflow the 11-byte counter; a long (2^63) is the practical limit. */
    static final long MAX_CHUNKS = Long.MAX_VALUE;

    /** Which implementation a new ChunkCipher uses. */
    enum Implementation {
        /** The JDK's ChaCha20-Poly1305 cipher. */
        JDK_AEAD,
        /** The JDK's ChaCha20 with Backline's Poly1305. */
        CHACHA20_WITH_OWN_POLY1305;

        /** JDK_AEAD where this JVM has the Poly1305 intrinsic; the property {@code backline.age.aead} overrides. */
        static final Implementation PREFERRED = choose(System.getProperty("backline.age.aead", ""),
                System.getProperty("os.arch", ""), Runtime.version().feature(), CpuFlags.read());

        /**
         * The choice for a JVM: {@code override} ("jdk" or "own-poly1305") if set; else the JDK's AEAD where HotSpot
         * turns its Poly1305 intrinsic on (aarch64 from JDK 21; x86-64 from JDK 20 with AVX-512 IFMA, VL and BW),
         * and where the CPU's features cannot be read; Backline's Poly1305 otherwise. (HotSpot's
         * {@code UsePoly1305Intrinsics} is a diagnostic flag that management beans do not show, hence the CPU.)
         */
        static Implementation choose(String override, String arch, int jdkFeature, Set<String> cpuFlags) {
            if (override.equals("jdk")) {
                return JDK_AEAD;
            }
            if (override.equals("own-poly1305")) {
                return CHACHA20_WITH_OWN_POLY1305;
            }
            boolean intrinsic = switch (arch) {
                case "aarch64" -> jdkFeature >= 21;
                case "amd64", "x86_64" -> jdkFeature >= 20
                        && (cpuFlags.isEmpty() || cpuFlags.containsAll(Set.of("avx512ifma", "avx512vl", "avx512bw")));
                default -> true;
            };
            return intrinsic ? JDK_AEAD : CHACHA20_WITH_OWN_POLY1305;
        }
    }

    /** The CPU's feature flags from {@code /proc/cpuinfo} (Linux); empty where they cannot be read. */
    static final class CpuFlags {
        private CpuFlags() {
        }

        static Set<String> read() {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            try (BufferedReader lines = Files.newBufferedReader(cpuinfo, StandardCharsets.US_ASCII)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("flags")) {
                        int colon = line.indexOf(':');
                        return colon < 0 ? Set.of()
                                : Set.copyOf(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: unknown
            }
            return Set.of();
        }
    }

    private static final byte[] ZEROS = new byte[64];

    private final Implementation implementation;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private final Poly1305 poly1305 = new Poly1305();
    /** Key-stream block 0: the one-time Poly1305 key. */
    private final byte[] firstBlock = new byte[64];
    /** The ciphertext's last partial block, zero-padded, then the lengths block. */
    private final byte[] tail = new byte[32];
    private final byte[] tag = new byte[TAG_SIZE];

    /** Takes a copy of {@code payloadKey} and wipes the caller's array. */
    ChunkCipher(byte[] payloadKey) {
        this(payloadKey, Implementation.PREFERRED);
    }

    ChunkCipher(byte[] payloadKey, Implementation implementation) {
        this.implementation = implementation;
        this.cipher = implementation == Implementation.JDK_AEAD ? Aead.newCipher() : newChaCha20();
        this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        Arrays.fill(payloadKey, (byte) 0);
    }

    private static Cipher newChaCha20() {
        try {
            return Cipher.getInstance("ChaCha20");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 is not available in this JDK", e);
        }
    }

    /** Encrypts {@code len} bytes as chunk {@code counter}; writes {@code len + 16} bytes at {@code out[outOff]}. */
    int seal(long counter, boolean last, byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            setNonce(counter, last);
            if (implementation == Implementation.JDK_AEAD) {
                cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
                return cipher.doFinal(in, off, len, out, outOff);
            }
            startKeyStream(Cipher.ENCRYPT_MODE);
            int n = cipher.doFinal(in, off, len, out, outOff);
            authenticate(out, outOff, n, out, outOff + n);
            return n + TAG_SIZE;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    /**
     * Decrypts chunk {@code counter} ({@code len} bytes including the tag) to {@code out[outOff]}; returns the plaintext
     * length, or -1 when the chunk does not authenticate under this counter and flag (then nothing is written).
     */
    int open(long counter, boolean last, byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            setNonce(counter, last);
            if (implementation == Implementation.JDK_AEAD) {
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
                return cipher.doFinal(in, off, len, out, outOff);
            }
            int ciphertextLength = len - TAG_SIZE;
            if (ciphertextLength < 0) {
                return -1;
            }
            startKeyStream(Cipher.DECRYPT_MODE);
            authenticate(in, off, ciphertextLength, tag, 0);
            if (!sameTag(tag, in, off + ciphertextLength)) {
                return -1;
            }
            return cipher.doFinal(in, off, ciphertextLength, out, outOff);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    /** Starts ChaCha20 at block 0 and takes that block as the Poly1305 key; the data then starts at block 1. */
    private void startKeyStream(int mode) throws GeneralSecurityException {
        cipher.init(mode, key, new ChaCha20ParameterSpec(nonce, 0));
        cipher.update(ZEROS, 0, ZEROS.length, firstBlock, 0);
        poly1305.init(firstBlock, 0);
        Arrays.fill(firstBlock, (byte) 0);
    }

    /** The tag of RFC 8439's AEAD with no associated data: Poly1305 of the padded ciphertext and the lengths. */
    private void authenticate(byte[] ciphertext, int off, int len, byte[] out, int outOff) {
        int whole = len & ~15;
        poly1305.blocks(ciphertext, off, whole);
        int rest = len - whole;
        Arrays.fill(tail, (byte) 0);
        System.arraycopy(ciphertext, off + whole, tail, 0, rest);
        for (int i = 0; i < 8; i++) {
            tail[24 + i] = (byte) ((long) len >>> (8 * i));
        }
        poly1305.blocks(tail, rest == 0 ? 16 : 0, rest == 0 ? 16 : 32);
        poly1305.finish(out, outOff);
    }

    private static boolean sameTag(byte[] computed, byte[] in, int at) {
        int difference = 0;
        for (int i = 0; i < TAG_SIZE; i++) {
            difference |= computed[i] ^ in[at + i];
        }
        return difference == 0;
    }

    private void setNonce(long counter, boolean last) {
        if (counter < 0) {
            throw new IllegalStateException("STREAM chunk counter overflow");
        }
        for (int i = 0; i < 8; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
    }
}
