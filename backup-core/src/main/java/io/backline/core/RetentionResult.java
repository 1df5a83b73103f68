package io.backline.core;

import java.util.List;

/**
 * What applying a {@link RetentionPolicy} did, or would do in a dry run.
 *
 * @param source           the source it was applied to
 * @param dryRun           whether nothing was changed
 * @param plan             every completed backup with "kept because …" or "deleted"
 * @param deleted          the refs whose artifacts were (or would be) deleted
 * @param cleaned          refs of failed or interrupted attempts whose leftovers were (or would be) removed
 * @param freedBytes       stored bytes released (or that would be)
 */
public record RetentionResult(String source, boolean dryRun, RetentionPlan plan, List<String> deleted,
                              List<String> cleaned, long freedBytes) {
    public RetentionResult {
        deleted = List.copyOf(deleted);
        cleaned = List.copyOf(cleaned);
    }
}
