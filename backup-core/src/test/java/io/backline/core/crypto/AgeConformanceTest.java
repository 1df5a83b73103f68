package io.backline.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.backline.core.crypto.AgeException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of the C2SP age test kit (src/test/resources/age-testkit, see FORMAT.md there) gives its expected
 * outcome. Only the post-quantum (ML-KEM hybrid) vectors are skipped, by name, visibly.
 */
class AgeConformanceTest {
    private static final Map<String, Kind> FAILURES = Map.of(
            "header failure", Kind.HEADER,
            "armor failure", Kind.ARMOR,
            "payload failure", Kind.PAYLOAD,
            "no match", Kind.NO_MATCH,
            "HMAC failure", Kind.HMAC);

    record Vector(String name, String expect, String payloadSha256, List<String> identities,
            List<String> passphrases, boolean armored, boolean compressed, byte[] file) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() throws IOException {
        Path dir = testkitDir();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> !p.getFileName().toString().matches("[A-Z]+\\.(md|txt)"))
                    .sorted().toList();
            List<Vector> vectors = new ArrayList<>();
            for (Path file : sorted) {
                vectors.add(parse(file));
            }
            return vectors.stream();
        }
    }

    static Path testkitDir() {
        URL url = AgeConformanceTest.class.getResource("/age-testkit/FORMAT.md");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Vector parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int pos = 0;
        String expect = null;
        String payload = null;
        List<String> identities = new ArrayList<>();
        List<String> passphrases = new ArrayList<>();
        boolean armored = false;
        boolean compressed = false;
        while (true) {
            int eol = indexOf(bytes, (byte) '\n', pos);
            String line = new String(bytes, pos, eol - pos, StandardCharsets.UTF_8);
            pos = eol + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(": ");
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            switch (key) {
                case "expect" -> expect = value;
                case "payload" -> payload = value;
                case "identity" -> identities.add(value);
                case "passphrase" -> passphrases.add(value);
                case "armored" -> armored = value.equals("yes");
                case "compressed" -> compressed = value.equals("zlib");
                default -> {
                    // file key, comment: informational only
                }
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, pos, bytes.length);
        if (compressed) {
            try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new Vector(file.getFileName().toString(), expect, payload, identities, passphrases, armored,
                compressed, body);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no blank line after the vector's header");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector_givesExpectedOutcome(Vector vector) throws Exception {
        assumeFalse(vector.name().contains("hybrid"),
                "post-quantum (mlkem768x25519 hybrid) recipients are not implemented; vector skipped by name");
        List<AgeIdentity> identities = vector.identities().stream().map(AgeIdentity::parse).toList();
        char[] passphrase = vector.passphrases().isEmpty() ? null : vector.passphrases().get(0).toCharArray();
        AgeDecoder decoder = new AgeDecoder(identities, passphrase, AgeEncryption.DEFAULT_MAX_WORK_FACTOR);
        MessageDigest released = MessageDigest.getInstance("SHA-256");
        AgeException failure = null;
        try (InputStream in = decoder.decrypt(new ByteArrayInputStream(vector.file()))) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                released.update(buffer, 0, n);
            }
        } catch (AgeException e) {
            failure = e;
        }
        String releasedHash = HexFormat.of().formatHex(released.digest());
        if (vector.expect().equals("success")) {
            if (failure != null) {
                fail(vector.name() + " should decrypt but failed with " + failure.kind() + ": " + failure.getMessage());
            }
            assertThat(releasedHash).as("payload SHA-256").isEqualTo(vector.payloadSha256());
            return;
        }
        Kind expected = FAILURES.get(vector.expect());
        assertThat(expected).as("known expect value '%s'", vector.expect()).isNotNull();
        assertThat(failure).as("%s should fail with %s", vector.name(), expected).isNotNull();
        assertThat(failure.kind()).as("%s: %s", vector.name(), failure.getMessage()).isEqualTo(expected);
        if (expected == Kind.PAYLOAD && vector.payloadSha256() != null) {
            assertThat(releasedHash).as("plaintext released before the failure (%s)", failure.getMessage()).isEqualTo(vector.payloadSha256());
        }
    }

    @Test
    void testkit_isComplete() throws IOException {
        assertThat(vectors().count()).isEqualTo(143);
        assertThat(vectors().filter(v -> !v.name().contains("hybrid")).count()).isEqualTo(124);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
