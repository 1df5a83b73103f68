package io.backline.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsTest {
    private static final long MB = 1_000_000L;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final SyntheticRepository repo = new SyntheticRepository();
    private final List<Notification> sent = new CopyOnWriteArrayList<>();

    @TempDir
    Path reports;

    private BackupAnalyticsEngine engineAt(String now) {
        Instant instant = Instant.parse(now);
        for (int i = 40; i >= 1; i--) {
            repo.completed("app", instant.minus(Duration.ofDays(i)).plus(Duration.ofHours(1)), 100 * MB,
                    Duration.ofMinutes(1));
        }
        return BackupAnalyticsEngine.builder().storage(repo.storage()).clock(Clock.fixed(instant, BERLIN)).zone(BERLIN)
                .build();
    }

    @Test
    void theReportJobMakesYesterdaysReportOnAWeekday() {
        ReportJob job = ReportJob.builder().engine(engineAt("2026-11-25T07:00:00Z")).notifier(sent::add)
                .sink(ReportSink.directory(reports, ReportFormat.HTML, ReportFormat.JSON)).build();
        ReportJobResult result = job.runOnce();
        assertThat(result.succeeded()).isTrue();
        assertThat(result.reports()).extracting(r -> r.period().label()).containsExactly("2026-11-24");
        assertThat(result.alerts()).isEmpty();
        assertThat(sent).extracting(Notification::title).containsExactly("Backline daily report 2026-11-24");
        assertThat(reports.resolve("backline-daily-2026-11-24.html")).exists();
        assertThat(reports.resolve("backline-daily-2026-11-24.json")).exists();
        assertThat(job.lastResult()).contains(result);
    }

    @Test
    void theReportJobAddsTheWeeklyReportOnSundaysAndTheMonthlyOnTheFirstInItsZone() {
        // 2026-11-01 is a Sunday; at 00:30 in Berlin it is still October 31 in UTC
        ReportJobResult result = ReportJob.builder().engine(engineAt("2026-10-31T23:30:00Z")).summaries(false)
                .build().runOnce();
        assertThat(result.reports()).extracting(r -> r.period().label())
                .containsExactly("2026-10-31", "2026-10-25..2026-10-31", "2026-10");
    }

    @Test
    void theReportJobSendsAlertsAsOneNotificationAndSurvivesAFailingNotifier() {
        BackupAnalyticsEngine engine = engineAt("2026-11-25T07:00:00Z");
        repo.failed("app", Instant.parse("2026-11-25T02:00:00Z"), "STORE", "disk full");
        ReportJobResult result = ReportJob.builder().engine(engine).summaries(false).notifier(n -> {
            throw new java.io.IOException("webhook down");
        }).notifier(sent::add).build().runOnce();
        assertThat(result.alerts()).extracting(Alert::rule).containsExactly(AlertRules.BACKUP_FAILED);
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Severity.WARNING);
            assertThat(n.alerts()).hasSize(1);
        });
        assertThat(result.errors()).singleElement().asString().contains("webhook down");
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void theReportJobTurnsAnUnreadableRepositoryIntoACriticalAlert() {
        repo.storage().put("backline-repository.json", "{\"format\":\"other\"}".getBytes());
        ReportJobResult result = ReportJob.builder().engine(BackupAnalyticsEngine.builder().storage(repo.storage())
                .build()).notifier(sent::add).build().runOnce();
        assertThat(result.reports()).isEmpty();
        assertThat(result.errors()).singleElement().asString().contains("is not a Backline repository");
        assertThat(sent).singleElement().satisfies(n -> assertThat(n.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void theVerificationJobRunsItsTasksAndAlertsOnALowPassRateAndHealthDown() {
        VerificationJob job = VerificationJob.builder()
                .task("recent", () -> new VerificationOutcome("recent", 9, 1, 0, List.of("app/x: DECRYPT: bad tag")))
                .task("critical", () -> new VerificationOutcome("critical", 2, 0, 1, List.of()))
                .rules(AlertRules.builder().healthCheck(() -> HealthStatus.down("app failing")).build())
                .notifier(sent::add).build();
        VerificationJobResult result = job.runOnce();
        assertThat(result.outcomes()).extracting(VerificationOutcome::name).containsExactly("recent", "critical");
        assertThat(result.passRate()).isEqualTo(11 / 12.0);
        assertThat(result.alerts()).extracting(Alert::rule)
                .containsExactly(AlertRules.VERIFICATION_PASS_RATE, AlertRules.HEALTH_DOWN);
        assertThat(sent).singleElement().satisfies(n -> assertThat(n.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void theVerificationJobRecordsATaskThatCannotRunAndStillRunsTheOthers() {
        VerificationJob job = VerificationJob.builder()
                .task("recent", () -> {
                    throw new IllegalStateException("no identity configured");
                })
                .task("critical", () -> new VerificationOutcome("critical", 3, 0, 0, List.of()))
                .notifier(sent::add).build();
        job.run();
        VerificationJobResult result = job.lastResult().orElseThrow();
        assertThat(result.outcomes()).hasSize(1);
        assertThat(result.errors()).singleElement().asString()
                .isEqualTo("verification task 'recent' could not run: java.lang.IllegalStateException: "
                        + "no identity configured");
        assertThat(result.alerts()).extracting(Alert::rule).containsExactly(AlertRules.VERIFICATION_FAILED);
    }

    @Test
    void aQuietVerificationRunSendsNothing() {
        VerificationJobResult result = VerificationJob.builder()
                .task("recent", () -> new VerificationOutcome("recent", 5, 0, 0, List.of())).notifier(sent::add)
                .build().runOnce();
        assertThat(result.succeeded()).isTrue();
        assertThat(sent).isEmpty();
        assertThat(Files.exists(reports)).isTrue();
    }
}
