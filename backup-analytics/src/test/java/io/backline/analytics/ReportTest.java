package io.backline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.spi.BlobInfo;
import io.backline.core.storage.ForwardingStorage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final long MB = 1_000_000L;
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    private final SyntheticRepository repo = new SyntheticRepository();
    private final AtomicInteger listings = new AtomicInteger();
    private BackupAnalyticsEngine engine;
    private String appMorning;
    private String appAfternoon;
    private String orders;

    @BeforeEach
    void history() {
        repo.deleted("app", Instant.parse("2026-11-27T01:00:00Z"), 200 * MB, Instant.parse("2026-11-28T12:00:00Z"));
        appMorning = repo.completed("app", Instant.parse("2026-11-28T01:00:00Z"), 100 * MB, Duration.ofSeconds(60));
        repo.failed("app", Instant.parse("2026-11-28T07:00:00Z"), "SOURCE", "pg_dump exited with status 1");
        appAfternoon = repo.completed("app", Instant.parse("2026-11-28T13:00:00Z"), 300 * MB,
                Duration.ofSeconds(180));
        repo.interrupted("app", Instant.parse("2026-11-28T20:00:00Z"));
        orders = repo.completed("orders-db", Instant.parse("2026-11-28T02:00:00Z"), 50 * MB, Duration.ofSeconds(20));
        repo.completed("app", Instant.parse("2026-11-29T01:00:00Z"), 100 * MB, Duration.ofSeconds(60));
        repo.verification("app", appAfternoon, Instant.parse("2026-11-28T14:00:00Z"), Outcome.PASSED);
        repo.verification("orders-db", orders, Instant.parse("2026-11-28T15:00:00Z"), Outcome.FAILED);
        repo.verification("app", appMorning, Instant.parse("2026-11-29T06:00:00Z"), Outcome.PASSED);
        ForwardingStorage counting = new ForwardingStorage(repo.storage()) {
            @Override
            public List<BlobInfo> list(String prefix) throws IOException {
                listings.incrementAndGet();
                return super.list(prefix);
            }
        };
        engine = BackupAnalyticsEngine.builder().storage(counting).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void dailyReportCountsAttemptsByStatusAndTheSuccessRate() {
        BackupReport report = engine.dailyReport(DAY);
        BackupStats totals = report.totals();
        assertThat(totals.attempts()).isEqualTo(5);
        assertThat(totals.completed()).isEqualTo(3);
        assertThat(totals.failed()).isEqualTo(1);
        assertThat(totals.interrupted()).isEqualTo(1);
        assertThat(totals.successRate()).isCloseTo(0.6, within(1e-9));
        assertThat(report.period().from()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(report.asOf()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(report.generatedAt()).isEqualTo(NOW);
    }

    @Test
    void dailyReportGivesSizesCompressionDurationsAndThroughput() {
        BackupStats totals = engine.dailyReport(DAY).totals();
        assertThat(totals.storedBytes()).isEqualTo(450 * MB);
        assertThat(totals.contentBytes()).isEqualTo(900 * MB);
        assertThat(totals.compressionRatio()).isEqualTo(2.0);
        assertThat(totals.duration().count()).isEqualTo(3);
        assertThat(totals.duration().meanSeconds()).isCloseTo(260 / 3.0, within(1e-9));
        assertThat(totals.duration().p50Seconds()).isEqualTo(60.0);
        assertThat(totals.duration().p95Seconds()).isEqualTo(180.0);
        assertThat(totals.duration().maxSeconds()).isEqualTo(180.0);
        assertThat(totals.throughputBytesPerSecond()).isCloseTo(900.0 * MB / 260, within(1e-3));
    }

    @Test
    void dailyReportSplitsBySourceAndListsLargestSlowestAndFailures() {
        BackupReport report = engine.dailyReport(DAY);
        assertThat(report.sources()).extracting(SourceStats::source).containsExactly("app", "orders-db");
        assertThat(report.source("app").orElseThrow().stats().attempts()).isEqualTo(4);
        assertThat(report.source("orders-db").orElseThrow().stats().successRate()).isEqualTo(1.0);
        assertThat(report.largest()).extracting(BackupRow::id).containsExactly(appAfternoon, appMorning, orders);
        assertThat(report.slowest().get(0).durationSeconds()).isEqualTo(180.0);
        assertThat(report.failures()).extracting(FailureRow::status)
                .containsExactly(BackupStatus.INTERRUPTED, BackupStatus.FAILED);
        FailureRow failed = report.failures().get(1);
        assertThat(failed.stage()).isEqualTo("SOURCE");
        assertThat(failed.message()).isEqualTo("pg_dump exited with status 1");
        assertThat(report.backups()).hasSize(5);
        assertThat(report.backups().get(0).status()).isEqualTo(BackupStatus.INTERRUPTED);
    }

    @Test
    void dailyReportGivesVerificationRunsPassRateAndCoverage() {
        VerificationStats verification = engine.dailyReport(DAY).verification();
        assertThat(verification.runs()).isEqualTo(2);
        assertThat(verification.passed()).isEqualTo(1);
        assertThat(verification.failed()).isEqualTo(1);
        assertThat(verification.passRate()).isEqualTo(0.5);
        assertThat(verification.backupsCompleted()).isEqualTo(3);
        assertThat(verification.backupsVerified()).isEqualTo(2);
        assertThat(verification.coverage()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(verification.failures()).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("bad tag in chunk 3"));
    }

    @Test
    void dailyReportGivesStorageInUseAndItsGrowth() {
        BackupReport report = engine.dailyReport(DAY);
        assertThat(report.storage().inUseAtStart()).isEqualTo(200 * MB);
        assertThat(report.storage().inUseAtEnd()).isEqualTo(450 * MB);
        assertThat(report.storage().growthBytes()).isEqualTo(250 * MB);
        assertThat(report.storage().timeline()).hasSize(30);
        assertThat(report.storage().timeline().get(29).bytes()).isEqualTo(450 * MB);
        assertThat(report.source("app").orElseThrow().storageGrowthBytes()).isEqualTo(200 * MB);
        assertThat(report.days()).hasSize(30);
        DayCount last = report.days().get(29);
        assertThat(last.date()).isEqualTo(DAY);
        assertThat(last.completed()).isEqualTo(3);
        assertThat(last.failed()).isEqualTo(1);
        assertThat(last.interrupted()).isEqualTo(1);
    }

    @Test
    void dailyReportGivesTheNewestCompletedBackupPerSourceAndItsAge() {
        List<NewestBackup> newest = engine.dailyReport(DAY).newestCompleted();
        assertThat(newest).extracting(NewestBackup::id).containsExactly(appAfternoon, orders);
        assertThat(newest.get(0).ageSeconds()).isEqualTo(11 * 3600 - 180);
        assertThat(newest.get(1).ageSeconds()).isEqualTo(22 * 3600 - 20);
    }

    @Test
    void aReportReadsManifestsAndVerificationRecordsFromOneListing() {
        engine.dailyReport(DAY);
        assertThat(listings.get()).isEqualTo(1);
        listings.set(0);
        engine.reports(List.of(ReportPeriod.day(DAY, ZoneOffset.UTC), ReportPeriod.week(DAY, ZoneOffset.UTC)));
        assertThat(listings.get()).isEqualTo(1);
    }

    @Test
    void weeklyAndMonthlyReportsCoverTheirDays() {
        BackupReport week = engine.weeklyReport(DAY);
        assertThat(week.period().label()).isEqualTo("2026-11-22..2026-11-28");
        assertThat(week.totals().attempts()).isEqualTo(6);
        BackupReport month = engine.monthlyReport(YearMonth.of(2026, 11));
        assertThat(month.totals().attempts()).isEqualTo(7);
        assertThat(month.asOf()).isEqualTo(NOW);
        assertThat(month.newestCompleted().get(0).ageSeconds()).isEqualTo(7 * 3600 - 60);
        assertThat(engine.report(DAY, DAY).totals()).isEqualTo(engine.dailyReport(DAY).totals());
    }

    @Test
    void daysAreCountedInTheConfiguredZone() {
        BackupAnalyticsEngine berlin = BackupAnalyticsEngine.builder().storage(repo.storage())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).zone(ZoneId.of("Europe/Berlin")).build();
        BackupReport report = berlin.dailyReport(DAY);
        assertThat(report.period().from()).isEqualTo(Instant.parse("2026-11-27T23:00:00Z"));
        assertThat(report.totals().attempts()).isEqualTo(5);
        assertThat(berlin.dailyReport(DAY.plusDays(1)).totals().attempts()).isEqualTo(1);
    }

    @Test
    void anEmptyPeriodHasNoRatesRatherThanZeroes() {
        BackupReport report = engine.dailyReport(LocalDate.parse("2026-11-01"));
        assertThat(report.totals().attempts()).isZero();
        assertThat(report.totals().successRate()).isNull();
        assertThat(report.totals().compressionRatio()).isNull();
        assertThat(report.verification().passRate()).isNull();
        assertThat(report.sources()).isEmpty();
    }
}
