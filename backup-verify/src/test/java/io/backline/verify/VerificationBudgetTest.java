package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.verify.internal.BudgetPlanner;
import io.backline.verify.internal.BudgetPlanner.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The byte-budget rotation keeps its stated period: every backup verified within ⌈(S − M) / (B − M)⌉ daily runs. */
class VerificationBudgetTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @RepeatedTest(20)
    void plan_runDaily_verifiesEveryBackupWithinTheStatedPeriod(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int count = 5 + random.nextInt(60);
        List<Long> costs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            costs.add(1 + (long) random.nextInt(random.nextBoolean() ? 1000 : 50_000));
        }
        long total = costs.stream().mapToLong(Long::longValue).sum();
        long largest = costs.stream().mapToLong(Long::longValue).max().orElseThrow();
        long budget = largest + 1 + random.nextInt((int) Math.max(1, total / 3));
        long period = BudgetPlanner.periodRuns(total, largest, count, budget);
        Map<String, Instant> lastVerified = new HashMap<>();
        Map<String, Integer> lastRun = new HashMap<>();

        int runs = (int) (3 * period + 5);
        for (int day = 0; day < runs; day++) {
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String ref = "s/" + i;
                candidates.add(new Candidate(ref, T0.plusSeconds(i), costs.get(i), lastVerified.get(ref)));
            }
            BudgetPlanner.Plan plan = BudgetPlanner.plan(candidates, budget);
            assertThat(plan.cost()).isLessThanOrEqualTo(budget);
            Instant now = T0.plus(Duration.ofDays(day + 1));
            for (Candidate chosen : plan.selected()) {
                lastVerified.put(chosen.ref(), now);
                lastRun.put(chosen.ref(), day);
            }
            for (int i = 0; i < count; i++) {
                int last = lastRun.getOrDefault("s/" + i, -1);
                assertThat(day - last).as("backup %d on day %d, period %d", i, day, period)
                        .isLessThan((int) period);
            }
        }
    }

    @Test
    void plan_alwaysTakesTheFirstBackup_evenWhenItAloneExceedsTheBudget() {
        BudgetPlanner.Plan plan = BudgetPlanner.plan(List.of(new Candidate("s/huge", T0, 1000, null),
                new Candidate("s/small", T0.minusSeconds(60), 10, T0)), 100);

        assertThat(plan.selected()).extracting(Candidate::ref).containsExactly("s/huge");
        assertThat(plan.deferred()).extracting(Candidate::ref).containsExactly("s/small");
        assertThat(BudgetPlanner.periodRuns(1010, 1000, 2, 100)).isEqualTo(2);
    }

    @Test
    void plan_putsNeverVerifiedBackupsFirst_newestFirst_thenTheLeastRecentlyVerified() {
        BudgetPlanner.Plan plan = BudgetPlanner.plan(List.of(
                new Candidate("s/verified-long-ago", T0, 1, T0.plusSeconds(10)),
                new Candidate("s/never-old", T0, 1, null),
                new Candidate("s/verified-recently", T0, 1, T0.plusSeconds(99)),
                new Candidate("s/never-new", T0.plusSeconds(5), 1, null)), 0);

        assertThat(plan.selected()).extracting(Candidate::ref).containsExactly("s/never-new", "s/never-old",
                "s/verified-long-ago", "s/verified-recently");
    }
}
