package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backline.core.Compression;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.spi.Storage;
import io.backline.core.storage.ForwardingStorage;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health moves between UP, DEGRADED and DOWN as time passes and backups and verifications come and go. */
class HealthTransitionsTest {
    private static final Instant START = Instant.parse("2026-11-20T06:00:00Z");

    @TempDir
    Path temp;

    private MutableClock clock;
    private TestRepo repo;
    private BackupManifest newest;

    /** A week of daily backups of about 400 kB at 06:00, the newest verified at 06:30, and the clock at 07:00. */
    @BeforeEach
    void aWeekOfDailyBackups() {
        clock = new MutableClock(START);
        repo = new TestRepo(temp.resolve("repo"), BackupEncryption.none(), Compression.zstd(1), clock);
        for (int day = 0; day < 7; day++) {
            newest = repo.backup(GeneratedSource.of("orders-db", 400_000 + 1000 * day));
            clock.advance(Duration.ofDays(1));
        }
        clock.set(START.plus(Duration.ofDays(6)).plus(Duration.ofMinutes(30)));
        verifier().verify(newest.ref(), VerificationLevel.INTEGRITY).orThrow();
        clock.set(START.plus(Duration.ofDays(6)).plus(Duration.ofHours(1)));
    }

    private BackupVerifier verifier() {
        return BackupVerifier.builder().storage(repo.storage).clock(clock).tempDir(temp).build();
    }

    private BackupHealth.Builder health(Storage storage) {
        return BackupHealth.builder().storage(storage).clock(clock).minFreeBytes(0).minFreeRatio(0)
                .defaultPolicy(HealthPolicy.builder().maxAge(Duration.ofHours(26)).build());
    }

    private HealthReport check() {
        return health(repo.storage).build().check();
    }

    @Test
    void check_afterAFreshVerifiedBackup_isUp() {
        HealthReport report = check();

        assertThat(report.status()).as("%s", report.problems()).isEqualTo(HealthStatus.UP);
        assertThat(report.source("orders-db")).hasValueSatisfying(source -> {
            assertThat(source.status()).isEqualTo(HealthStatus.UP);
            assertThat(source.checks()).extracting(HealthCheck::name)
                    .containsExactly("backup-age", "latest-attempt", "size", "verification");
            assertThat(source.check("backup-age").orElseThrow().figures()).containsEntry("age", Duration.ofHours(1));
        });
        assertThat(report.repository()).extracting(HealthCheck::name)
                .containsExactly("storage-reachable", "storage-writable", "free-space");
    }

    @Test
    void check_whenTheNewestBackupIsOlderThanTheRpo_isDown() {
        clock.advance(Duration.ofHours(26));

        HealthReport report = check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        HealthCheck age = report.source("orders-db").orElseThrow().check("backup-age").orElseThrow();
        assertThat(age.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(age.reason()).contains("1d 3h ago", "RPO of 1d 2h");
    }

    @Test
    void check_whenTheLatestVerificationFailed_isDegraded() {
        repo.deleteSidecar(newest);
        clock.advance(Duration.ofMinutes(5));
        assertThat(verifier().verify(newest.ref(), VerificationLevel.CHECKSUM).failed()).isTrue();

        HealthReport report = check();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        HealthCheck verification = report.source("orders-db").orElseThrow().check("verification").orElseThrow();
        assertThat(verification.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(verification.reason()).contains("failed at stage CHECKSUM", "sidecar");
    }

    @Test
    void check_whenTheNewestBackupIs95PercentSmallerThanUsual_isDegraded() {
        clock.advance(Duration.ofMinutes(5));
        BackupManifest tiny = repo.backup(GeneratedSource.of("orders-db", 20_300));
        verifier().verify(tiny.ref(), VerificationLevel.INTEGRITY).orThrow();

        HealthReport report = check();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        HealthCheck size = report.source("orders-db").orElseThrow().check("size").orElseThrow();
        assertThat(size.reason()).contains("95% smaller than the median of the last 7");
        assertThat(size.figures()).containsEntry("newestBytes", 20_300L).containsEntry("medianBytes", 403_000L);
    }

    @Test
    void check_whenTheNewestBackupIsEmpty_isDegraded_unlessEmptyIsAllowed() {
        clock.advance(Duration.ofMinutes(5));
        repo.backup(GeneratedSource.of("orders-db", 0));

        assertThat(check().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health(repo.storage).policy("orders-db", HealthPolicy.builder().allowEmpty(true)
                .minSizeRatio(0).build()).build().check().source("orders-db").orElseThrow()
                .check("size").orElseThrow().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void check_whenTheLatestAttemptFailed_isDegraded_whileTheRpoIsStillMet() {
        clock.advance(Duration.ofMinutes(5));
        repo.manager().backup(GeneratedSource.failing("orders-db", 100_000, new IOException("pg_dump died")));

        HealthReport report = check();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.problems()).singleElement().asString().contains("latest-attempt", "FAILED", "pg_dump died");
    }

    @Test
    void check_ofAnExpectedSourceWithoutBackups_isDown() {
        HealthReport report = health(repo.storage).expectSources("uploads").build().check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.source("uploads").orElseThrow().check("backup-age").orElseThrow().reason())
                .isEqualTo("there is no completed backup");
    }

    @Test
    void check_whenStorageRefusesWrites_isDown() {
        Storage readOnly = new ForwardingStorage(repo.storage) {
            @Override
            public void put(String key, byte[] content) throws IOException {
                throw new IOException("Read-only file system");
            }
        };

        HealthReport report = health(readOnly).build().check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.problems()).singleElement().asString().contains("storage-writable", "Read-only");
    }

    @Test
    void check_whenFreeSpaceIsBelowTheThreshold_isDegraded() {
        HealthReport report = health(repo.storage).minFreeBytes(Long.MAX_VALUE).build().check();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.problems()).singleElement().asString().contains("free-space", "below the threshold");
    }

    @Test
    void check_leavesNoProbeBehind_andRendersAsJson() throws IOException {
        HealthReport report = check();
        JsonNode json = ManifestCodec.mapper().readTree(report.toJson());

        assertThat(repo.storage.list("")).noneMatch(blob -> blob.key().contains("probe"));
        assertThat(json.get("status").asText()).isEqualTo("UP");
        assertThat(json.at("/sources/0/source").asText()).isEqualTo("orders-db");
        assertThat(json.at("/sources/0/checks/0/name").asText()).isEqualTo("backup-age");
        assertThat(json.at("/sources/0/checks/0/figures/age").asText()).isEqualTo("PT1H");
        assertThat(json.at("/repository/0/name").asText()).isEqualTo("storage-reachable");
    }
}
