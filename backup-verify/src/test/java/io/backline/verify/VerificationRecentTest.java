package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.BackupReader;
import io.backline.core.Compression;
import io.backline.core.Stage;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verifyRecent} over a repository of good and damaged backups: exact figures, records, budget rotation. */
class VerificationRecentTest {
    private static final Instant START = Instant.parse("2026-11-20T06:00:00Z");

    @TempDir
    Path temp;

    private MutableClock clock;
    private TestRepo repo;
    private final List<BackupManifest> recent = new ArrayList<>();
    private BackupManifest old;

    /**
     * Ten days of backups: one of "orders-db" ten days ago (outside a 7-day period), then over six days three of
     * "orders-db", three of "site" and two of "blobs" — one "orders-db" and one "blobs" damaged on disk — and a
     * failed attempt, which is not a completed backup and so not in scope.
     */
    @BeforeEach
    void repository() {
        clock = new MutableClock(START.minus(Duration.ofDays(10)));
        repo = new TestRepo(temp.resolve("repo"), BackupEncryption.none(), Compression.zstd(1), clock);
        old = repo.backup(GeneratedSource.of("orders-db", 50_000));
        clock.set(START);
        Path site = TestRepo.tree(temp.resolve("site"));
        for (int day = 0; day < 3; day++) {
            recent.add(repo.backup(GeneratedSource.of("orders-db", 100_000 + day)));
            recent.add(repo.backupTree("site", site));
            clock.advance(Duration.ofDays(1));
        }
        recent.add(repo.backup(StreamSource.database("blobs", "raw", "bin", TestRepo.randomBytes(30_000, 1),
                List.of())));
        clock.advance(Duration.ofHours(1));
        recent.add(repo.backup(StreamSource.database("blobs", "raw", "bin", TestRepo.randomBytes(30_000, 2),
                List.of())));
        assertThat(repo.manager().backup(GeneratedSource.failing("orders-db", 10_000, new IOException("disk full")))
                .succeeded()).isFalse();
        clock.advance(Duration.ofDays(3));
        repo.flipByte(recent.get(2), 100); // orders-db, day 2
        repo.flipByte(recent.get(7), 5000); // blobs, the second
    }

    private BackupVerifier.Builder verifier() {
        return BackupVerifier.builder().storage(repo.storage).clock(clock).tempDir(temp);
    }

    @Test
    void verifyRecent_overGoodAndDamagedBackups_givesTheExactPassRate_andNamesEachFailure() {
        VerificationReport report = verifier().build().verifyRecent(Duration.ofDays(7));

        assertThat(report.results()).hasSize(8);
        assertThat(report.passed()).isEqualTo(6);
        assertThat(report.failed()).isEqualTo(2);
        assertThat(report.skipped()).isZero();
        assertThat(report.passRate()).isEqualTo(0.75);
        assertThat(report.coverage()).isEqualTo(1.0);
        assertThat(report.failures()).extracting(VerificationReport.Failure::ref)
                .containsExactlyInAnyOrder(recent.get(2).ref(), recent.get(7).ref());
        assertThat(report.failures()).allSatisfy(failure -> {
            assertThat(failure.stage()).isEqualTo(Stage.CHECKSUM);
            assertThat(failure.level()).isEqualTo(VerificationLevel.CHECKSUM);
            assertThat(failure.message()).contains("SHA-256");
        });
        assertThat(report.perSource()).containsOnlyKeys("blobs", "orders-db", "site");
        assertThat(report.perSource().get("orders-db")).satisfies(s -> {
            assertThat(s.passed()).isEqualTo(2);
            assertThat(s.failed()).isEqualTo(1);
            assertThat(s.passRate()).isEqualTo(2.0 / 3);
            assertThat(s.coverage()).isEqualTo(1.0);
        });
        assertThat(report.perSource().get("site").passRate()).isEqualTo(1.0);
        assertThat(report.perSource().get("blobs").passRate()).isEqualTo(0.5);
        assertThat(report.results()).noneMatch(r -> r.ref().equals(old.ref()));
        assertThat(BackupReader.of(repo.storage, BackupEncryption.none()).verifications(null)).hasSize(8);
    }

    @Test
    void verificationReport_orThrow_listsEveryFailure() {
        VerificationReport report = verifier().build().verifyRecent(Duration.ofDays(7));

        assertThatThrownBy(report::orThrow).isInstanceOfSatisfying(VerificationFailedException.class, e -> {
            assertThat(e.failures()).hasSize(2);
            assertThat(e.getMessage()).contains("2 backups failed verification", recent.get(2).ref(),
                    recent.get(7).ref());
        });
    }

    @Test
    void verifyRecent_withAByteBudget_verifiesTheLeastRecentlyVerifiedFirst_andCoversEverythingInTheStatedPeriod() {
        long largest = recent.stream().mapToLong(m -> m.artifact().storedBytes()).max().orElseThrow();
        long budget = 4 * largest; // two passes each, so about two backups a run
        BackupVerifier verifier = verifier().byteBudget(budget).build();
        List<String> seen = new ArrayList<>();

        VerificationReport first = verifier.verifyRecent(Duration.ofDays(30));
        long rotation = first.rotationPeriodRuns();
        seen.addAll(first.results().stream().map(VerificationResult::ref).toList());
        assertThat(first.deferred()).isNotEmpty();
        assertThat(first.coverage()).isLessThan(1.0);
        assertThat(first.results().stream().mapToLong(VerificationResult::bytesRead).sum())
                .isLessThanOrEqualTo(budget);
        List<String> firstRun = List.copyOf(seen);
        for (int run = 1; run < rotation; run++) {
            clock.advance(Duration.ofDays(1));
            VerificationReport next = verifier.verifyRecent(Duration.ofDays(30));
            List<String> refs = next.results().stream().map(VerificationResult::ref).toList();
            if (run == 1) {
                assertThat(refs).as("the second run starts with what the first deferred")
                        .doesNotContainAnyElementsOf(firstRun);
            }
            seen.addAll(refs);
        }

        assertThat(seen).containsAll(recent.stream().map(BackupManifest::ref).toList()).contains(old.ref());
        assertThat(rotation).isLessThanOrEqualTo(9);
    }

    @Test
    void verifyCritical_verifiesTheNewestBackupOfEachSource_atTheCriticalLevel() {
        VerificationReport report = verifier().scratchTargets(DirectoryScratchTargets.under(temp.resolve("drills")))
                .build().verifyCritical(Duration.ofDays(7));

        assertThat(report.level()).isEqualTo(VerificationLevel.TEST_RESTORE);
        assertThat(report.results()).extracting(VerificationResult::ref).containsExactlyInAnyOrder(
                recent.get(4).ref(), recent.get(5).ref(), recent.get(7).ref());
        assertThat(report.results()).filteredOn(r -> r.source().equals("site")).singleElement()
                .satisfies(r -> assertThat(r.passed()).isTrue());
        assertThat(report.results()).filteredOn(r -> r.source().equals("orders-db")).singleElement()
                .satisfies(r -> assertThat(r.skipped()).as("no scratch database configured").isTrue());
        assertThat(report.failed()).isEqualTo(1);
    }
}
