package io.backline.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeKeysTest {
    /** From the C2SP test kit (vector x25519); its recipient comes from age-keygen -y. */
    static final String TESTKIT_IDENTITY = "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6";

    @TempDir
    Path dir;

    @Test
    void generate_givesIdentityWhoseEncodingRoundTrips() {
        AgeIdentity identity = AgeKeys.generate();
        assertThat(identity.encoded()).startsWith("AGE-SECRET-KEY-1").isUpperCase();
        assertThat(identity.recipient().encoded()).startsWith("age1").hasSize(62);
        AgeIdentity parsed = AgeIdentity.parse(identity.encoded());
        assertThat(parsed.recipient()).isEqualTo(identity.recipient());
        assertThat(AgeRecipient.parse(identity.recipient().toString())).isEqualTo(identity.recipient());
    }

    @Test
    void generate_givesDistinctKeys() {
        assertThat(AgeKeys.generate().recipient()).isNotEqualTo(AgeKeys.generate().recipient());
    }

    @Test
    void identityToString_isMasked() {
        AgeIdentity identity = AgeKeys.generate();
        String secret = identity.encoded();
        assertThat(identity.toString())
                .isEqualTo("AgeIdentity[AGE-SECRET-KEY-1…redacted, recipient=" + identity.recipient() + "]")
                .doesNotContain(secret.substring(16));
    }

    @Test
    void close_wipesTheKeyAndForbidsUse() {
        AgeIdentity identity = AgeKeys.generate();
        identity.close();
        assertThat(identity.isClosed()).isTrue();
        assertThat(identity.secretKey()).containsOnly(0);
        assertThatThrownBy(identity::encoded).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        identity.close();
    }

    @Test
    void parse_acceptsLowerCaseButRejectsMixedCase() {
        AgeIdentity identity = AgeIdentity.parse(TESTKIT_IDENTITY);
        assertThat(AgeIdentity.parse(TESTKIT_IDENTITY.toLowerCase(Locale.ROOT)).recipient())
                .isEqualTo(identity.recipient());
        String mixed = "age-secret-key-1" + TESTKIT_IDENTITY.substring(16);
        assertThatThrownBy(() -> AgeIdentity.parse(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixed-case").hasMessageNotContaining(TESTKIT_IDENTITY.substring(16));
    }

    @Test
    void parse_rejectsBadChecksum() {
        String broken = TESTKIT_IDENTITY.substring(0, TESTKIT_IDENTITY.length() - 1) + "7";
        assertThatThrownBy(() -> AgeIdentity.parse(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum").hasMessageNotContaining(broken.substring(16));
        String recipient = AgeKeys.generate().recipient().encoded();
        String brokenRecipient = recipient.substring(0, 10) + (recipient.charAt(10) == 'q' ? 'p' : 'q')
                + recipient.substring(11);
        assertThatThrownBy(() -> AgeRecipient.parse(brokenRecipient)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void parse_rejectsWrongHumanReadablePart() {
        AgeIdentity identity = AgeKeys.generate();
        String recipient = identity.recipient().encoded();
        assertThatThrownBy(() -> AgeIdentity.parse(recipient)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AGE-SECRET-KEY-1");
        assertThatThrownBy(() -> AgeRecipient.parse(identity.encoded())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("age1");
        String other = Bech32.encode("age-plugin-foo-", new byte[32], false);
        assertThatThrownBy(() -> AgeRecipient.parse(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_rejectsWrongKeyLength() {
        String shortKey = Bech32.encode("age", new byte[31], false);
        assertThatThrownBy(() -> AgeRecipient.parse(shortKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes, not 31");
    }

    @Test
    void parse_rejectsLowOrderRecipients() {
        String zero = Bech32.encode("age", new byte[32], false);
        assertThatThrownBy(() -> AgeRecipient.parse(zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low-order");
        byte[] one = new byte[32];
        one[0] = 1;
        assertThatThrownBy(() -> AgeRecipient.parse(Bech32.encode("age", one, false)))
                .hasMessageContaining("low-order");
    }

    @Test
    void toKeyFile_isInAgeKeygenFormat() {
        AgeIdentity identity = AgeKeys.generate();
        String file = identity.toKeyFile(Instant.parse("2026-11-29T06:00:00.123Z"));
        assertThat(file).isEqualTo("# created: 2026-11-29T06:00:00Z\n# public key: " + identity.recipient() + "\n"
                + identity.encoded() + "\n");
    }

    @Test
    void parseAll_skipsCommentsAndBlankLinesAndReadsSeveralKeys() {
        AgeIdentity a = AgeKeys.generate();
        AgeIdentity b = AgeKeys.generate();
        String text = a.toKeyFile(Instant.now()) + "\n  \n# another\r\n" + b.encoded() + "\r\n";
        List<AgeIdentity> identities = AgeIdentity.parseAll(text);
        assertThat(identities).extracting(AgeIdentity::recipient).containsExactly(a.recipient(), b.recipient());
    }

    @Test
    void parseAll_namesTheBadLineWithoutRepeatingIt() {
        String text = "# key\nAGE-SECRET-KEY-1NOTAKEYATALLBUTSECRETLOOKING\n";
        assertThatThrownBy(() -> AgeIdentity.parseAll(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("NOTAKEY");
        assertThatThrownBy(() -> AgeIdentity.parseAll("# nothing here\n")).hasMessageContaining("no AGE-SECRET-KEY-1");
    }

    @Test
    void readFile_warnsWhenOthersCanReadIt() throws Exception {
        AgeIdentity identity = AgeKeys.generate();
        Path open = dir.resolve("open.txt");
        Files.writeString(open, identity.toKeyFile(Instant.now()));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path closed = dir.resolve("closed.txt");
        Files.writeString(closed, identity.toKeyFile(Instant.now()));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));

        String openLog = captureStderr(() -> AgeIdentity.readFile(open));
        String closedLog = captureStderr(() -> AgeIdentity.readFile(closed));

        assertThat(openLog).contains("WARN").contains("open.txt").contains("chmod 600");
        assertThat(closedLog).doesNotContain("WARN");
        assertThat(openLog).doesNotContain(identity.encoded());
    }

    interface IoAction {
        Object run() throws Exception;
    }

    static String captureStderr(IoAction action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
