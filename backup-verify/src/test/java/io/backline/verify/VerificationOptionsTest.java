package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.BackupException;
import io.backline.core.Compression;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options in the spirit of the original, skips that are never passes, and the API's edges. */
class VerificationOptionsTest {
    @TempDir
    Path temp;

    private AgeIdentity identity;
    private TestRepo repo;
    private BackupManifest manifest;

    @BeforeEach
    void encryptedBackup() {
        identity = AgeKeys.generate();
        repo = new TestRepo(temp.resolve("repo"), BackupEncryption.toRecipients(identity.recipient()),
                Compression.zstd(3), Clock.systemUTC());
        manifest = repo.backup(GeneratedSource.of("orders-db", 300_000));
    }

    private BackupVerifier.Builder verifier() {
        return BackupVerifier.builder().storage(repo.storage).tempDir(temp)
                .encryption(BackupEncryption.withIdentities(identity));
    }

    @Test
    void verify_atIntegrity_isSkippedNotPassed_whenTheVerifierHoldsNoKey() {
        VerificationResult result = verifier().encryption(BackupEncryption.none()).build()
                .verify(manifest.ref(), VerificationLevel.INTEGRITY);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.levelReached()).contains(VerificationLevel.CHECKSUM);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("no identity"));
    }

    @Test
    void verify_withVerifyChecksumOff_skipsTheChecksumPass_andStillPassesIntegrity() {
        VerificationResult result = verifier().verifyChecksum(false).build()
                .verify(manifest.ref(), VerificationLevel.INTEGRITY);

        assertThat(result.passed()).isTrue();
        assertThat(result.stages()).extracting(s -> s.stage() + " " + s.outcome())
                .containsExactly("CHECKSUM SKIPPED", "INTEGRITY PASSED");
        assertThat(result.bytesRead()).isEqualTo(manifest.artifact().storedBytes());
    }

    @Test
    void verify_withVerifyCompressionOff_authenticatesEveryChunkWithoutDecompressing() {
        AgeGeometry age = AgeGeometry.of(TestRepo.read(repo.artifact(manifest)));
        BackupVerifier verifier = verifier().verifyCompression(false).build();

        VerificationResult good = verifier.verify(manifest.ref(), VerificationLevel.INTEGRITY);
        repo.flipByte(manifest, age.length - 2);
        repo.reseal(manifest);
        VerificationResult damaged = verifier.verify(manifest.ref(), VerificationLevel.INTEGRITY);

        assertThat(good.passed()).isTrue();
        assertThat(good.stages().get(1).message()).contains("not decompressed");
        assertThat(damaged.failedLevel()).contains(VerificationLevel.INTEGRITY);
        assertThat(damaged.stage()).contains(Stage.DECRYPT);
    }

    @Test
    void verify_withVerifyEncryptionOff_skipsIntegrityOfEncryptedBackups() {
        VerificationResult result = verifier().verifyEncryption(false).build()
                .verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.stages()).extracting(s -> s.stage() + " " + s.outcome())
                .containsExactly("CHECKSUM PASSED", "INTEGRITY SKIPPED", "CONTENT SKIPPED");
    }

    @Test
    void verify_ofAFailedAttempt_isSkippedWithTheReason() {
        String failed = repo.manager().backup(GeneratedSource.failing("orders-db", 100_000,
                new IOException("disk full"))).ref();

        VerificationResult result = verifier().build().verify(failed, VerificationLevel.CHECKSUM);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("FAILED"));
    }

    @Test
    void verify_ofAnUnknownBackup_throwsNotFound() {
        assertThatThrownBy(() -> verifier().build().verify("orders-db/20260101T000000Z-aaaaaaaa",
                VerificationLevel.CHECKSUM)).isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void verifyOrThrow_throwsTheFailure_namingTheStage() {
        repo.deleteSidecar(manifest);

        assertThatThrownBy(() -> verifier().build().verifyOrThrow(manifest.id(), VerificationLevel.INTEGRITY))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.stage()).contains(Stage.CHECKSUM);
                    assertThat(e.getMessage()).contains(manifest.ref(), "sidecar");
                });
    }

    @Test
    void verify_tellsEveryListener_andAThrowingListenerBreaksNothing() {
        List<VerificationResult> heard = new ArrayList<>();
        BackupVerifier verifier = verifier().listener(result -> {
            throw new IllegalStateException("listener bug");
        }).listener(heard::add).build();

        VerificationResult result = verifier.verify(manifest.ref(), VerificationLevel.INTEGRITY);

        assertThat(result.passed()).isTrue();
        assertThat(heard).containsExactly(result);
    }

    @Test
    void builder_failsFast_withPreciseMessages() {
        assertThatThrownBy(() -> BackupVerifier.builder().build()).hasMessageContaining("storage needs to be set");
        assertThatThrownBy(() -> BackupVerifier.builder().byteBudget(-1)).hasMessageContaining("byteBudget");
        assertThatThrownBy(() -> VerificationLevel.parse("deep")).hasMessageContaining("not 'deep'");
        assertThat(VerificationLevel.parse("restore")).isEqualTo(VerificationLevel.TEST_RESTORE);
        assertThat(verifier().build().toString()).doesNotContain("AGE-SECRET-KEY");
    }
}
