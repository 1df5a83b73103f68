package io.backline.core.crypto;

import static io.backline.core.crypto.AgePropertiesTest.decrypt;
import static io.backline.core.crypto.AgePropertiesTest.encrypt;
import static io.backline.core.crypto.AgePropertiesTest.headerLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backline.core.crypto.AgeException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Format details the test kit does not pin down, and hand-crafted headers. */
class AgeFormatTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AgeIdentity identity = AgeKeys.generate();
    private final AgeEncryption encryption = BackupEncryption.withIdentities(identity);

    @Test
    void encrypt_emptyPayload_isOneEmptyLastChunk() throws IOException {
        byte[] encrypted = encrypt(encryption, new byte[0]);
        assertThat(encrypted.length - headerLength(encrypted)).isEqualTo(16 + 16);
        assertThat(decrypt(encryption, encrypted, 10)).isEmpty();
    }

    @Test
    void encrypt_exactlyOneChunk_isOneFullLastChunk() throws IOException {
        byte[] encrypted = encrypt(encryption, new byte[65536]);
        assertThat(encrypted.length - headerLength(encrypted)).isEqualTo(16 + 65536 + 16);
        byte[] twoChunks = encrypt(encryption, new byte[65537]);
        assertThat(twoChunks.length - headerLength(twoChunks)).isEqualTo(16 + 65552 + 17);
    }

    @Test
    void singleByteWritesAndReads_matchBulkOnes() throws IOException {
        byte[] plaintext = AgePropertiesTest.random(65537, 9);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = encryption.encrypt(sink)) {
            for (byte b : plaintext) {
                out.write(b);
            }
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (var in = encryption.decrypt(new java.io.ByteArrayInputStream(sink.toByteArray()))) {
            int b;
            while ((b = in.read()) >= 0) {
                plain.write(b);
            }
        }
        assertThat(plain.toByteArray()).isEqualTo(plaintext);
    }

    @Test
    void encrypt_writesTheHeaderAsTheSpecificationShowsIt() throws IOException {
        byte[] encrypted = encrypt(encryption, new byte[1]);
        String[] lines = new String(encrypted, 0, headerLength(encrypted), StandardCharsets.US_ASCII).split("\n");
        assertThat(lines[0]).isEqualTo("age-encryption.org/v1");
        assertThat(lines[1]).matches("-> X25519 [A-Za-z0-9+/]{43}");
        assertThat(lines[2]).matches("[A-Za-z0-9+/]{43}");
        assertThat(lines[3]).matches("--- [A-Za-z0-9+/]{43}");
        assertThat(lines).hasSize(4);
    }

    @Test
    void decrypt_rejectsNonCanonicalBase64() throws IOException {
        byte[] encrypted = encrypt(encryption, new byte[5]);
        String text = new String(encrypted, StandardCharsets.ISO_8859_1);
        int shareEnd = text.indexOf('\n', text.indexOf("-> X25519 ")) - 1;
        char last = text.charAt(shareEnd);
        // 43 characters carry 258 bits for 256: the last character's two low bits must be zero.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        encrypted[shareEnd] = (byte) alphabet.charAt(alphabet.indexOf(last) | 1);
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, encrypted, 10));
        assertThat(e.kind()).isEqualTo(Kind.HEADER);
        assertThat(e).hasMessageContaining("canonical");
    }

    @Test
    void decrypt_ignoresUnknownStanzas() throws IOException {
        byte[] fileKey = fileKey();
        List<Stanza> stanzas = List.of(
                new Stanza(List.of("example.com/unknown", "arg!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~"), new byte[100]),
                X25519Stanzas.wrap(fileKey, identity.recipient(), RANDOM),
                new Stanza(List.of("x25519", "AAAA"), new byte[0]));
        byte[] file = craft(stanzas, fileKey, "payload".getBytes(StandardCharsets.US_ASCII));
        assertThat(decrypt(encryption, file, 100)).asString().isEqualTo("payload");
    }

    @Test
    void decrypt_rejectsAllZeroSharedSecret() throws IOException {
        byte[] fileKey = fileKey();
        Stanza lowOrder = new Stanza(List.of("X25519", AgeBase64.encodeUnpadded(new byte[32])), new byte[32]);
        byte[] file = craft(List.of(lowOrder, X25519Stanzas.wrap(fileKey, identity.recipient(), RANDOM)), fileKey,
                new byte[1]);
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, file, 10));
        assertThat(e.kind()).isEqualTo(Kind.HEADER);
        assertThat(e).hasMessageContaining("all-zero");
    }

    @Test
    void decrypt_rejectsScryptStanzaBesideOthers() throws IOException {
        byte[] fileKey = fileKey();
        char[] passphrase = "pw".toCharArray();
        byte[] file = craft(List.of(ScryptStanzas.wrap(fileKey, passphrase, 2, RANDOM),
                X25519Stanzas.wrap(fileKey, identity.recipient(), RANDOM)), fileKey, new byte[1]);
        AgeException e = catchThrowableOfType(AgeException.class,
                () -> decrypt(BackupEncryption.withPassphrase(passphrase, 2), file, 10));
        assertThat(e.kind()).isEqualTo(Kind.HEADER);
        assertThat(e).hasMessageContaining("only stanza");
    }

    @Test
    void decrypt_rejectsHeadersWithTooManyStanzas() throws IOException {
        byte[] fileKey = fileKey();
        List<Stanza> stanzas = new ArrayList<>();
        stanzas.add(X25519Stanzas.wrap(fileKey, identity.recipient(), RANDOM));
        for (int i = 0; i < HeaderParser.MAX_STANZAS; i++) {
            stanzas.add(new Stanza(List.of("grease"), new byte[0]));
        }
        byte[] file = craft(stanzas, fileKey, new byte[1]);
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, file, 10));
        assertThat(e.kind()).isEqualTo(Kind.HEADER);
        assertThat(e).hasMessageContaining("more than 1024 stanzas");
    }

    @Test
    void decrypt_rejectsGarbageBeforeTheArmor() throws IOException {
        byte[] armored = encrypt(encryption.armored(true), new byte[3]);
        byte[] file = ("Subject: backup\n\n" + new String(armored, StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, file, 10));
        assertThat(e.kind()).isEqualTo(Kind.ARMOR);
    }

    @Test
    void decrypt_acceptsArmorWithSurroundingWhitespaceAndCrlf() throws IOException {
        byte[] armored = encrypt(encryption.armored(true), new byte[70_000]);
        String text = "\r\n \t\n" + new String(armored, StandardCharsets.US_ASCII).replace("\n", "\r\n") + "\n\n";
        assertThat(decrypt(encryption, text.getBytes(StandardCharsets.US_ASCII), 1000)).hasSize(70_000);
    }

    @Test
    void decrypt_rejectsAnotherVersion() throws IOException {
        byte[] encrypted = encrypt(encryption, new byte[1]);
        encrypted[20] = '2';
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, encrypted, 10));
        assertThat(e.kind()).isEqualTo(Kind.HEADER);
        assertThat(e).hasMessageContaining("not an age v1 file");
    }

    @Test
    void failureMessages_neverContainKeyMaterial() throws IOException {
        byte[] encrypted = encrypt(encryption, new byte[10]);
        encrypted[encrypted.length - 1] ^= 1;
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(encryption, encrypted, 10));
        assertThat(e.kind()).isEqualTo(Kind.PAYLOAD);
        assertThat(e.getMessage()).doesNotContain(identity.encoded().substring(16, 30));
    }

    private static byte[] fileKey() {
        byte[] fileKey = new byte[16];
        RANDOM.nextBytes(fileKey);
        return fileKey;
    }

    /** Builds an age file from chosen stanzas, as a hostile or future writer could. */
    static byte[] craft(List<Stanza> stanzas, byte[] fileKey, byte[] payload) throws IOException {
        byte[] macInput = Header.encodeWithoutMac(stanzas);
        byte[] mac = Hkdf.hmac(Hkdf.derive(fileKey, null, "header"), macInput);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        sink.write(Header.encode(macInput, mac));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        sink.write(nonce);
        try (OutputStream out = new EncryptingOutputStream(sink, Hkdf.derive(fileKey, nonce, "payload"))) {
            out.write(payload);
        }
        return sink.toByteArray();
    }
}
