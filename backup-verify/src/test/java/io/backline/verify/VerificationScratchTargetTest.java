package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.testing.GeneratedSource;
import io.backline.verify.spi.ScratchContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TEST_RESTORE through the scratch-target SPI: order of calls, comparison with the manifest, and cleanup always. */
class VerificationScratchTargetTest {
    @TempDir
    Path temp;

    private TestRepo repo;
    private FakeScratchTargets fake;
    private BackupManifest database;

    @BeforeEach
    void repository() {
        repo = new TestRepo(temp.resolve("repo"));
        fake = new FakeScratchTargets();
        database = repo.backup(GeneratedSource.of("orders-db", 300_000));
    }

    private BackupVerifier verifier() {
        return BackupVerifier.builder().storage(repo.storage).tempDir(temp).scratchTargets(fake,
                DirectoryScratchTargets.under(temp.resolve("drills"))).build();
    }

    @Test
    void verify_atTestRestore_createsRestoresInspectsAndClosesTheScratchTarget_inThatOrder() {
        VerificationResult result = verifier().verify(database.ref(), VerificationLevel.TEST_RESTORE);

        String scratch = ScratchContext.scratchNameFor(database.id());
        assertThat(scratch).startsWith("backline_verify_").matches("[a-z0-9_]{1,63}");
        assertThat(fake.calls).containsExactly("create " + scratch, "prepare", "restore", "inspect", "close");
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.levelReached()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.stages()).extracting(s -> s.stage() + " " + s.outcome()).containsExactly(
                "CHECKSUM PASSED", "INTEGRITY PASSED", "CONTENT SKIPPED", "TEST_RESTORE PASSED");
    }

    @Test
    void verify_atTestRestore_failsOnARowCountMismatch_andStillClosesTheScratchTarget() {
        fake.rows = rows -> rows - 1;

        VerificationResult result = verifier().verify(database.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.stage()).contains(Stage.RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("public.blocks has 3 rows restored, the manifest records 4"));
        assertThat(fake.calls).last().isEqualTo("close");
    }

    @Test
    void verify_atTestRestore_failsWhenTheRestoreThrows_andStillClosesTheScratchTarget() {
        fake.failRestore = true;

        VerificationResult result = verifier().verify(database.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.stage()).contains(Stage.RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("went away"));
        assertThat(fake.calls).containsExactly("create " + ScratchContext.scratchNameFor(database.id()), "prepare",
                "restore", "close");
    }

    @Test
    void verify_atTestRestore_failsWithoutRestoring_whenTheScratchPlaceCannotBeCreated() {
        fake.failCreate = true;

        VerificationResult result = verifier().verify(database.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("refused CREATE"));
        assertThat(fake.calls).hasSize(1);
    }

    @Test
    void verify_atTestRestore_reportsAScratchPlaceThatCannotBeRemoved_asAWarning() {
        fake.failClose = true;

        VerificationResult result = verifier().verify(database.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.passed()).isTrue();
        assertThat(result.warnings()).singleElement().asString().contains("could not be removed", "timed out");
    }

    @Test
    void verify_atTestRestore_isSkippedWithItsReason_notPassed_whenNoScratchTargetIsConfigured() {
        BackupVerifier withoutScratch = BackupVerifier.builder().storage(repo.storage).tempDir(temp).build();

        VerificationResult result = withoutScratch.verify(database.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.levelReached()).contains(VerificationLevel.INTEGRITY);
        assertThat(result.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("no scratch target is configured for database backups"));
        assertThat(result.record().outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void verify_atTestRestore_isSkipped_whenTestRestoreIsTurnedOff() {
        BackupVerifier off = BackupVerifier.builder().storage(repo.storage).tempDir(temp).scratchTargets(fake)
                .testRestore(false).build();

        VerificationResult result = off.verify(database.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("testRestore is off"));
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void verify_atTestRestore_restoresATreeIntoAScratchDirectory_matchesTheManifest_andRemovesIt() throws IOException {
        BackupManifest tree = repo.backupTree("site", TestRepo.tree(temp.resolve("site")));

        VerificationResult result = verifier().verify(tree.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.passed()).isTrue();
        assertThat(result.stages().get(3).message()).contains("5 files", "2 directories", "1 symlinks");
        assertThat(drills()).isEmpty();
    }

    @Test
    void verify_atTestRestore_removesTheScratchDirectory_whenTheRestoreFails() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            byte[] content = "not what it seems\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry inside = new TarArchiveEntry("inside.txt");
            inside.setSize(content.length);
            out.putArchiveEntry(inside);
            out.write(content);
            out.closeArchiveEntry();
            TarArchiveEntry escaping = new TarArchiveEntry("sub/../../escaped.txt", true);
            escaping.setSize(content.length);
            out.putArchiveEntry(escaping);
            out.write(content);
            out.closeArchiveEntry();
        }
        BackupManifest hostile = repo.backup(StreamSource.tar("site", tar.toByteArray(),
                new FilesInfo("/srv/site", 2, 0, 0, 36, List.of())));

        VerificationResult result = verifier().verify(hostile.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.levelReached()).contains(VerificationLevel.CONTENT);
        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE));
        assertThat(drills()).isEmpty();
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }

    private List<Path> drills() throws IOException {
        Path drills = temp.resolve("drills");
        if (!Files.exists(drills)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(drills)) {
            return entries.toList();
        }
    }
}
