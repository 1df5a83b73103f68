package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.ArtifactDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restorer verifies a backup at INTEGRITY before it touches the target, and refuses a backup that fails, saying
 * why; with the check turned off it streams straight into the target.
 */
class BackupRestorerVerifyTest {
    @TempDir
    Path temp;

    private Path repo;
    private LocalStorage storage;
    private BackupManifest manifest;

    /** A tree of one 300 kB file, stored uncompressed and unencrypted so a flipped byte lands in the file's data. */
    @BeforeEach
    void backup() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        Files.write(tree.resolve("data.bin"), data);
        repo = temp.resolve("repo");
        storage = LocalStorage.at(repo);
        manifest = BackupManager.builder().storage(storage).compression(Compression.none()).build()
                .backup(FileSource.of("files", tree)).orThrow().manifest().orElseThrow();
    }

    private BackupRestorer restorer(boolean verify) {
        return BackupRestorer.builder().storage(storage).verifyBeforeRestore(verify).build();
    }

    @Test
    void restore_ofAnUndamagedBackup_verifiesThenRestores() {
        RestoreResult result = restorer(true).restoreFiles(manifest.id(), temp.resolve("out"));

        assertThat(result.succeeded()).isTrue();
        assertThat(temp.resolve("out/data.bin")).hasSize(300_000);
    }

    @Test
    void restore_refusesABackupWhosePayloadWasDamagedBeforeItWasChecksummed_beforeTouchingTheTarget()
            throws IOException {
        flipByteAndReseal(200_000);

        RestoreResult result = restorer(true).restoreFiles(manifest.id(), temp.resolve("out"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(e).isInstanceOf(IntegrityException.class);
            assertThat(e.stage()).contains(Stage.CONTENT);
            assertThat(e.getMessage()).contains(manifest.ref(), "refused to restore",
                    "failed its INTEGRITY verification at stage CONTENT", "SHA-256");
        });
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void restore_refusesABackupWithoutItsSidecar_beforeTouchingTheTarget() throws IOException {
        Files.delete(repo.resolve("files").resolve(manifest.id() + ".sha256"));

        RestoreResult result = restorer(true).restoreFiles(manifest.id(), temp.resolve("out"));

        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(e.stage()).contains(Stage.CHECKSUM);
            assertThat(e.getMessage()).contains("refused to restore", "sidecar");
        });
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void restore_refusesAnEncryptedBackupTheIdentityDoesNotOpen_withAWrongKeyError(@TempDir Path other) {
        AgeIdentity owner = AgeKeys.generate();
        LocalStorage encrypted = LocalStorage.at(other.resolve("repo"));
        String id = BackupManager.builder().storage(encrypted).encryption(BackupEncryption.toRecipients(
                owner.recipient())).build().backup(FileSource.of("files", temp.resolve("tree"))).orThrow().id();

        RestoreResult result = BackupRestorer.builder().storage(encrypted)
                .encryption(BackupEncryption.withIdentities(AgeKeys.generate())).build()
                .restoreFiles(id, other.resolve("out"));

        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(e).isInstanceOf(WrongKeyException.class);
            assertThat(e.stage()).contains(Stage.DECRYPT);
            assertThat(e.getMessage()).contains("refused to restore");
        });
        assertThat(other.resolve("out")).doesNotExist();
    }

    @Test
    void restore_withVerifyBeforeRestoreOff_streamsIntoTheTarget_andFailsOnlyAtTheEnd() throws IOException {
        flipByteAndReseal(200_000);

        RestoreResult result = restorer(false).restoreFiles(manifest.id(), temp.resolve("out"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error().orElseThrow().getMessage()).doesNotContain("refused");
        assertThat(temp.resolve("out/data.bin")).as("the damaged file reached the target").exists();
    }

    private void flipByteAndReseal(int offset) throws IOException {
        ArtifactDamage.flipByteAndReseal(repo, manifest, offset);
    }
}
