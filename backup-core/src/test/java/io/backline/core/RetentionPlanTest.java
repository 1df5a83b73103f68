package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.RetentionDecision.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Retention over synthetic histories. Every expected set below is worked out by hand from the rules, never by running
 * the planner: the reasoning is in the comments.
 */
class RetentionPlanTest {
    private static final DateTimeFormatter ID =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The test "now": half an hour after the last backup of the synthetic year. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T18:30:00Z"), ZoneOffset.UTC);

    /**
     * One completed backup every 6 hours (00, 06, 12, 18 UTC) for the 365 days before the clock's day: from
     * 2025-11-30T00:00Z to 2026-11-29T18:00Z, 1460 backups. 2026-11-29 is a Sunday, the last day of ISO week 2026-W48.
     */
    private List<RetentionCandidate> year() {
        Instant last = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(18));
        List<RetentionCandidate> backups = new ArrayList<>();
        for (int i = 0; i < 365 * 4; i++) {
            backups.add(completed(last.minus(Duration.ofHours(6L * i))));
        }
        return backups;
    }

    @Test
    void year_hasTheShapeTheTestsAssume() {
        List<RetentionCandidate> year = year();
        assertThat(year).hasSize(1460);
        assertThat(year.get(0).time()).isEqualTo(Instant.parse("2026-11-29T18:00:00Z"));
        assertThat(year.get(1459).time()).isEqualTo(Instant.parse("2025-11-30T00:00:00Z"));
    }

    @Test
    void keepLast_keepsTheThreeNewest() {
        RetentionPlan plan = policy().keepLast(3).build().plan(year());

        assertThat(keptTimes(plan)).containsExactly(
                "2026-11-29T18:00:00Z", "2026-11-29T12:00:00Z", "2026-11-29T06:00:00Z");
        assertThat(plan.kept()).allSatisfy(d -> assertThat(d.reasons()).containsExactly("last 3"));
        assertThat(plan.deleted()).hasSize(1457).allSatisfy(d -> assertThat(d.reasons()).isEmpty());
        assertThat(plan.cleanup()).isEmpty();
    }

    @Test
    void keepDaily_keepsTheNewestBackupOfEachOfTheLastSevenDays() {
        RetentionPlan plan = policy().keepDaily(7).build().plan(year());

        // The newest backup of a day is its 18:00 one; the last seven days with backups are 11-23 .. 11-29.
        assertThat(keptTimes(plan)).containsExactly(
                "2026-11-29T18:00:00Z", "2026-11-28T18:00:00Z", "2026-11-27T18:00:00Z", "2026-11-26T18:00:00Z",
                "2026-11-25T18:00:00Z", "2026-11-24T18:00:00Z", "2026-11-23T18:00:00Z");
        assertThat(reasonsAt(plan, "2026-11-28T18:00:00Z")).containsExactly("daily snapshot 2026-11-28");
        assertThat(plan.deleted()).hasSize(1453);
    }

    @Test
    void keepWeeklyAndMonthly_keepTheNewestOfFourWeeksAndTwelveMonths() {
        RetentionPlan plan = policy().keepWeekly(4).keepMonthly(12).build().plan(year());

        // Weeks (Monday..Sunday): W48 ends Sun 11-29, W47 Sun 11-22, W46 Sun 11-15, W45 Sun 11-08; the newest
        // backup of each is its Sunday 18:00. Months: the last day's 18:00 of each month from 2026-11 back twelve
        // months to 2025-12 (2026-11 itself ends at 11-29, the newest backup).
        assertThat(keptTimes(plan)).containsExactly(
                "2026-11-29T18:00:00Z", "2026-11-22T18:00:00Z", "2026-11-15T18:00:00Z", "2026-11-08T18:00:00Z",
                "2026-10-31T18:00:00Z", "2026-09-30T18:00:00Z", "2026-08-31T18:00:00Z", "2026-07-31T18:00:00Z",
                "2026-06-30T18:00:00Z", "2026-05-31T18:00:00Z", "2026-04-30T18:00:00Z", "2026-03-31T18:00:00Z",
                "2026-02-28T18:00:00Z", "2026-01-31T18:00:00Z", "2025-12-31T18:00:00Z");
        assertThat(reasonsAt(plan, "2026-11-29T18:00:00Z"))
                .containsExactly("weekly snapshot 2026-W48", "monthly snapshot 2026-11");
        assertThat(reasonsAt(plan, "2026-11-22T18:00:00Z")).containsExactly("weekly snapshot 2026-W47");
        assertThat(reasonsAt(plan, "2025-12-31T18:00:00Z")).containsExactly("monthly snapshot 2025-12");
        // 2025-11 has backups (11-30) but the twelve months are used up before it.
        assertThat(verdictAt(plan, "2025-11-30T18:00:00Z")).isEqualTo(Verdict.DELETE);
    }

    @Test
    void keepYearly_keepsOnlyYearsThatHaveBackups() {
        RetentionPlan plan = policy().keepYearly(5).build().plan(year());

        // Two years have backups: 2026 (newest: 11-29T18) and 2025 (newest: 12-31T18). Five are allowed, two exist.
        assertThat(keptTimes(plan)).containsExactly("2026-11-29T18:00:00Z", "2025-12-31T18:00:00Z");
        assertThat(reasonsAt(plan, "2025-12-31T18:00:00Z")).containsExactly("yearly snapshot 2025");
    }

    @Test
    void keepWithin_keepsEverythingLessThanTenDaysOlderThanTheNewest() {
        RetentionPlan plan = policy().keepWithin(Duration.ofDays(10)).build().plan(year());

        // Newest 2026-11-29T18:00Z minus 10 days = 2026-11-19T18:00Z, which is not kept (strictly after only).
        // Kept: 2026-11-20T00:00Z .. 2026-11-29T18:00Z, four a day for ten days = 40.
        List<String> expected = new ArrayList<>();
        for (int day = 29; day >= 20; day--) {
            for (String hour : List.of("18", "12", "06", "00")) {
                expected.add("2026-11-" + day + "T" + hour + ":00:00Z");
            }
        }
        assertThat(keptTimes(plan)).hasSize(40).isEqualTo(expected);
        assertThat(verdictAt(plan, "2026-11-19T18:00:00Z")).isEqualTo(Verdict.DELETE);
        assertThat(reasonsAt(plan, "2026-11-20T00:00:00Z")).containsExactly("within 10d");
    }

    @Test
    void keepWithin_isAnchoredAtTheNewestBackupNotAtNow() {
        // Half a year after the last backup: a window anchored at "now" would keep nothing.
        Clock muchLater = Clock.offset(clock, Duration.ofDays(180));
        assertThat(muchLater.instant()).isAfter(Instant.parse("2027-05-01T00:00:00Z"));
        RetentionPlan plan = policy().keepWithin(Duration.ofDays(1)).build().plan(year());

        // Newest 11-29T18 minus 1 day = 11-28T18 (excluded): 11-29 00, 06, 12, 18.
        assertThat(keptTimes(plan)).containsExactly(
                "2026-11-29T18:00:00Z", "2026-11-29T12:00:00Z", "2026-11-29T06:00:00Z", "2026-11-29T00:00:00Z");
    }

    @Test
    void rules_areOredAndEachKeptBackupListsEveryRuleThatKeepsIt() {
        RetentionPlan plan = policy().keepLast(2).keepDaily(3).keepWeekly(2).keepMonthly(2).keepYearly(1).build()
                .plan(year());

        // last 2: 11-29T18, 11-29T12. daily 3: 11-29T18, 11-28T18, 11-27T18. weekly 2: 11-29T18 (W48),
        // 11-22T18 (W47). monthly 2: 11-29T18, 10-31T18. yearly 1: 11-29T18.
        assertThat(keptTimes(plan)).containsExactly(
                "2026-11-29T18:00:00Z", "2026-11-29T12:00:00Z", "2026-11-28T18:00:00Z", "2026-11-27T18:00:00Z",
                "2026-11-22T18:00:00Z", "2026-10-31T18:00:00Z");
        assertThat(reasonsAt(plan, "2026-11-29T18:00:00Z")).containsExactly("last 2", "daily snapshot 2026-11-29",
                "weekly snapshot 2026-W48", "monthly snapshot 2026-11", "yearly snapshot 2026");
        assertThat(reasonsAt(plan, "2026-11-29T12:00:00Z")).containsExactly("last 2");
        assertThat(reasonsAt(plan, "2026-11-27T18:00:00Z")).containsExactly("daily snapshot 2026-11-27");
        assertThat(reasonsAt(plan, "2026-10-31T18:00:00Z")).containsExactly("monthly snapshot 2026-10");
        assertThat(plan.deleted()).hasSize(1454);
    }

    @Test
    void keepHourly_withIrregularBackupsKeepsTheNewestOfEachHour() {
        List<RetentionCandidate> backups = new ArrayList<>(year());
        backups.add(completed("2026-11-29T18:40:00Z"));
        backups.add(completed("2026-11-29T17:10:00Z"));
        backups.add(completed("2026-03-14T09:27:00Z"));

        RetentionPlan plan = policy().keepHourly(5).keepLast(1).build().plan(backups);

        // Hours with backups, newest first: 18h (18:40 beats 18:00), 17h (17:10), 12h, 06h, 00h of 11-29.
        // keepLast 1 is the 18:40 manual backup, now the newest.
        assertThat(keptTimes(plan)).containsExactly("2026-11-29T18:40:00Z", "2026-11-29T17:10:00Z",
                "2026-11-29T12:00:00Z", "2026-11-29T06:00:00Z", "2026-11-29T00:00:00Z");
        assertThat(reasonsAt(plan, "2026-11-29T18:40:00Z")).containsExactly("last 1", "hourly snapshot 2026-11-29T18");
        assertThat(verdictAt(plan, "2026-11-29T18:00:00Z")).isEqualTo(Verdict.DELETE);
    }

    @Test
    void zone_movesTheDayBoundary() {
        // Berlin is UTC+1 in November. Local days:      UTC           Berlin
        List<RetentionCandidate> backups = List.of(
                completed("2026-11-27T20:00:00Z"),   //   27th          27th 21:00
                completed("2026-11-27T23:30:00Z"),   //   27th          28th 00:30
                completed("2026-11-28T12:00:00Z"),   //   28th          28th 13:00
                completed("2026-11-28T23:30:00Z"));  //   28th          29th 00:30

        RetentionPlan utc = policy().keepDaily(10).build().plan(backups);
        RetentionPlan berlin = policy().keepDaily(10).zone(BERLIN).build().plan(backups);

        // UTC: two days; newest of the 28th is 23:30Z, newest of the 27th is 23:30Z.
        assertThat(keptTimes(utc)).containsExactly("2026-11-28T23:30:00Z", "2026-11-27T23:30:00Z");
        assertThat(reasonsAt(utc, "2026-11-27T23:30:00Z")).containsExactly("daily snapshot 2026-11-27");
        // Berlin: three days; the 29th has 23:30Z, the 28th's newest is 12:00Z, the 27th has only 20:00Z.
        assertThat(keptTimes(berlin)).containsExactly(
                "2026-11-28T23:30:00Z", "2026-11-28T12:00:00Z", "2026-11-27T20:00:00Z");
        assertThat(reasonsAt(berlin, "2026-11-28T23:30:00Z")).containsExactly("daily snapshot 2026-11-29");
        assertThat(verdictAt(berlin, "2026-11-27T23:30:00Z")).isEqualTo(Verdict.DELETE);
    }

    @Test
    void keepWeekly_usesIsoWeeksStartingOnMondayInTheZone() {
        List<RetentionCandidate> backups = List.of(
                completed("2026-11-21T10:00:00Z"),   // Sat, W47 (UTC and Berlin)
                completed("2026-11-22T23:00:00Z"),   // Sun 23:00 UTC: W47; Mon 00:00 in Berlin: W48
                completed("2026-11-23T01:00:00Z"),   // Mon, W48
                completed("2026-11-24T10:00:00Z"));  // Tue, W48

        RetentionPlan utc = policy().keepWeekly(2).build().plan(backups);
        RetentionPlan berlin = policy().keepWeekly(2).zone(BERLIN).build().plan(backups);

        assertThat(keptTimes(utc)).containsExactly("2026-11-24T10:00:00Z", "2026-11-22T23:00:00Z");
        assertThat(reasonsAt(utc, "2026-11-22T23:00:00Z")).containsExactly("weekly snapshot 2026-W47");
        assertThat(keptTimes(berlin)).containsExactly("2026-11-24T10:00:00Z", "2026-11-21T10:00:00Z");
    }

    @Test
    void keepWeekly_countsWeeksByWeekBasedYearAcrossNewYear() {
        // 2026 starts on a Thursday, so it has 53 ISO weeks: W53 runs Mon 2026-12-28 .. Sun 2027-01-03.
        List<RetentionCandidate> backups = List.of(
                completed("2026-12-31T12:00:00Z"),   // Thu, 2026-W53
                completed("2027-01-01T12:00:00Z"),   // Fri, still 2026-W53
                completed("2027-01-04T12:00:00Z"));  // Mon, 2027-W01

        RetentionPlan weekly = policy().keepWeekly(3).build().plan(backups);
        RetentionPlan yearly = policy().keepYearly(3).build().plan(backups);

        assertThat(keptTimes(weekly)).containsExactly("2027-01-04T12:00:00Z", "2027-01-01T12:00:00Z");
        assertThat(reasonsAt(weekly, "2027-01-01T12:00:00Z")).containsExactly("weekly snapshot 2026-W53");
        assertThat(reasonsAt(weekly, "2027-01-04T12:00:00Z")).containsExactly("weekly snapshot 2027-W01");
        // Calendar years split differently: 2027 keeps 01-04, 2026 keeps 12-31.
        assertThat(keptTimes(yearly)).containsExactly("2027-01-04T12:00:00Z", "2026-12-31T12:00:00Z");
    }

    @Test
    void keepMonthly_countsOnlyMonthsThatHaveBackups() {
        List<RetentionCandidate> backups = Stream.of("2026-01-15", "2026-02-15", "2026-03-10", "2026-03-20",
                "2026-08-05", "2026-09-01", "2026-09-30").map(d -> completed(d + "T12:00:00Z")).toList();

        RetentionPlan plan = policy().keepMonthly(4).build().plan(backups);

        // Months with backups, newest first: 09 (newest 09-30), 08 (08-05), 03 (03-20), 02 (02-15); April to July
        // have none and do not use up the count.
        assertThat(keptTimes(plan)).containsExactly(
                "2026-09-30T12:00:00Z", "2026-08-05T12:00:00Z", "2026-03-20T12:00:00Z", "2026-02-15T12:00:00Z");
        assertThat(deletedTimes(plan)).containsExactly(
                "2026-09-01T12:00:00Z", "2026-03-10T12:00:00Z", "2026-01-15T12:00:00Z");
    }

    @Test
    void keepMonthly_overAYearWithAGapReachesFurtherBack() {
        Instant gapStart = Instant.parse("2026-06-10T00:00:00Z");
        Instant gapEnd = Instant.parse("2026-08-20T18:00:00Z");
        List<RetentionCandidate> backups = year().stream()
                .filter(b -> b.time().isBefore(gapStart) || b.time().isAfter(gapEnd)).toList();

        RetentionPlan plan = policy().keepMonthly(12).build().plan(backups);

        // No backups from 06-10 to 08-20: July has none and is skipped, June's newest is 06-09T18, August's is
        // still 08-31T18. Twelve months with backups then reach back to 2025-11 (its only day, the 30th).
        assertThat(keptTimes(plan)).containsExactly(
                "2026-11-29T18:00:00Z", "2026-10-31T18:00:00Z", "2026-09-30T18:00:00Z", "2026-08-31T18:00:00Z",
                "2026-06-09T18:00:00Z", "2026-05-31T18:00:00Z", "2026-04-30T18:00:00Z", "2026-03-31T18:00:00Z",
                "2026-02-28T18:00:00Z", "2026-01-31T18:00:00Z", "2025-12-31T18:00:00Z", "2025-11-30T18:00:00Z");
        assertThat(reasonsAt(plan, "2026-06-09T18:00:00Z")).containsExactly("monthly snapshot 2026-06");
    }

    @Test
    void unsuccessfulAttempts_areCleanedUpAndNeverAnchorOrCount() {
        List<RetentionCandidate> backups = new ArrayList<>(year());
        backups.add(RetentionCandidate.unsuccessful(id("2026-11-30T12:00:00Z"), Instant.parse("2026-11-30T12:00:00Z")));
        backups.add(RetentionCandidate.unsuccessful(id("2026-11-28T03:00:00Z"), Instant.parse("2026-11-28T03:00:00Z")));

        RetentionPlan plan = policy().keepLast(1).keepWithin(Duration.ofDays(1)).build().plan(backups);

        // Anchored at the newest COMPLETED backup (11-29T18), not the failed 11-30T12 attempt (which would keep
        // only 11-29T18): 11-29 00, 06, 12, 18. keepLast 1 is 11-29T18, not the failed attempt.
        assertThat(keptTimes(plan)).containsExactly(
                "2026-11-29T18:00:00Z", "2026-11-29T12:00:00Z", "2026-11-29T06:00:00Z", "2026-11-29T00:00:00Z");
        assertThat(reasonsAt(plan, "2026-11-29T18:00:00Z")).containsExactly("last 1", "within 1d");
        assertThat(plan.cleanup()).extracting(d -> d.time().toString())
                .containsExactly("2026-11-30T12:00:00Z", "2026-11-28T03:00:00Z");
        assertThat(plan.cleanup()).allSatisfy(d -> assertThat(d.reasons()).containsExactly(RetentionPlanner.UNSUCCESSFUL));
        assertThat(plan.decisions()).hasSize(1462);
        assertThat(plan.decisions().get(0).verdict()).isEqualTo(Verdict.CLEANUP);
    }

    @Test
    void newestCompletedBackup_isKeptByEverySingleRule() {
        List<RetentionPolicy> policies = List.of(policy().keepLast(1).build(), policy().keepHourly(1).build(),
                policy().keepDaily(1).build(), policy().keepWeekly(1).build(), policy().keepMonthly(1).build(),
                policy().keepYearly(1).build(), policy().keepWithin(Duration.ofSeconds(1)).build());
        for (RetentionPolicy policy : policies) {
            assertThat(keptTimes(policy.plan(year()))).as(policy.toString()).containsExactly("2026-11-29T18:00:00Z");
        }
    }

    @Test
    void plan_ordersNewestFirstWhateverTheInputOrderAndBreaksTiesById() {
        Instant t = Instant.parse("2026-11-29T06:00:00Z");
        List<RetentionCandidate> backups = List.of(RetentionCandidate.completed("a", t),
                RetentionCandidate.completed("c", t.minusSeconds(60)), RetentionCandidate.completed("b", t));

        RetentionPlan plan = policy().keepLast(1).build().plan(backups);

        assertThat(plan.decisions()).extracting(RetentionDecision::id).containsExactly("b", "a", "c");
        assertThat(plan.kept()).extracting(RetentionDecision::id).containsExactly("b");
        assertThat(plan.decision("a")).map(RetentionDecision::keep).contains(false);
    }

    @Test
    void toString_isAReadableDryRun() {
        RetentionPlan plan = policy().keepLast(1).build().plan(List.of(completed("2026-11-29T18:00:00Z"),
                completed("2026-11-29T12:00:00Z"), RetentionCandidate.unsuccessful("x", Instant.parse("2026-11-29T15:00:00Z"))));
        assertThat(plan).hasToString("""
                RetentionPlan: keep 1, delete 1, cleanup 1
                  keep    2026-11-29T18:00:00Z 20261129T180000Z (last 1)
                  cleanup 2026-11-29T15:00:00Z x (unsuccessful attempt: leftovers removed)
                  delete  2026-11-29T12:00:00Z 20261129T120000Z""");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static RetentionPolicy.Builder policy() {
        return RetentionPolicy.builder();
    }

    private static String id(String iso) {
        return ID.format(Instant.parse(iso));
    }

    private static RetentionCandidate completed(String iso) {
        return completed(Instant.parse(iso));
    }

    private static RetentionCandidate completed(Instant time) {
        return RetentionCandidate.completed(ID.format(time), time);
    }

    private static List<String> keptTimes(RetentionPlan plan) {
        return plan.kept().stream().map(d -> d.time().toString()).toList();
    }

    private static List<String> deletedTimes(RetentionPlan plan) {
        return plan.deleted().stream().map(d -> d.time().toString()).toList();
    }

    private static RetentionDecision at(RetentionPlan plan, String iso) {
        return plan.decision(id(iso)).orElseThrow(() -> new AssertionError("no decision for " + iso));
    }

    private static List<String> reasonsAt(RetentionPlan plan, String iso) {
        return at(plan, iso).reasons();
    }

    private static Verdict verdictAt(RetentionPlan plan, String iso) {
        return at(plan, iso).verdict();
    }
}
