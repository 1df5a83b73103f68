package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.ExternalTools;
import io.backline.core.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3 through the whole pipeline: write-only backups to age recipients, restores with identities. */
class EncryptedBackupTest {
    @TempDir
    Path temp;

    private AgeIdentity operations;
    private AgeIdentity escrow;
    private Path data;
    private Path repo;

    @BeforeEach
    void keysAndTree() throws IOException {
        operations = AgeKeys.generate();
        escrow = AgeKeys.generate();
        data = Files.createDirectories(temp.resolve("data/dir"));
        Files.writeString(data.resolve("a.txt"), "payload ".repeat(50_000));
        byte[] random = new byte[300_000];
        new java.util.Random(1).nextBytes(random);
        Files.write(data.resolve("b.bin"), random);
        data = temp.resolve("data");
        repo = temp.resolve("repo");
    }

    @AfterEach
    void wipe() {
        operations.close();
        escrow.close();
    }

    private BackupResult backupTo(BackupEncryption encryption) {
        return BackupManager.builder().storage(LocalStorage.at(repo)).compression(Compression.zstd(3))
                .encryption(encryption).build().backup(FileSource.of("files", data)).orThrow();
    }

    private BackupRestorer restorer(BackupEncryption encryption, boolean precheck) {
        return BackupRestorer.builder().storage(LocalStorage.at(repo)).encryption(encryption)
                .verifyBeforeRestore(precheck).build();
    }

    private Path artifact(BackupResult result) {
        return repo.resolve("files").resolve(result.manifest().orElseThrow().artifact().name());
    }

    @Test
    void backupToTwoRecipients_needsNoSecret_andEitherIdentityRestoresIt() throws IOException {
        BackupResult result = backupTo(BackupEncryption.toRecipients(operations.recipient().toString(),
                escrow.recipient().toString()));

        BackupManifest manifest = result.manifest().orElseThrow();
        assertThat(manifest.artifact().name()).endsWith(".tar.zst.age");
        assertThat(manifest.encryption().format()).isEqualTo("age-v1");
        assertThat(manifest.encryption().recipients()).containsExactly(operations.recipient().toString(),
                escrow.recipient().toString());
        assertThat(Files.readString(artifact(result), StandardCharsets.ISO_8859_1))
                .startsWith("age-encryption.org/v1\n");
        for (AgeIdentity identity : List.of(operations, escrow)) {
            Path target = temp.resolve("restored-" + identity.recipient().toString().substring(4, 12));
            restorer(BackupEncryption.withIdentities(identity), true).restoreFiles(result.id(), target).orThrow();
            assertThat(StockToolsInteropTest.tree(target)).isEqualTo(StockToolsInteropTest.tree(data));
        }
    }

    @Test
    void restoreWithoutAnyKey_failsBeforeTouchingTheTarget_withWrongKey() {
        BackupResult result = backupTo(BackupEncryption.toRecipients(operations.recipient().toString()));
        Path target = temp.resolve("target");

        RestoreResult restore = restorer(BackupEncryption.none(), true).restoreFiles(result.id(), target);

        assertThat(restore.error().orElseThrow()).isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("files/" + result.id());
        assertThat(target).doesNotExist();
    }

    @Test
    void restoreWithTheWrongIdentity_failsWithWrongKeyNamingTheBackup() {
        BackupResult result = backupTo(BackupEncryption.toRecipients(operations.recipient().toString()));

        try (AgeIdentity stranger = AgeKeys.generate()) {
            RestoreResult restore = restorer(BackupEncryption.withIdentities(stranger), true)
                    .restoreFiles(result.id(), temp.resolve("target"));

            BackupException error = restore.error().orElseThrow();
            assertThat(error).isInstanceOf(WrongKeyException.class);
            assertThat(error.code()).isEqualTo(ErrorCode.WRONG_KEY);
            assertThat(error.stage()).contains(Stage.DECRYPT);
            assertThat(error.getMessage()).contains("files/" + result.id()).doesNotContain("AGE-SECRET-KEY");
        }
    }

    @Test
    void aModifiedByte_isAnIntegrityErrorAtDecrypt_andTheVerifyingPassRefusesItBeforeTheTarget() throws IOException {
        BackupResult result = backupTo(BackupEncryption.toRecipients(operations.recipient().toString()));
        byte[] bytes = Files.readAllBytes(artifact(result));
        bytes[bytes.length - 100] ^= 0x20;
        Files.write(artifact(result), bytes);

        RestoreResult unchecked = restorer(BackupEncryption.withIdentities(operations), false)
                .restoreFiles(result.id(), temp.resolve("t1"));
        RestoreResult checked = restorer(BackupEncryption.withIdentities(operations), true)
                .restoreFiles(result.id(), temp.resolve("t2"));

        assertThat(unchecked.error().orElseThrow()).isInstanceOf(IntegrityException.class);
        assertThat(unchecked.error().orElseThrow().stage()).contains(Stage.DECRYPT);
        assertThat(checked.error().orElseThrow()).isInstanceOf(IntegrityException.class);
        assertThat(checked.error().orElseThrow().stage()).contains(Stage.DECRYPT);
        assertThat(Files.notExists(temp.resolve("t2")) || isEmptyDirectory(temp.resolve("t2")))
                .as("refused before anything was written into the target").isTrue();
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    @Test
    void aTruncatedArtifact_isDetected() throws IOException {
        BackupResult result = backupTo(BackupEncryption.toRecipients(operations.recipient().toString()));
        byte[] bytes = Files.readAllBytes(artifact(result));
        // cut exactly at a chunk boundary of the encrypted stream's tail so only the missing last chunk betrays it
        Files.write(artifact(result), java.util.Arrays.copyOf(bytes, bytes.length - 40));

        RestoreResult restore = restorer(BackupEncryption.withIdentities(operations), false)
                .restoreFiles(result.id(), temp.resolve("t"));

        assertThat(restore.error().orElseThrow()).isInstanceOf(IntegrityException.class);
        assertThat(restore.error().orElseThrow().getMessage()).contains("files/" + result.id());
    }

    @Test
    void passphraseBackup_recordsScrypt_andRestoresWithThePassphrase() {
        BackupResult result = backupTo(BackupEncryption.withPassphrase("correct horse".toCharArray(), 10));

        assertThat(result.manifest().orElseThrow().encryption().recipients()).containsExactly("scrypt");
        restorer(BackupEncryption.withPassphrase("correct horse".toCharArray()), true)
                .restoreFiles(result.id(), temp.resolve("t")).orThrow();
        RestoreResult wrong = restorer(BackupEncryption.withPassphrase("battery staple".toCharArray()), true)
                .restoreFiles(result.id(), temp.resolve("t2"));
        assertThat(wrong.error().orElseThrow()).isInstanceOf(WrongKeyException.class);
    }

    @Test
    void manifestAndSidecar_holdNoSecret() throws IOException {
        BackupResult result = backupTo(BackupEncryption.withIdentities(operations));

        for (Path file : List.of(repo.resolve("files/" + result.id() + ".manifest.json"),
                repo.resolve("files/" + result.id() + ".sha256"))) {
            assertThat(Files.readString(file)).doesNotContain("AGE-SECRET-KEY").doesNotContain(operations.encoded());
        }
    }

    @Test
    void wholeBackup_isRestoredByStockAgeZstdAndTarAlone() throws IOException {
        ExternalTools.require("age");
        ExternalTools.require("zstd");
        ExternalTools.require("tar");
        BackupResult result = backupTo(BackupEncryption.toRecipients(operations.recipient().toString()));
        Path key = temp.resolve("key.txt");
        Files.writeString(key, operations.toKeyFile(Instant.now()));
        Path out = Files.createDirectories(temp.resolve("stock"));

        Processes.run(out, null, List.of("sh", "-c", "age -d -i '" + key + "' '" + artifact(result)
                + "' | zstd -d | tar -xf -")).assertSuccess();

        assertThat(StockToolsInteropTest.tree(out)).isEqualTo(StockToolsInteropTest.tree(data));
    }
}
