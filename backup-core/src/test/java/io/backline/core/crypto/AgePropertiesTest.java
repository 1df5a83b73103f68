package io.backline.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backline.core.crypto.AgeException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Property-based round trips, tampering, truncation and wrong keys. */
class AgePropertiesTest {
    private static final int CHUNK = ChunkCipher.CHUNK_SIZE;

    @Provide
    Arbitrary<Integer> sizesAroundChunkBoundaries() {
        Arbitrary<Integer> near = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(-3, 3)).as((k, delta) -> Math.max(0, k * CHUNK + delta));
        return Arbitraries.oneOf(near, Arbitraries.integers().between(0, 3 * CHUNK));
    }

    @Property(tries = 120)
    void roundTrip_restoresEveryByte(@ForAll("sizesAroundChunkBoundaries") int size,
            @ForAll @IntRange(min = 1, max = 5) int recipients, @ForAll boolean armored,
            @ForAll @IntRange(min = 0, max = 4) int decryptWith, @ForAll @IntRange(min = 1, max = 70000) int readSize)
            throws IOException {
        List<AgeIdentity> identities = identities(recipients);
        byte[] plaintext = random(size, size);
        byte[] encrypted = encrypt(BackupEncryption.toRecipients(
                identities.stream().map(AgeIdentity::recipient).toArray(AgeRecipient[]::new)).armored(armored),
                plaintext);
        AgeIdentity identity = identities.get(decryptWith % recipients);
        byte[] decrypted = decrypt(BackupEncryption.withIdentities(identity), encrypted, readSize);
        assertThat(decrypted).isEqualTo(plaintext);
    }

    @Property(tries = 60)
    void roundTrip_withPassphrase(@ForAll("sizesAroundChunkBoundaries") int size, @ForAll boolean armored)
            throws IOException {
        byte[] plaintext = random(size, size + 1);
        BackupEncryption encryption = BackupEncryption.withPassphrase("s3cret pass".toCharArray(), 4)
                .armored(armored);
        assertThat(decrypt(encryption, encrypt(encryption, plaintext), 8192)).isEqualTo(plaintext);
    }

    @Property(tries = 300)
    void tamperingAnySingleByte_isDetected(@ForAll @IntRange(min = 0, max = 3 * CHUNK + 10) int size,
            @ForAll @IntRange(min = 1, max = 3) int recipients, @ForAll long positionSeed,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        List<AgeIdentity> identities = identities(recipients);
        byte[] encrypted = encrypt(BackupEncryption.withIdentities(identities), random(size, positionSeed));
        int headerEnd = headerLength(encrypted);
        int position = (int) Math.floorMod(positionSeed, (long) encrypted.length);
        encrypted[position] ^= (byte) mask;

        AgeException e = catchThrowableOfType(AgeException.class,
                () -> decrypt(BackupEncryption.withIdentities(identities), encrypted, 65536));
        assertThat(e).as("a modified byte at %d of %d must be detected", position, encrypted.length).isNotNull();
        if (position < headerEnd) {
            assertThat(e.kind()).isIn(Kind.HEADER, Kind.NO_MATCH, Kind.HMAC);
        } else {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.PAYLOAD);
        }
    }

    /**
     * Every change to armored text is detected, but one: the closing line's final LF turned into CR, a CRLF-style
     * line end that age (and the age CLI) accepts; that file must decrypt to the same plaintext.
     */
    @Property(tries = 100)
    void tamperingArmoredText_isDetected(@ForAll @IntRange(min = 0, max = 2 * CHUNK) int size,
            @ForAll long positionSeed, @ForAll @IntRange(min = 1, max = 127) int mask) throws IOException {
        AgeIdentity identity = AgeKeys.generate();
        AgeEncryption encryption = BackupEncryption.withIdentities(identity).armored(true);
        byte[] plain = random(size, positionSeed);
        byte[] encrypted = encrypt(encryption, plain);
        int position = (int) Math.floorMod(positionSeed, (long) encrypted.length);
        encrypted[position] ^= (byte) mask;
        if (position == encrypted.length - 1 && encrypted[position] == '\r') {
            assertThat(decrypt(encryption, encrypted, 4096)).isEqualTo(plain);
        } else {
            assertThatThrownBy(() -> decrypt(encryption, encrypted, 4096)).isInstanceOf(AgeException.class);
        }
    }

    @Example
    void aClosingLineEndedByCrInsteadOfLf_stillDecrypts() throws IOException {
        tamperingArmoredText_isDetected(3485, -1, 7);
    }

    @Property(tries = 300)
    void truncationAtAnyPoint_isDetected(@ForAll @IntRange(min = 0, max = 3 * CHUNK + 10) int size,
            @ForAll long cutSeed) throws IOException {
        AgeIdentity identity = AgeKeys.generate();
        BackupEncryption encryption = BackupEncryption.withIdentities(identity);
        byte[] encrypted = encrypt(encryption, random(size, cutSeed));
        int cut = (int) Math.floorMod(cutSeed, (long) encrypted.length);
        byte[] truncated = Arrays.copyOf(encrypted, cut);

        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, truncated, 65536));
        assertThat(e).as("truncation to %d of %d bytes must be detected", cut, encrypted.length).isNotNull();
        int payloadStart = headerLength(encrypted) + ChunkCipher.NONCE_SIZE;
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(cut < payloadStart ? Kind.HEADER : Kind.PAYLOAD);
    }

    @Property(tries = 100)
    void trailingData_isRejected(@ForAll @IntRange(min = 0, max = 2 * CHUNK + 10) int size,
            @ForAll @IntRange(min = 1, max = 70000) int extra) throws IOException {
        AgeIdentity identity = AgeKeys.generate();
        BackupEncryption encryption = BackupEncryption.withIdentities(identity);
        byte[] encrypted = encrypt(encryption, random(size, extra));
        byte[] extended = Arrays.copyOf(encrypted, encrypted.length + extra);
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, extended, 65536));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.PAYLOAD);
    }

    @Property(tries = 100)
    void wrongIdentity_givesNoMatch(@ForAll @IntRange(min = 1, max = 4) int recipients,
            @ForAll @IntRange(min = 1, max = 3) int wrongIdentities) throws IOException {
        List<AgeIdentity> right = identities(recipients);
        byte[] encrypted = encrypt(BackupEncryption.withIdentities(right), random(100, recipients));
        AgeException e = catchThrowableOfType(AgeException.class,
                () -> decrypt(BackupEncryption.withIdentities(identities(wrongIdentities)), encrypted, 100));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.NO_MATCH);
    }

    static int headerLength(byte[] encrypted) {
        String text = new String(encrypted, 0, Math.min(encrypted.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
        int mac = text.indexOf("\n--- ");
        return text.indexOf('\n', mac + 1) + 1;
    }

    static List<AgeIdentity> identities(int count) {
        List<AgeIdentity> identities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            identities.add(AgeKeys.generate());
        }
        return identities;
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] encrypt(BackupEncryption encryption, byte[] plaintext) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(plaintext.length + 1024);
        try (OutputStream out = encryption.encrypt(sink)) {
            out.write(plaintext);
        }
        return sink.toByteArray();
    }

    static byte[] decrypt(BackupEncryption encryption, byte[] encrypted, int readSize) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(encrypted.length);
        try (InputStream in = encryption.decrypt(new ByteArrayInputStream(encrypted))) {
            byte[] buffer = new byte[readSize];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                plain.write(buffer, 0, n);
            }
        }
        return plain.toByteArray();
    }
}
