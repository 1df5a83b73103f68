package io.backline.core.crypto;

import static io.backline.core.crypto.AgePropertiesTest.decrypt;
import static io.backline.core.crypto.AgePropertiesTest.encrypt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backline.core.crypto.AgeException.Kind;
import io.backline.core.manifest.BackupManifest.EncryptionInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurations: factories, environment, describe(), secret hygiene. */
class AgeEncryptionTest {
    @TempDir
    Path dir;

    @Test
    void toRecipients_encryptsButCannotDecrypt() throws Exception {
        AgeIdentity a = AgeKeys.generate();
        AgeIdentity b = AgeKeys.generate();
        AgeEncryption encryption = BackupEncryption.toRecipients(a.recipient().encoded(), b.recipient().encoded());
        assertThat(encryption.encrypts()).isTrue();
        assertThat(encryption.canDecrypt()).isFalse();
        assertThat(encryption.artifactSuffix()).isEqualTo(".age");
        byte[] encrypted = encrypt(encryption, "hello".getBytes(StandardCharsets.UTF_8));

        AgeException e = catchThrowableOfType(AgeException.class,
                () -> encryption.decrypt(new ByteArrayInputStream(encrypted)));
        assertThat(e.kind()).isEqualTo(Kind.NO_MATCH);
        assertThat(e).hasMessageContaining("no identity");
        assertThat(decrypt(BackupEncryption.withIdentities(b), encrypted, 10)).asString().isEqualTo("hello");
    }

    @Test
    void toRecipients_rejectsInvalidOrMissingRecipients() {
        assertThatThrownBy(() -> BackupEncryption.toRecipients(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> BackupEncryption.toRecipients("age1nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("age1nope");
    }

    @Test
    void describe_listsRecipientsOrScrypt() {
        AgeIdentity a = AgeKeys.generate();
        assertThat(BackupEncryption.withIdentities(a).describe())
                .isEqualTo(new EncryptionInfo("age-v1", List.of(a.recipient().encoded())));
        assertThat(BackupEncryption.withPassphrase("pw".toCharArray(), 5).describe())
                .isEqualTo(new EncryptionInfo("age-v1", List.of("scrypt")));
        assertThat(BackupEncryption.none().describe().encrypted()).isFalse();
    }

    @Test
    void withIdentities_encryptsToTheirRecipientsAndDecrypts() throws Exception {
        AgeIdentity a = AgeKeys.generate();
        AgeEncryption encryption = BackupEncryption.withIdentities(a.toKeyFile(Instant.now()));
        assertThat(encryption.canDecrypt()).isTrue();
        assertThat(encryption.recipients()).containsExactly(a.recipient());
        byte[] plaintext = AgePropertiesTest.random(200_000, 3);
        assertThat(decrypt(encryption, encrypt(encryption, plaintext), 4096)).isEqualTo(plaintext);
    }

    @Test
    void withPassphrase_validatesItsArguments() {
        assertThatThrownBy(() -> BackupEncryption.withPassphrase(new char[0]))
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> BackupEncryption.withPassphrase("pw".toCharArray(), 23))
                .hasMessage("workFactor needs to be between 1 and 22, not 23");
        assertThatThrownBy(() -> BackupEncryption.withPassphrase("pw".toCharArray(), 0))
                .hasMessage("workFactor needs to be between 1 and 22, not 0");
    }

    @Test
    void withPassphrase_copiesThePassphrase() throws Exception {
        char[] passphrase = "hunter22".toCharArray();
        AgeEncryption encryption = BackupEncryption.withPassphrase(passphrase, 4);
        java.util.Arrays.fill(passphrase, '\0');
        byte[] encrypted = encrypt(encryption, new byte[] {1, 2, 3});
        assertThat(decrypt(BackupEncryption.withPassphrase("hunter22".toCharArray(), 4), encrypted, 8))
                .containsExactly(1, 2, 3);
    }

    @Test
    void decrypt_withWrongPassphrase_givesNoMatch() throws Exception {
        byte[] encrypted = encrypt(BackupEncryption.withPassphrase("right".toCharArray(), 4), new byte[10]);
        AgeException e = catchThrowableOfType(AgeException.class,
                () -> decrypt(BackupEncryption.withPassphrase("wrong".toCharArray(), 4), encrypted, 8));
        assertThat(e.kind()).isEqualTo(Kind.NO_MATCH);
        assertThat(e).hasMessageNotContaining("right").hasMessageNotContaining("wrong\"");
    }

    @Test
    void decrypt_withIdentityOnPassphraseFile_givesNoMatch() throws Exception {
        byte[] encrypted = encrypt(BackupEncryption.withPassphrase("pw".toCharArray(), 4), new byte[10]);
        AgeException e = catchThrowableOfType(AgeException.class,
                () -> decrypt(BackupEncryption.withIdentities(AgeKeys.generate()), encrypted, 8));
        assertThat(e.kind()).isEqualTo(Kind.NO_MATCH);
        assertThat(e).hasMessageContaining("passphrase-encrypted");
    }

    @Test
    void decrypt_rejectsScryptWorkFactorAboveTheLimit() throws Exception {
        byte[] encrypted = encrypt(BackupEncryption.withPassphrase("pw".toCharArray(), 10), new byte[10]);
        AgeEncryption limited = BackupEncryption.withPassphrase("pw".toCharArray(), 4).maxScryptWorkFactor(9);
        AgeException e = catchThrowableOfType(AgeException.class, () -> decrypt(limited, encrypted, 8));
        assertThat(e.kind()).isEqualTo(Kind.HEADER);
        assertThat(e).hasMessageContaining("work factor 10 is above the limit of 9");
        assertThat(decrypt(limited.maxScryptWorkFactor(10), encrypted, 8)).hasSize(10);
        assertThatThrownBy(() -> limited.maxScryptWorkFactor(31)).hasMessageContaining("not 31");
    }

    @Test
    void armored_writesStrictArmor() throws Exception {
        AgeIdentity identity = AgeKeys.generate();
        AgeEncryption encryption = BackupEncryption.withIdentities(identity).armored(true);
        String text = new String(encrypt(encryption, new byte[100_000]), StandardCharsets.US_ASCII);
        assertThat(text).startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n")
                .endsWith("\n-----END AGE ENCRYPTED FILE-----\n");
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length - 2; i++) {
            assertThat(lines[i]).hasSize(64);
        }
        assertThat(lines[lines.length - 2].length()).isBetween(1, 64);
        assertThat(encryption.armored()).isTrue();
        assertThat(encryption.armored(false).armored()).isFalse();
    }

    @Test
    void toString_neverShowsSecrets() {
        AgeIdentity identity = AgeKeys.generate();
        String secret = identity.encoded();
        AgeEncryption withIdentity = BackupEncryption.withIdentities(identity);
        assertThat(withIdentity.toString()).doesNotContain(secret).doesNotContain(secret.substring(16, 40))
                .contains(identity.recipient().encoded()).contains("redacted");
        AgeEncryption withPassphrase = BackupEncryption.withPassphrase("correct horse battery".toCharArray());
        assertThat(withPassphrase.toString()).doesNotContain("correct").doesNotContain("horse").contains("redacted");
        assertThat(withPassphrase.describe().toString()).doesNotContain("horse");
        assertThat(BackupEncryption.none().toString()).isEqualTo("BackupEncryption.none()");
    }

    @Test
    void fromEnv_withNothingSet_namesTheVariables() {
        assertThatThrownBy(() -> BackupEncryption.fromEnv(Map.of("BACKLINE_AGE_RECIPIENTS", " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BACKLINE_AGE_RECIPIENTS").hasMessageContaining("BACKLINE_AGE_RECIPIENTS_FILE")
                .hasMessageContaining("BACKLINE_AGE_IDENTITY").hasMessageContaining("BACKLINE_AGE_IDENTITY_FILE")
                .hasMessageContaining("BACKLINE_PASSPHRASE").hasMessageContaining("BACKLINE_PASSPHRASE_FILE");
    }

    @Test
    void fromEnv_readsRecipientsSeparatedByCommasOrWhitespaceAndFromAFile() throws Exception {
        AgeIdentity a = AgeKeys.generate();
        AgeIdentity b = AgeKeys.generate();
        AgeIdentity c = AgeKeys.generate();
        Path file = dir.resolve("recipients.txt");
        Files.writeString(file, "# escrow\n" + c.recipient() + "\n\n");
        AgeEncryption encryption = BackupEncryption.fromEnv(Map.of(
                "BACKLINE_AGE_RECIPIENTS", a.recipient() + ",\n " + b.recipient(),
                "BACKLINE_AGE_RECIPIENTS_FILE", file.toString()));
        assertThat(encryption.recipients()).containsExactly(a.recipient(), b.recipient(), c.recipient());
        assertThat(encryption.canDecrypt()).isFalse();
    }

    @Test
    void fromEnv_readsAnIdentityFileAndDecrypts() throws Exception {
        AgeIdentity identity = AgeKeys.generate();
        Path file = dir.resolve("key.txt");
        Files.writeString(file, identity.toKeyFile(Instant.now()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AgeEncryption encryption = BackupEncryption.fromEnv(Map.of("BACKLINE_AGE_IDENTITY_FILE", file.toString()));
        assertThat(encryption.canDecrypt()).isTrue();
        assertThat(encryption.recipients()).containsExactly(identity.recipient());
        byte[] encrypted = encrypt(BackupEncryption.toRecipients(identity.recipient()), new byte[] {7});
        assertThat(decrypt(encryption, encrypted, 1)).containsExactly(7);
    }

    @Test
    void fromEnv_withRecipientsAndIdentity_encryptsToTheRecipients() {
        AgeIdentity identity = AgeKeys.generate();
        AgeIdentity escrow = AgeKeys.generate();
        AgeEncryption encryption = BackupEncryption.fromEnv(Map.of(
                "BACKLINE_AGE_IDENTITY", identity.encoded(),
                "BACKLINE_AGE_RECIPIENTS", escrow.recipient().encoded()));
        assertThat(encryption.recipients()).containsExactly(escrow.recipient());
        assertThat(encryption.canDecrypt()).isTrue();
    }

    @Test
    void fromEnv_readsThePassphraseFileWithoutItsNewline() throws Exception {
        Path file = dir.resolve("pass");
        Files.writeString(file, "open sesame\n");
        AgeEncryption fromFile = BackupEncryption.fromEnv(Map.of("BACKLINE_PASSPHRASE_FILE", file.toString()));
        assertThat(fromFile.passphraseMode()).isTrue();
        byte[] encrypted = encrypt(BackupEncryption.withPassphrase("open sesame".toCharArray(), 4), new byte[] {9});
        assertThat(decrypt(fromFile, encrypted, 1)).containsExactly(9);
        AgeEncryption direct = BackupEncryption.fromEnv(Map.of("BACKLINE_PASSPHRASE", "open sesame"));
        assertThat(decrypt(direct, encrypted, 1)).containsExactly(9);
    }

    @Test
    void fromEnv_rejectsPassphraseTogetherWithKeys() {
        AgeIdentity identity = AgeKeys.generate();
        assertThatThrownBy(() -> BackupEncryption.fromEnv(Map.of(
                "BACKLINE_PASSPHRASE", "pw", "BACKLINE_AGE_RECIPIENTS", identity.recipient().encoded())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
    }

    @Test
    void fromEnv_reportsBadValuesWithoutLeakingSecrets() {
        assertThatThrownBy(() -> BackupEncryption.fromEnv(Map.of("BACKLINE_AGE_IDENTITY",
                "AGE-SECRET-KEY-1SUPERSECRETVALUE")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BACKLINE_AGE_IDENTITY")
                .hasMessageNotContaining("SUPERSECRET");
        assertThatThrownBy(() -> BackupEncryption.fromEnv(Map.of("BACKLINE_AGE_RECIPIENTS", "age1bad")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BACKLINE_AGE_RECIPIENTS");
        assertThatThrownBy(() -> BackupEncryption.fromEnv(Map.of("BACKLINE_AGE_IDENTITY_FILE",
                dir.resolve("missing.txt").toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BACKLINE_AGE_IDENTITY_FILE")
                .hasMessageContaining("missing.txt");
    }

    @Test
    void closedIdentity_makesDecryptionFailClearly() throws Exception {
        AgeIdentity identity = AgeKeys.generate();
        AgeEncryption encryption = BackupEncryption.withIdentities(identity);
        byte[] encrypted = encrypt(encryption, new byte[1]);
        identity.close();
        assertThatThrownBy(() -> decrypt(encryption, encrypted, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
