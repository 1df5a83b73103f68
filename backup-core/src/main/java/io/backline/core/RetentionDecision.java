package io.backline.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link RetentionPolicy} decided for one backup, and why.
 *
 * <p>{@code reasons} explain the verdict: for {@link Verdict#KEEP} every rule that keeps the backup, such as
 * {@code "last 3"}, {@code "daily snapshot 2026-11-28"}, {@code "weekly snapshot 2026-W48"} or {@code "within 7d"};
 * for {@link Verdict#CLEANUP} why the leftovers go; for {@link Verdict#DELETE} nothing, since no rule matched.
 *
 * @param id      the backup id
 * @param time    when it was taken
 * @param verdict keep, delete or clean up
 * @param reasons why, in rule order (immutable)
 */
public record RetentionDecision(String id, Instant time, Verdict verdict, List<String> reasons) {

    /** The three outcomes of a plan. */
    public enum Verdict {
        /** A completed backup at least one rule keeps. */
        KEEP,
        /** A completed backup no rule keeps: its artifact and sidecar go, its manifest stays as history. */
        DELETE,
        /** A failed or interrupted attempt: whatever it left behind goes, its manifest stays as history. */
        CLEANUP
    }

    public RetentionDecision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
    }

    /** Whether the backup is kept. */
    public boolean keep() {
        return verdict == Verdict.KEEP;
    }

    @Override
    public String toString() {
        String head = String.format("%-7s %s %s", verdict.name().toLowerCase(java.util.Locale.ROOT), time, id);
        return reasons.isEmpty() ? head : head + " (" + String.join(", ", reasons) + ")";
    }
}
