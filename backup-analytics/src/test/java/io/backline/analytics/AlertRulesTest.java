package io.backline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.manifest.VerificationRecord.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final long MB = 1_000_000L;
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

    private final SyntheticRepository repo = new SyntheticRepository();

    private BackupReport lastDay() {
        return BackupAnalyticsEngine.builder().storage(repo.storage()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()
                .report(NOW.minus(Duration.ofHours(24)), NOW);
    }

    private void dailyBackups(String source, int days, long size) {
        for (int i = days; i >= 1; i--) {
            repo.completed(source, NOW.minus(Duration.ofDays(i)).plus(Duration.ofHours(1)), size,
                    Duration.ofMinutes(1));
        }
    }

    @Test
    void aHealthyRepositoryRaisesNothing() {
        dailyBackups("app", 10, 100 * MB);
        assertThat(AlertRules.defaults().evaluate(lastDay())).isEmpty();
    }

    @Test
    void aFailedBackupRaisesAWarningWithStageAndMessage() {
        dailyBackups("app", 10, 100 * MB);
        String id = repo.failed("app", NOW.minus(Duration.ofHours(2)), "STORE", "disk full");
        List<Alert> alerts = AlertRules.defaults().evaluate(lastDay());
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(AlertRules.BACKUP_FAILED);
            assertThat(alert.severity()).isEqualTo(Severity.WARNING);
            assertThat(alert.source()).isEqualTo("app");
            assertThat(alert.message()).isEqualTo("app/" + id + " failed at STORE: disk full");
            assertThat(alert.at()).isEqualTo(NOW);
        });
        assertThat(AlertRules.builder().failedBackups(false).build().evaluate(lastDay())).isEmpty();
    }

    @Test
    void noCompletedBackupWithinTheRpoIsCritical() {
        dailyBackups("app", 10, 100 * MB);
        repo.completed("orders-db", NOW.minus(Duration.ofHours(40)), 10 * MB, Duration.ofMinutes(1));
        List<Alert> alerts = AlertRules.defaults().evaluate(lastDay());
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(AlertRules.RPO_EXCEEDED);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.message()).startsWith("orders-db: no completed backup for 1d15h (RPO 1d02h)");
        });
        assertThat(AlertRules.builder().rpo("orders-db", Duration.ofDays(2)).build().evaluate(lastDay())).isEmpty();
        assertThat(AlertRules.builder().rpo(Duration.ofHours(6)).build().evaluate(lastDay())).hasSize(2);
    }

    @Test
    void aSourceThatNeverCompletedIsCritical() {
        repo.failed("new-db", NOW.minus(Duration.ofHours(3)), "SOURCE", "connection refused");
        List<Alert> alerts = AlertRules.builder().failedBackups(false).build().evaluate(lastDay());
        assertThat(alerts).extracting(Alert::message).containsExactly(
                "new-db: no completed backup at all (RPO 1d02h)");
    }

    @Test
    void aVerificationPassRateBelowTheThresholdIsCritical() {
        dailyBackups("app", 1, 100 * MB);
        String id = repo.completed("app", NOW.minus(Duration.ofHours(3)), 100 * MB, Duration.ofMinutes(1));
        for (int i = 0; i < 19; i++) {
            repo.verification("app", id, NOW.minus(Duration.ofMinutes(100 - i)), Outcome.PASSED);
        }
        assertThat(AlertRules.defaults().evaluate(lastDay())).isEmpty();
        repo.verification("app", id, NOW.minus(Duration.ofMinutes(10)), Outcome.FAILED);
        repo.verification("app", id, NOW.minus(Duration.ofMinutes(9)), Outcome.FAILED);
        assertThat(AlertRules.defaults().evaluate(lastDay())).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(AlertRules.VERIFICATION_PASS_RATE);
            assertThat(alert.message()).isEqualTo("verification pass rate 90.5% is below 95.0% (2 of 21 runs failed)");
        });
        assertThat(AlertRules.builder().minVerificationPassRate(0.9).build().evaluate(lastDay())).isEmpty();
    }

    @Test
    void aForecastReachingTheCapacityWithinTheHorizonIsAWarning() {
        dailyBackups("app", 20, 100 * MB);
        assertThat(AlertRules.builder().capacityBytes(3000 * MB).build().evaluate(lastDay()))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.rule()).isEqualTo(AlertRules.CAPACITY_FORECAST);
                    assertThat(alert.severity()).isEqualTo(Severity.WARNING);
                    assertThat(alert.message()).startsWith("storage is forecast to reach its capacity of 2.8 GiB in ");
                });
        assertThat(AlertRules.builder().capacityBytes(100_000 * MB).build().evaluate(lastDay())).isEmpty();
    }

    @Test
    void healthDownFromTheSeamIsCriticalAndAFailingCheckCountsAsDown() {
        dailyBackups("app", 10, 100 * MB);
        assertThat(AlertRules.builder().healthCheck(HealthStatus::up).build().evaluate(lastDay())).isEmpty();
        assertThat(AlertRules.builder().healthCheck(() -> HealthStatus.degraded("slow")).build().evaluate(lastDay()))
                .isEmpty();
        assertThat(AlertRules.builder().healthCheck(() -> HealthStatus.down("3 of 4 sources failing")).build()
                .evaluate(lastDay())).extracting(Alert::message)
                .containsExactly("backup health is DOWN: 3 of 4 sources failing");
        assertThat(AlertRules.builder().healthCheck(() -> {
            throw new IllegalStateException("storage unreachable");
        }).build().evaluate(lastDay())).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(AlertRules.HEALTH_DOWN);
            assertThat(alert.message()).contains("storage unreachable");
        });
    }

    @Test
    void verificationOutcomesBelowThresholdRaiseOneAlertListingTheFailures() {
        List<Alert> alerts = AlertRules.defaults().evaluate(List.of(
                new VerificationOutcome("recent", 8, 1, 0, List.of("app/x: DECRYPT: bad tag")),
                new VerificationOutcome("critical", 1, 0, 0, List.of())), List.of(), NOW);
        assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.message())
                .isEqualTo("verification pass rate 90.0% is below 95.0% (1 of 10 failed): app/x: DECRYPT: bad tag"));
    }

    @Test
    void settersRefuseNonsenseWithPreciseMessages() {
        assertThatThrownBy(() -> AlertRules.builder().minVerificationPassRate(95))
                .hasMessage("minVerificationPassRate needs to be within 0..1, not 95.0");
        assertThatThrownBy(() -> AlertRules.builder().rpo(Duration.ZERO)).hasMessage("rpo needs to be positive, not PT0S");
        assertThatThrownBy(() -> AlertRules.builder().capacityBytes(0)).hasMessage("capacityBytes needs to be > 0, not 0");
    }
}
