package io.backline.core.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record of one verification run of one backup, stored beside it as
 * {@code <source>/<id>.verify-<yyyyMMdd'T'HHmmss'Z'>.json} (DESIGN §4). Written by backup-verify, read by health
 * checks and analytics. Holds no secret.
 *
 * @param formatVersion 1
 * @param backupId      the backup verified
 * @param source        its source
 * @param level         the level asked for: CHECKSUM, INTEGRITY, CONTENT or TEST_RESTORE
 * @param outcome       PASSED, FAILED or SKIPPED
 * @param startedAt     when the run started
 * @param finishedAt    when it ended
 * @param duration      how long it took
 * @param bytesRead     stored bytes read from storage
 * @param stages        each stage run, in order, with its outcome and time
 * @param failure       the failing stage and cause, when it failed
 * @param host          where it ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerificationRecord(
        int formatVersion,
        String backupId,
        String source,
        String level,
        Outcome outcome,
        Instant startedAt,
        Instant finishedAt,
        Duration duration,
        long bytesRead,
        List<StageResult> stages,
        BackupManifest.ErrorInfo failure,
        BackupManifest.HostInfo host) {

    public static final int FORMAT_VERSION = 1;

    public VerificationRecord {
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outcome, "outcome");
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** How a verification, or one of its stages, ended. */
    public enum Outcome {
        PASSED, FAILED, SKIPPED
    }

    /** One stage of a verification run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageResult(String stage, Outcome outcome, Duration duration, String message) {
    }

    /** {@code source/backupId}. */
    public String ref() {
        return source + "/" + backupId;
    }
}
