package io.backline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backline.core.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastTest {
    private static final long MB = 1_000_000L;
    private static final Instant START = Instant.parse("2026-10-01T06:00:00Z");
    private static final Duration HORIZON = Duration.ofDays(30);

    private final SyntheticRepository repo = new SyntheticRepository();

    private static Instant day(int i) {
        return START.plus(Duration.ofDays(i));
    }

    private BackupAnalyticsEngine engine(Instant now, RetentionPolicy policy) {
        BackupAnalyticsEngine.Builder builder = BackupAnalyticsEngine.builder().storage(repo.storage())
                .clock(Clock.fixed(now, ZoneOffset.UTC));
        if (policy != null) {
            builder.retention(policy);
        }
        return builder.build();
    }

    private SpaceForecast.Predicted predict(int days, RetentionPolicy policy) {
        SpaceForecast forecast = engine(day(days - 1).plus(Duration.ofHours(6)), policy).predictSpaceNeeds(HORIZON);
        assertThat(forecast).isInstanceOf(SpaceForecast.Predicted.class);
        return (SpaceForecast.Predicted) forecast;
    }

    @Test
    void constantSizesGiveTheExactSumWithAZeroWidthBand() {
        for (int i = 0; i < 10; i++) {
            repo.completed("app", day(i), 100 * MB, Duration.ofMinutes(2));
        }
        SpaceForecast.Predicted forecast = predict(10, null);
        assertThat(forecast.currentBytes()).isEqualTo(1000 * MB);
        assertThat(forecast.predictedBytes()).isEqualTo(4000 * MB);
        assertThat(forecast.lowerBytes()).isEqualTo(4000 * MB);
        assertThat(forecast.upperBytes()).isEqualTo(4000 * MB);
        assertThat(forecast.method()).isEqualTo("theil-sen");
        assertThat(forecast.history().backups()).isEqualTo(10);
        assertThat(forecast.history().from()).isEqualTo(day(0));
        assertThat(forecast.sources().get(0).cadenceSeconds()).isEqualTo(86_400.0);
        assertThat(forecast.daysUntilFull(2500 * MB).getAsDouble()).isCloseTo(15.0, within(0.8));
    }

    @Test
    void linearGrowthIsExtrapolatedExactly() {
        for (int i = 0; i < 20; i++) {
            repo.completed("app", day(i), 100 * MB + 10 * MB * i, Duration.ofMinutes(2));
        }
        long expected = 0;
        for (int i = 0; i < 50; i++) {
            expected += 100 * MB + 10 * MB * i;
        }
        SpaceForecast.Predicted forecast = predict(20, null);
        assertThat(forecast.predictedBytes()).isCloseTo(expected, within(1000L));
        assertThat(forecast.upperBytes() - forecast.lowerBytes()).isLessThan(1000L);
        assertThat(forecast.sources().get(0).slopeBytesPerDay()).isCloseTo(10.0 * MB, within(1.0));
    }

    @Test
    void noisyGrowthKeepsTheTrueValueInsideTheBand() {
        Random random = new Random(42);
        double sigma = 30 * MB;
        for (int i = 0; i < 60; i++) {
            repo.completed("app", day(i), Math.round(1000 * MB + 8 * MB * i + random.nextGaussian() * sigma),
                    Duration.ofMinutes(2));
        }
        SpaceForecast.Predicted forecast = predict(60, null);
        double expectedFuture = 0;
        for (int i = 60; i < 90; i++) {
            expectedFuture += 1000 * MB + 8 * MB * i;
        }
        double truth = forecast.currentBytes() + expectedFuture;
        assertThat((double) forecast.lowerBytes()).isLessThan(truth);
        assertThat((double) forecast.upperBytes()).isGreaterThan(truth);
        assertThat(forecast.upperBytes() - forecast.lowerBytes()).isGreaterThan(0)
                .isLessThan(forecast.predictedBytes() / 10);
        double realized = forecast.currentBytes();
        for (int i = 60; i < 90; i++) {
            realized += 1000 * MB + 8 * MB * i + random.nextGaussian() * sigma;
        }
        assertThat(realized).isBetween((double) forecast.lowerBytes(), (double) forecast.upperBytes());
    }

    @Test
    void aRetentionPolicyCapsTheRepositoryAtTheBackupsItKeeps() {
        for (int i = 0; i < 20; i++) {
            repo.completed("app", day(i), 100 * MB + 10 * MB * i, Duration.ofMinutes(2));
        }
        SpaceForecast.Predicted capped = predict(20, RetentionPolicy.builder().keepLast(7).build());
        long expected = 0;
        for (int i = 43; i < 50; i++) {
            expected += 100 * MB + 10 * MB * i;
        }
        assertThat(capped.predictedBytes()).isCloseTo(expected, within(1000L));
        assertThat(capped.method()).isEqualTo("theil-sen+retention");
        assertThat(capped.sources().get(0).backupsKept()).isEqualTo(7);
        assertThat(capped.sources().get(0).retention()).contains("keepLast=7");
    }

    @Test
    void constantSizesUnderDailyRetentionLevelOff() {
        for (int i = 0; i < 30; i++) {
            repo.completed("app", day(i), 100 * MB, Duration.ofMinutes(2));
        }
        SpaceForecast.Predicted capped = predict(30, RetentionPolicy.builder().keepDaily(7).keepWeekly(2).build());
        assertThat(capped.trajectory()).allSatisfy(point -> assertThat(point.predictedBytes()).isBetween(
                700 * MB, 900 * MB));
        var days = capped.daysUntilFull(5000 * MB);
        assertThat(days.isEmpty() || days.getAsDouble() > 365).as("days until full: %s", days).isTrue();
    }

    @Test
    void aSourceAddedMidwayIsProjectedFromItsOwnHistory() {
        for (int i = 0; i < 60; i++) {
            repo.completed("app", day(i), 100 * MB, Duration.ofMinutes(2));
        }
        for (int i = 30; i < 60; i++) {
            repo.completed("orders-db", day(i).plusSeconds(1800), 50 * MB + 5 * MB * (i - 30),
                    Duration.ofMinutes(2));
        }
        long expected = 90 * 100 * MB;
        for (int j = 0; j < 60; j++) {
            expected += 50 * MB + 5 * MB * j;
        }
        SpaceForecast.Predicted forecast = predict(60, null);
        assertThat(forecast.predictedBytes()).isCloseTo(expected, within(2000L));
        assertThat(forecast.history().sources()).isEqualTo(2);
        assertThat(forecast.history().from()).isEqualTo(day(0));
        assertThat(forecast.sources()).extracting(SpaceForecast.SourceForecast::backupsUsed).containsExactly(60, 30);
    }

    @Test
    void fewerThanThreeBackupsIsInsufficientDataWithTheReason() {
        repo.completed("app", day(0), 100 * MB, Duration.ofMinutes(2));
        repo.completed("app", day(8), 100 * MB, Duration.ofMinutes(2));
        SpaceForecast forecast = engine(day(9), null).predictSpaceNeeds(HORIZON);
        assertThat(forecast).isInstanceOfSatisfying(SpaceForecast.InsufficientData.class, insufficient -> {
            assertThat(insufficient.reason()).isEqualTo("app: 2 completed backups, at least 3 are needed");
            assertThat(insufficient.currentBytes()).isEqualTo(200 * MB);
        });
    }

    @Test
    void lessThanSevenDaysOfHistoryIsInsufficientData() {
        for (int i = 0; i < 12; i++) {
            repo.completed("app", day(0).plus(Duration.ofHours(12L * i)), 100 * MB, Duration.ofMinutes(2));
        }
        SpaceForecast forecast = engine(day(6), null).predictSpaceNeeds(HORIZON);
        assertThat(forecast).isInstanceOfSatisfying(SpaceForecast.InsufficientData.class, insufficient ->
                assertThat(insufficient.reason()).isEqualTo("app: history spans 5.5 days, at least 7 are needed"));
    }

    @Test
    void anEmptyRepositoryIsInsufficientData() {
        assertThat(engine(day(0), null).predictSpaceNeeds(HORIZON))
                .isInstanceOfSatisfying(SpaceForecast.InsufficientData.class, insufficient ->
                        assertThat(insufficient.reason()).isEqualTo("the repository has no completed backups"));
    }

    @Test
    void aYoungSourceIsCarriedAtItsSizeBesideAPredictedOne() {
        for (int i = 0; i < 10; i++) {
            repo.completed("app", day(i), 100 * MB, Duration.ofMinutes(2));
        }
        repo.completed("new-db", day(9), 40 * MB, Duration.ofMinutes(2));
        SpaceForecast.Predicted forecast = predict(10, null);
        assertThat(forecast.predictedBytes()).isEqualTo(4040 * MB);
        assertThat(forecast.notes()).anyMatch(note -> note.startsWith("new-db: 1 completed backup, at least 3"));
    }

    @Test
    void failedAttemptsAndDeletedBackupsDoNotCountAsStorageInUse() {
        for (int i = 0; i < 10; i++) {
            repo.completed("app", day(i), 100 * MB, Duration.ofMinutes(2));
            repo.failed("app", day(i).plusSeconds(600), "SOURCE", "pg_dump exited with 1");
        }
        repo.deleted("app", day(0).minus(Duration.ofDays(1)), 100 * MB, day(1));
        SpaceForecast.Predicted forecast = predict(10, null);
        assertThat(forecast.currentBytes()).isEqualTo(1000 * MB);
        assertThat(forecast.notes()).anyMatch(note -> note.contains("no RetentionPolicy is configured"));
    }

    @Test
    void theCapacityOfTheEngineGivesDaysUntilFull() {
        for (int i = 0; i < 10; i++) {
            repo.completed("app", day(i), 100 * MB, Duration.ofMinutes(2));
        }
        SpaceForecast forecast = BackupAnalyticsEngine.builder().storage(repo.storage())
                .clock(Clock.fixed(day(9).plus(Duration.ofHours(6)), ZoneOffset.UTC)).capacityBytes(10_000 * MB)
                .build().predictSpaceNeeds(HORIZON);
        SpaceForecast.Predicted predicted = (SpaceForecast.Predicted) forecast;
        assertThat(predicted.capacityBytes()).isEqualTo(10_000 * MB);
        assertThat(predicted.daysUntilFull()).isCloseTo(90.0, within(1.0));
    }
}
