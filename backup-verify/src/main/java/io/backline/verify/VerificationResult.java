package io.backline.verify;

import io.backline.core.BackupException;
import io.backline.core.Stage;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.manifest.VerificationRecord.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one backup at one {@link VerificationLevel}: PASSED, FAILED or SKIPPED, each level's
 * stage with its outcome and time, and for a failure the level that caught it, the pipeline stage it names and the
 * cause. Immutable; {@link #orThrow()} turns a failure (or a skip) into its exception.
 *
 * <p>The outcome is FAILED when any stage failed; otherwise SKIPPED when the stage of the level asked for could not
 * run (no key, no scratch target, no tool, a backup that is not completed) — a skip is never reported as a pass;
 * otherwise PASSED. The {@link #record()} is what was written beside the backup.
 */
public final class VerificationResult {
    private final VerificationRecord record;
    private final VerificationLevel level;
    private final VerificationLevel levelReached;
    private final VerificationLevel failedLevel;
    private final BackupException error;
    private final String recordKey;
    private final List<String> warnings;

    VerificationResult(VerificationRecord record, VerificationLevel level, VerificationLevel levelReached,
                       VerificationLevel failedLevel, BackupException error, String recordKey, List<String> warnings) {
        this.record = Objects.requireNonNull(record, "record");
        this.level = Objects.requireNonNull(level, "level");
        this.levelReached = levelReached;
        this.failedLevel = failedLevel;
        this.error = error;
        this.recordKey = recordKey;
        this.warnings = List.copyOf(warnings);
    }

    /** The backup's id. */
    public String backupId() {
        return record.backupId();
    }

    /** The backup's source. */
    public String source() {
        return record.source();
    }

    /** {@code source/id}. */
    public String ref() {
        return record.ref();
    }

    /** The level asked for. */
    public VerificationLevel level() {
        return level;
    }

    public Outcome outcome() {
        return record.outcome();
    }

    public boolean passed() {
        return outcome() == Outcome.PASSED;
    }

    public boolean failed() {
        return outcome() == Outcome.FAILED;
    }

    public boolean skipped() {
        return outcome() == Outcome.SKIPPED;
    }

    /** The deepest level whose check passed, or empty when none did. */
    public Optional<VerificationLevel> levelReached() {
        return Optional.ofNullable(levelReached);
    }

    /** The level whose check failed, when the verification failed. */
    public Optional<VerificationLevel> failedLevel() {
        return Optional.ofNullable(failedLevel);
    }

    /**
     * The pipeline stage named by the failure (CHECKSUM, FETCH, DECRYPT, DECOMPRESS, CONTENT, RESTORE) or by the
     * skip's cause.
     */
    public Optional<Stage> stage() {
        return error == null ? Optional.empty() : error.stage();
    }

    /** Why it failed or was skipped, as an exception naming the backup, the stage and the cause. */
    public Optional<BackupException> error() {
        return Optional.ofNullable(error);
    }

    /** The cause in words: the failure's or skip's reason, or empty when it passed. */
    public Optional<String> reason() {
        return error == null ? Optional.empty() : Optional.of(error.reason());
    }

    /** Each level's stage, in order: CHECKSUM, INTEGRITY, CONTENT, TEST_RESTORE, as far as the run went. */
    public List<StageResult> stages() {
        return record.stages();
    }

    public Instant startedAt() {
        return record.startedAt();
    }

    public Duration duration() {
        return record.duration();
    }

    /** Stored bytes read from storage, over every pass. */
    public long bytesRead() {
        return record.bytesRead();
    }

    /** The record written beside the backup (DESIGN §4). */
    public VerificationRecord record() {
        return record;
    }

    /** The storage key the record was written under, or empty when writing it failed (see {@link #warnings()}). */
    public Optional<String> recordKey() {
        return Optional.ofNullable(recordKey);
    }

    /** Problems that do not change the outcome: a scratch place that could not be removed, a record not written. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Returns this result when it passed.
     *
     * @throws BackupException the failure, or the reason of a skip
     */
    public VerificationResult orThrow() {
        if (error != null) {
            throw error;
        }
        return this;
    }

    @Override
    public String toString() {
        return "VerificationResult[" + ref() + " " + level + " " + outcome()
                + (error == null ? "" : ": " + error.getMessage()) + "]";
    }
}
