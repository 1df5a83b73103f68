package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.BackupReader;
import io.backline.core.Compression;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.manifest.VerificationRecord.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of damage to an encrypted artifact is caught by the first level that can catch it, and the result and
 * the record name the stage. Damage to the stored bytes is always caught at CHECKSUM; the same damage made before the
 * checksum was taken ("resealed": manifest and sidecar agree with the damaged bytes) is caught at INTEGRITY, naming
 * DECRYPT. A wrong identity passes CHECKSUM (it needs no key) and fails INTEGRITY.
 */
class VerificationDamageTest {
    private static final int PAYLOAD = 200 * 1024; // four age chunks: 64 KiB, 64 KiB, 64 KiB, 8 KiB

    @TempDir
    Path temp;

    private AgeIdentity identity;
    private TestRepo repo;
    private BackupManifest manifest;
    private AgeGeometry age;

    @BeforeEach
    void backUpFourChunks() {
        identity = AgeKeys.generate();
        repo = new TestRepo(temp.resolve("repo"), BackupEncryption.toRecipients(identity.recipient()),
                Compression.none(), Clock.systemUTC());
        manifest = repo.backup(StreamSource.database("blob", "raw", "bin", TestRepo.randomBytes(PAYLOAD, 1),
                List.of()));
        age = AgeGeometry.of(TestRepo.read(repo.artifact(manifest)));
        assertThat(age.chunks()).isEqualTo(4);
    }

    private BackupVerifier verifier(BackupEncryption encryption) {
        return BackupVerifier.builder().storage(repo.storage).encryption(encryption).tempDir(temp).build();
    }

    private VerificationResult verify(VerificationLevel level) {
        return verifier(BackupEncryption.withIdentities(identity)).verify(manifest.ref(), level);
    }

    @Test
    void verify_anUndamagedBackup_passesIntegrity_readingTheArtifactOnce_andRecordsEveryStage() {
        VerificationResult result = verify(VerificationLevel.INTEGRITY);

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.levelReached()).contains(VerificationLevel.INTEGRITY);
        assertThat(result.stages()).extracting(VerificationRecord.StageResult::stage)
                .containsExactly("CHECKSUM", "INTEGRITY");
        assertThat(result.bytesRead()).as("CHECKSUM is computed in the INTEGRITY pass")
                .isEqualTo(manifest.artifact().storedBytes());
        List<VerificationRecord> records = BackupReader.of(repo.storage, BackupEncryption.none())
                .verifications("blob");
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.backupId()).isEqualTo(manifest.id());
            assertThat(record.level()).isEqualTo("INTEGRITY");
            assertThat(record.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(record.failure()).isNull();
            assertThat(record.host()).isNotNull();
        });
    }

    @Test
    void verify_atChecksum_catchesAFlippedByteInTheHeader() {
        repo.flipByte(manifest, age.headerEnd - 5);

        assertCaughtAtChecksum(verify(VerificationLevel.CHECKSUM));
    }

    @Test
    void verify_atIntegrity_stillNamesChecksum_forAFlippedByteTheChecksumsDisagreeWith() {
        repo.flipByte(manifest, age.chunk(1) + 1000);

        VerificationResult result = verify(VerificationLevel.INTEGRITY);

        assertCaughtAtChecksum(result);
        assertThat(result.stages()).extracting(VerificationRecord.StageResult::stage).containsExactly("CHECKSUM");
    }

    @Test
    void verify_atIntegrity_catchesAFlippedByteInTheHeader_whenTheChecksumsAgreeWithIt() {
        repo.flipByte(manifest, age.headerEnd - 5);
        repo.reseal(manifest);

        assertCaughtAtIntegrity(verify(VerificationLevel.INTEGRITY), ErrorCode.INTEGRITY);
    }

    @Test
    void verify_atChecksum_catchesAFlippedByteInAMiddleChunk() {
        repo.flipByte(manifest, age.chunk(1) + 1000);

        assertCaughtAtChecksum(verify(VerificationLevel.CHECKSUM));
    }

    @Test
    void verify_atIntegrity_catchesAFlippedByteInAMiddleChunk_whenTheChecksumsAgreeWithIt() {
        repo.flipByte(manifest, age.chunk(1) + 1000);
        repo.reseal(manifest);

        VerificationResult result = verify(VerificationLevel.INTEGRITY);

        assertCaughtAtIntegrity(result, ErrorCode.INTEGRITY);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("payload"));
    }

    @Test
    void verify_atChecksum_catchesAFlippedByteInTheLastChunk() {
        repo.flipByte(manifest, age.length - 3);

        assertCaughtAtChecksum(verify(VerificationLevel.CHECKSUM));
    }

    @Test
    void verify_atIntegrity_catchesAFlippedByteInTheLastChunk_whenTheChecksumsAgreeWithIt() {
        repo.flipByte(manifest, age.length - 3);
        repo.reseal(manifest);

        assertCaughtAtIntegrity(verify(VerificationLevel.INTEGRITY), ErrorCode.INTEGRITY);
    }

    @Test
    void verify_atChecksum_catchesATruncatedArtifact() {
        repo.truncate(manifest, age.chunk(2) + 100);

        VerificationResult result = verify(VerificationLevel.CHECKSUM);

        assertCaughtAtChecksum(result);
        assertThat(result.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains((age.chunk(2) + 100) + " bytes"));
    }

    @Test
    void verify_atIntegrity_catchesATruncatedArtifact_whenTheChecksumsAgreeWithIt() {
        repo.truncate(manifest, age.chunk(3));
        repo.reseal(manifest);

        assertCaughtAtIntegrity(verify(VerificationLevel.INTEGRITY), ErrorCode.INTEGRITY);
    }

    @Test
    void verify_atChecksum_catchesTwoSwappedChunks() {
        repo.swap(manifest, age.chunk(0), age.chunk(1), AgeGeometry.CHUNK);

        assertCaughtAtChecksum(verify(VerificationLevel.CHECKSUM));
    }

    @Test
    void verify_atIntegrity_catchesTwoSwappedChunks_whenTheChecksumsAgreeWithThem() {
        repo.swap(manifest, age.chunk(0), age.chunk(1), AgeGeometry.CHUNK);
        repo.reseal(manifest);

        assertCaughtAtIntegrity(verify(VerificationLevel.INTEGRITY), ErrorCode.INTEGRITY);
    }

    @Test
    void verify_atIntegrity_catchesAWrongIdentity_afterChecksumPassedWithoutAKey() {
        BackupVerifier wrongKey = verifier(BackupEncryption.withIdentities(AgeKeys.generate()));

        VerificationResult result = wrongKey.verify(manifest.ref(), VerificationLevel.INTEGRITY);

        assertCaughtAtIntegrity(result, ErrorCode.WRONG_KEY);
        assertThat(result.stages().get(0).outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void verify_atChecksum_catchesADeletedSidecar() {
        repo.deleteSidecar(manifest);

        VerificationResult result = verify(VerificationLevel.CHECKSUM);

        assertCaughtAtChecksum(result);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("sidecar"));
    }

    @Test
    void verify_atChecksum_catchesAManifestWhoseSha256WasChanged() {
        repo.changeManifestSha256(manifest);

        VerificationResult result = verify(VerificationLevel.CHECKSUM);

        assertCaughtAtChecksum(result);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("sidecar says"));
    }

    @Test
    void verify_atChecksum_needsNoKey_soAMonitoringHostCanRunIt() {
        VerificationResult result = verifier(BackupEncryption.none()).verify(manifest.ref(),
                VerificationLevel.CHECKSUM);

        assertThat(result.passed()).isTrue();
        assertThat(result.bytesRead()).isEqualTo(manifest.artifact().storedBytes());
    }

    private void assertCaughtAtChecksum(VerificationResult result) {
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.CHECKSUM);
        assertThat(result.stage()).contains(Stage.CHECKSUM);
        assertThat(result.levelReached()).isEmpty();
        assertThat(result.record().failure().stage()).isEqualTo("CHECKSUM");
        assertThat(result.recordKey()).isPresent();
    }

    private void assertCaughtAtIntegrity(VerificationResult result, ErrorCode code) {
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.INTEGRITY);
        assertThat(result.levelReached()).contains(VerificationLevel.CHECKSUM);
        assertThat(result.stage()).contains(Stage.DECRYPT);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(code));
        assertThat(result.record().failure().stage()).isEqualTo("DECRYPT");
        assertThat(result.record().failure().message()).doesNotContain("AGE-SECRET-KEY");
    }
}
