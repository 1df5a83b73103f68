package io.backline.core;

import io.backline.core.RetentionDecision.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link RetentionPolicy#plan}: one decision per candidate, newest first (ties by id, descending).
 *
 * <p>A plan is a dry run: it changes nothing. Applying it (marking manifests deleted, then removing artifacts and
 * sidecars, as DESIGN §4 orders) is the caller's job. Immutable.
 *
 * @param decisions every candidate's decision, newest first
 */
public record RetentionPlan(List<RetentionDecision> decisions) {
    public RetentionPlan {
        decisions = List.copyOf(decisions);
    }

    /** The completed backups that stay. */
    public List<RetentionDecision> kept() {
        return with(Verdict.KEEP);
    }

    /** The completed backups no rule keeps. */
    public List<RetentionDecision> deleted() {
        return with(Verdict.DELETE);
    }

    /** The failed or interrupted attempts whose leftovers go. */
    public List<RetentionDecision> cleanup() {
        return with(Verdict.CLEANUP);
    }

    /** The decision for one backup id. */
    public Optional<RetentionDecision> decision(String id) {
        return decisions.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    private List<RetentionDecision> with(Verdict verdict) {
        return decisions.stream().filter(d -> d.verdict() == verdict).toList();
    }

    /** A summary line followed by one line per decision. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RetentionPlan: keep ").append(kept().size())
                .append(", delete ").append(deleted().size())
                .append(", cleanup ").append(cleanup().size());
        for (RetentionDecision decision : decisions) {
            text.append('\n').append("  ").append(decision);
        }
        return text.toString();
    }
}
