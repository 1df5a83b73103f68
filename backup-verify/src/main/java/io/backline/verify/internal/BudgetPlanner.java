package io.backline.verify.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Chooses which backups a budgeted run verifies: the least recently verified first (never verified ones before all
 * others, newest first among them), each taken when it still fits in the byte budget, the first always taken even
 * when it alone exceeds the budget (so a huge backup is not starved).
 *
 * <p>Period: let {@code B} be the budget, {@code S} the total cost of the backups in scope, {@code M} the largest
 * single cost and {@code n} their number. Run once a day over a fixed set, every backup is verified at least once
 * every {@link #periodRuns ⌈(S − M) / (B − M)⌉} runs when {@code B > M}, and every {@code n} runs in any case. Why:
 * a backup {@code x} that is passed over had, ahead of it, chosen backups costing more than {@code B − cost(x) ≥
 * B − M}; those move behind it, so the cost queued ahead of {@code x} (at most {@code S − cost(x)}) shrinks by more
 * than {@code B − M} each run until {@code x} fits. Backups arriving at a cost of {@code N} a day queue ahead of it,
 * which makes the bound {@code ⌈(S − M) / (B − M − N)⌉} while {@code B > M + N}.
 */
public final class BudgetPlanner {
    private BudgetPlanner() {
    }

    /**
     * A backup that may be verified.
     *
     * @param ref          {@code source/id}
     * @param startedAt    when the backup started
     * @param cost         the bytes verifying it will read
     * @param lastVerified when it was last verified (passed or failed), or null when never
     */
    public record Candidate(String ref, Instant startedAt, long cost, Instant lastVerified) {
        public Candidate {
            Objects.requireNonNull(ref, "ref");
        }
    }

    /** The backups to verify now, in order, and those left for a later run. */
    public record Plan(List<Candidate> selected, List<Candidate> deferred, long cost) {
        public Plan {
            selected = List.copyOf(selected);
            deferred = List.copyOf(deferred);
        }
    }

    private static final Comparator<Candidate> PRIORITY = Comparator
            .comparing(Candidate::lastVerified, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Candidate::startedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Candidate::ref);

    /**
     * Plans a run.
     *
     * @param budget bytes the run may read; 0 or less means no limit
     */
    public static Plan plan(List<Candidate> candidates, long budget) {
        List<Candidate> ordered = new ArrayList<>(candidates);
        ordered.sort(PRIORITY);
        List<Candidate> selected = new ArrayList<>();
        List<Candidate> deferred = new ArrayList<>();
        long spent = 0;
        for (Candidate candidate : ordered) {
            if (budget <= 0 || selected.isEmpty() || spent + candidate.cost() <= budget) {
                selected.add(candidate);
                spent += candidate.cost();
            } else {
                deferred.add(candidate);
            }
        }
        return new Plan(selected, deferred, spent);
    }

    /**
     * The number of daily runs within which every one of {@code count} backups costing {@code total} (the largest
     * {@code largest}) is verified at least once under {@code budget}, for a fixed set of backups.
     */
    public static long periodRuns(long total, long largest, int count, long budget) {
        if (count == 0) {
            return 0;
        }
        if (budget <= 0) {
            return 1;
        }
        if (budget <= largest) {
            return count;
        }
        long runs = Math.max(1, ceilDiv(total - largest, budget - largest));
        return Math.min(count, runs);
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }
}
