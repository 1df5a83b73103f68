package io.backline.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.testing.ExternalTools;
import io.backline.core.testing.Processes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Interoperability with the stock {@code age} CLI, both ways, in binary and armored form. */
class AgeInteropTest {
    private static final int[] SIZES = {0, 1, 65535, 65536, 65537, 131072, 10 * 1024 * 1024 + 3};

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int size : SIZES) {
            for (boolean armored : new boolean[] {false, true}) {
                for (int recipients : new int[] {1, 3}) {
                    cases.add(Arguments.of(size, armored, recipients));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "size={0} armored={1} recipients={2}")
    @MethodSource("cases")
    void backlineEncrypts_ageCliDecrypts(int size, boolean armored, int recipientCount) throws Exception {
        Path age = ExternalTools.require("age");
        List<AgeIdentity> identities = identities(recipientCount);
        byte[] plaintext = randomBytes(size, size * 31L + recipientCount);
        BackupEncryption encryption = BackupEncryption.toRecipients(
                identities.stream().map(AgeIdentity::recipient).toArray(AgeRecipient[]::new)).armored(armored);
        Path encrypted = dir.resolve("backline.age");
        try (OutputStream out = encryption.encrypt(Files.newOutputStream(encrypted))) {
            out.write(plaintext);
        }
        if (armored) {
            assertThat(Files.readString(encrypted, StandardCharsets.US_ASCII)).startsWith(
                    "-----BEGIN AGE ENCRYPTED FILE-----\n");
        }
        // Any one of the identities decrypts; use the last one, written as an age-keygen key file.
        Path keyFile = writeKeyFile(identities.get(recipientCount - 1));
        byte[] decrypted = Processes.run(dir, age.toString(), "-d", "-i", keyFile.toString(), encrypted.toString())
                .assertSuccess().stdout();
        assertThat(decrypted).isEqualTo(plaintext);
    }

    @ParameterizedTest(name = "size={0} armored={1} recipients={2}")
    @MethodSource("cases")
    void ageCliEncrypts_backlineDecrypts(int size, boolean armored, int recipientCount) throws Exception {
        Path age = ExternalTools.require("age");
        List<AgeIdentity> identities = identities(recipientCount);
        byte[] plaintext = randomBytes(size, size * 17L + recipientCount);
        Path input = dir.resolve("plain");
        Files.write(input, plaintext);
        Path encrypted = dir.resolve("cli.age");
        List<String> command = new ArrayList<>(List.of(age.toString()));
        if (armored) {
            command.add("-a");
        }
        for (AgeIdentity identity : identities) {
            command.add("-r");
            command.add(identity.recipient().encoded());
        }
        command.addAll(List.of("-o", encrypted.toString(), input.toString()));
        Processes.run(dir, null, command).assertSuccess();

        BackupEncryption encryption = BackupEncryption.withIdentities(identities.get(0));
        try (InputStream in = encryption.decrypt(Files.newInputStream(encrypted))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "size={0}")
    @MethodSource("passphraseSizes")
    void ageCliPassphraseEncrypts_backlineDecrypts(int size) throws Exception {
        Path age = ExternalTools.require("age");
        ExternalTools.require("script");
        byte[] plaintext = randomBytes(size, size);
        Path input = dir.resolve("plain");
        Files.write(input, plaintext);
        Path encrypted = dir.resolve("cli.age");
        // age -p reads the passphrase from a terminal only; script(1) provides one. age uses work factor 18.
        runWithTty("correct horse\ncorrect horse\n",
                age + " -p -o " + encrypted + " " + input);
        assertThat(Files.readString(encrypted.resolveSibling("cli.age"), StandardCharsets.ISO_8859_1))
                .contains("-> scrypt ");

        BackupEncryption encryption = BackupEncryption.withPassphrase("correct horse".toCharArray());
        try (InputStream in = encryption.decrypt(Files.newInputStream(encrypted))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "size={0} armored={1}")
    @MethodSource("passphraseCases")
    void backlinePassphraseEncrypts_ageCliDecrypts(int size, boolean armored) throws Exception {
        Path age = ExternalTools.require("age");
        ExternalTools.require("script");
        byte[] plaintext = randomBytes(size, size + 5L);
        Path encrypted = dir.resolve("backline.age");
        BackupEncryption encryption = BackupEncryption.withPassphrase("tr0ub4dor&3".toCharArray(), 10)
                .armored(armored);
        try (OutputStream out = encryption.encrypt(Files.newOutputStream(encrypted))) {
            out.write(plaintext);
        }
        Path decrypted = dir.resolve("decrypted");
        runWithTty("tr0ub4dor&3\n", age + " -d -o " + decrypted + " " + encrypted);
        // age creates the output file only when it writes a byte.
        byte[] result = Files.exists(decrypted) ? Files.readAllBytes(decrypted) : new byte[0];
        assertThat(result).isEqualTo(plaintext);
    }

    @Test
    void ageKeygenIdentityFile_isReadByBackline() throws Exception {
        Path age = ExternalTools.require("age");
        Path keygen = ExternalTools.require("age-keygen");
        Path keyFile = dir.resolve("key.txt");
        Processes.run(dir, keygen.toString(), "-o", keyFile.toString()).assertSuccess();
        String recipient = Processes.run(dir, keygen.toString(), "-y", keyFile.toString()).assertSuccess()
                .stdoutText().strip();
        List<AgeIdentity> identities = AgeIdentity.readFile(keyFile);
        assertThat(identities).hasSize(1);
        assertThat(identities.get(0).recipient().encoded()).isEqualTo(recipient);

        byte[] plaintext = randomBytes(1000, 1);
        Path input = dir.resolve("plain");
        Files.write(input, plaintext);
        Path encrypted = dir.resolve("cli.age");
        Processes.run(dir, age.toString(), "-r", recipient, "-o", encrypted.toString(), input.toString())
                .assertSuccess();
        try (InputStream in = BackupEncryption.withIdentities(keyFile).decrypt(Files.newInputStream(encrypted))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
        }
    }

    @Test
    void backlineKeyFile_isReadByAgeKeygen() throws Exception {
        Path keygen = ExternalTools.require("age-keygen");
        AgeIdentity identity = AgeKeys.generate();
        Path keyFile = writeKeyFile(identity);
        String recipient = Processes.run(dir, keygen.toString(), "-y", keyFile.toString()).assertSuccess()
                .stdoutText().strip();
        assertThat(recipient).isEqualTo(identity.recipient().encoded());
    }

    static Stream<Integer> passphraseSizes() {
        return Stream.of(0, 65536, 65537);
    }

    static Stream<Arguments> passphraseCases() {
        return Stream.of(Arguments.of(0, false), Arguments.of(65536, false), Arguments.of(131073, true),
                Arguments.of(1, true));
    }

    private void runWithTty(String input, String shellCommand) {
        Processes.run(dir, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                List.of("script", "-q", "-e", "-c", shellCommand, "/dev/null")).assertSuccess();
    }

    private Path writeKeyFile(AgeIdentity identity) throws IOException {
        Path keyFile = dir.resolve("key-" + identity.recipient().encoded().substring(4, 12) + ".txt");
        Files.writeString(keyFile, identity.toKeyFile(Instant.now()), StandardCharsets.US_ASCII);
        return keyFile;
    }

    private static List<AgeIdentity> identities(int count) {
        List<AgeIdentity> identities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            identities.add(AgeKeys.generate());
        }
        return identities;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
