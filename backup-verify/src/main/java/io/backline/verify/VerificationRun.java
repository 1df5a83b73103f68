package io.backline.verify;

import io.backline.core.BackupException;
import io.backline.core.BackupReader;
import io.backline.core.BackupSummary;
import io.backline.core.ErrorCode;
import io.backline.core.IntegrityException;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.ErrorInfo;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.manifest.VerificationRecord.StageResult;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreTarget;
import io.backline.verify.internal.ContentInspector;
import io.backline.verify.internal.ContentMismatch;
import io.backline.verify.internal.CountingStorage;
import io.backline.verify.internal.DecryptOnlyPass;
import io.backline.verify.internal.Hosts;
import io.backline.verify.internal.Inspection;
import io.backline.verify.internal.ScratchComparison;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import io.backline.verify.spi.ScratchTargets;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One verification of one backup: runs the stage of each level up to the one asked for, stopping at the first
 * failure, and builds the result and its record. Used once, on one thread.
 */
final class VerificationRun {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationRun.class);

    private final VerifierSettings settings;
    private final BackupSummary summary;
    private final BackupManifest manifest;
    private final VerificationLevel level;
    private final CountingStorage storage;
    private final BackupReader reader;
    private final List<StageResult> stages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private VerificationLevel reached;
    private VerificationLevel failedLevel;
    private BackupException failure;
    private BackupException skipCause;
    /** CHECKSUM's read of the stored bytes is left to the payload pass, which computes the same SHA-256. */
    private boolean checksumInPayloadPass;

    VerificationRun(VerifierSettings settings, BackupSummary summary, VerificationLevel level) {
        this.settings = settings;
        this.summary = summary;
        this.manifest = summary.manifest();
        this.level = level;
        this.storage = new CountingStorage(settings.storage());
        this.reader = BackupReader.of(storage, settings.encryption());
    }

    /** Runs the stages; the record is not written yet. */
    VerificationResult execute() {
        Instant started = settings.clock().instant();
        try {
            if (!summary.restorable()) {
                skipFrom(VerificationLevel.CHECKSUM, new BackupException(ErrorCode.NOT_FOUND, ref(), Stage.MANIFEST,
                        summary.deleted() ? "retention deleted this backup's artifact at " + manifest.deletedAt()
                                : "the backup is " + summary.status() + ", so there is no artifact to verify"));
            } else if (checksum() && level.includes(VerificationLevel.INTEGRITY) && payloadPass()
                    && level.includes(VerificationLevel.TEST_RESTORE)) {
                testRestore();
            }
        } catch (RuntimeException e) {
            VerificationLevel at = reached == null ? VerificationLevel.CHECKSUM : next(reached);
            fail(at, Duration.ZERO, new BackupException(ErrorCode.INTERNAL, ref(), Stage.VERIFY,
                    "verification stopped unexpectedly: " + e, e));
        }
        Instant finished = settings.clock().instant();
        Outcome outcome = failure != null ? Outcome.FAILED : skipCause != null ? Outcome.SKIPPED : Outcome.PASSED;
        BackupException error = failure != null ? failure : skipCause;
        ErrorInfo errorInfo = failure == null ? null
                : new ErrorInfo(failure.stage().map(Enum::name).orElse(null), failure.code().name(),
                        failure.reason());
        VerificationRecord record = new VerificationRecord(VerificationRecord.FORMAT_VERSION, manifest.id(),
                manifest.source().name(), level.name(), outcome, started, finished,
                Duration.between(started, finished), storage.bytesRead(), stages, errorInfo, Hosts.current());
        String key = null;
        try {
            key = reader.writeVerification(record);
        } catch (BackupException e) {
            warnings.add("the verification record could not be written: " + e.reason());
            LOG.warn("{}", e.getMessage());
        }
        return new VerificationResult(record, level, reached, failedLevel, error, key, warnings);
    }

    private boolean checksum() {
        if (!settings.verifyChecksum()) {
            skip(VerificationLevel.CHECKSUM, optionOff("verifyChecksum", Stage.CHECKSUM));
            return true;
        }
        Instant t0 = now();
        try {
            if (level.includes(VerificationLevel.INTEGRITY) && payloadPassReadsEverything()) {
                reader.checkSidecar(manifest);
                checksumInPayloadPass = true;
                return true;
            }
            reader.checkStored(manifest);
            pass(VerificationLevel.CHECKSUM, t0, manifest.artifact().storedBytes()
                    + " stored bytes match the SHA-256 of the manifest and of the sidecar");
            return true;
        } catch (BackupException e) {
            fail(VerificationLevel.CHECKSUM, since(t0), e);
            return false;
        }
    }

    /**
     * Whether the INTEGRITY pass will fetch, hash, decrypt and decompress the whole artifact: then CHECKSUM needs no
     * read of its own (one read instead of two), and only when that pass fails is the stored artifact checked apart,
     * so that damage to the stored bytes is still reported at CHECKSUM, as a separate CHECKSUM pass would.
     */
    private boolean payloadPassReadsEverything() {
        boolean encrypted = manifest.encryption() != null && manifest.encryption().encrypted();
        boolean decrypts = !encrypted || (settings.encryption().canDecrypt() && settings.verifyEncryption());
        return decrypts && settings.verifyCompression();
    }

    /** Records CHECKSUM after a payload pass that computed the stored SHA-256; false when the stored bytes differ. */
    private boolean checksumAfterPayloadPass(Instant t0, boolean payloadPassed) {
        if (!checksumInPayloadPass) {
            return true;
        }
        if (payloadPassed) {
            stages.add(new StageResult(VerificationLevel.CHECKSUM.name(), Outcome.PASSED, Duration.ZERO,
                    manifest.artifact().storedBytes() + " stored bytes match the SHA-256 of the manifest and of the"
                            + " sidecar (checked in the INTEGRITY pass)"));
            reached = VerificationLevel.CHECKSUM;
            return true;
        }
        Instant c0 = now();
        try {
            reader.checkStored(manifest);
            pass(VerificationLevel.CHECKSUM, c0, manifest.artifact().storedBytes()
                    + " stored bytes match the SHA-256 of the manifest and of the sidecar");
            return true;
        } catch (BackupException e) {
            fail(VerificationLevel.CHECKSUM, since(c0), e);
            return false;
        }
    }

    /** INTEGRITY, and CONTENT when asked for, in one streaming pass. */
    private boolean payloadPass() {
        boolean encrypted = manifest.encryption() != null && manifest.encryption().encrypted();
        if (encrypted && !settings.encryption().canDecrypt()) {
            skipFrom(VerificationLevel.INTEGRITY, new BackupException(ErrorCode.WRONG_KEY, ref(), Stage.DECRYPT,
                    "the backup is age-encrypted and this verifier holds no identity or passphrase"));
            return false;
        }
        if (encrypted && !settings.verifyEncryption()) {
            skipFrom(VerificationLevel.INTEGRITY, optionOff("verifyEncryption", Stage.DECRYPT));
            return false;
        }
        if (!settings.verifyCompression()) {
            if (!encrypted) {
                skipFrom(VerificationLevel.INTEGRITY, optionOff("verifyCompression", Stage.DECOMPRESS));
                return false;
            }
            Instant t0 = now();
            try {
                long read = DecryptOnlyPass.run(storage, manifest, settings.encryption());
                pass(VerificationLevel.INTEGRITY, t0, "every age chunk of " + read
                        + " stored bytes authenticates (not decompressed: verifyCompression is off)");
            } catch (BackupException e) {
                fail(VerificationLevel.INTEGRITY, since(t0), e);
                return false;
            }
            skipFrom(VerificationLevel.CONTENT, optionOff("verifyCompression", Stage.DECOMPRESS));
            return false;
        }
        ContentInspector inspector = null;
        BackupException noInspector = null;
        if (level.includes(VerificationLevel.CONTENT)) {
            String format = manifest.payload() == null ? null : manifest.payload().format();
            inspector = settings.inspectors().forFormat(format).orElse(null);
            if (inspector == null) {
                noInspector = new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref(), Stage.CONTENT,
                        "there is no content check for payload format '" + format + "'");
            }
        }
        Instant t0 = now();
        Inspection inspection = null;
        Exception mismatch = null;
        Duration inspectTime = Duration.ZERO;
        try (BackupReader.Payload payload = reader.open(manifest)) {
            if (inspector != null) {
                Instant i0 = now();
                try {
                    inspection = inspector.inspect(payload, manifest);
                } catch (ContentMismatch | IOException e) {
                    mismatch = e;
                }
                inspectTime = since(i0);
            }
            payload.verify();
        } catch (BackupException e) {
            Duration took = since(t0);
            if (checksumAfterPayloadPass(t0, false)) {
                fail(VerificationLevel.INTEGRITY, took, e);
            }
            return false;
        }
        checksumAfterPayloadPass(t0, true);
        pass(VerificationLevel.INTEGRITY, t0, "every age chunk authenticates, the stream decompresses to its end"
                + " and " + manifest.artifact().contentBytes() + " payload bytes match the manifest's SHA-256");
        if (!level.includes(VerificationLevel.CONTENT)) {
            return true;
        }
        if (noInspector != null) {
            skip(VerificationLevel.CONTENT, noInspector);
            return true; // a test restore still tells more than nothing
        }
        if (mismatch != null) {
            fail(VerificationLevel.CONTENT, inspectTime, new IntegrityException(ErrorCode.INTEGRITY, ref(),
                    Stage.CONTENT, mismatch.getMessage(), mismatch));
            return false;
        }
        if (!inspection.passed()) {
            skip(VerificationLevel.CONTENT, new BackupException(inspection.skipCode(), ref(), Stage.CONTENT,
                    inspection.message()));
            return true;
        }
        stages.add(new StageResult(VerificationLevel.CONTENT.name(), Outcome.PASSED, inspectTime,
                inspection.message() + " (in the INTEGRITY pass)"));
        reached = VerificationLevel.CONTENT;
        return true;
    }

    private void testRestore() {
        if (!settings.testRestore()) {
            skip(VerificationLevel.TEST_RESTORE, optionOff("testRestore", Stage.RESTORE));
            return;
        }
        Optional<ScratchTargets> provider = settings.scratchTargets().stream()
                .filter(candidate -> candidate.supports(manifest)).findFirst();
        if (provider.isEmpty()) {
            String format = manifest.payload() == null ? "unknown" : manifest.payload().format();
            skip(VerificationLevel.TEST_RESTORE, new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref(),
                    Stage.RESTORE, "no scratch target is configured for " + manifest.source().kind().label()
                    + " backups with payload '" + format + "'; a test restore needs one (ScratchTargets)"));
            return;
        }
        Instant t0 = now();
        ScratchContext context = new ScratchContext(ref(), ScratchContext.scratchNameFor(manifest.id()),
                settings.tempDir(), settings.clock());
        ScratchTarget scratch;
        try {
            scratch = provider.get().create(manifest, context);
        } catch (IOException | RuntimeException e) {
            fail(VerificationLevel.TEST_RESTORE, since(t0), asRestoreFailure("cannot create scratch place '"
                    + context.scratchName() + "' on " + provider.get().describe(), e));
            return;
        }
        String cleanup = null;
        try {
            ScratchContents contents = restoreInto(scratch);
            List<String> differences = ScratchComparison.differences(manifest, contents);
            if (differences.isEmpty()) {
                pass(VerificationLevel.TEST_RESTORE, t0, "restored into " + scratch.describe() + ": "
                        + ScratchComparison.summary(manifest, contents));
            } else {
                fail(VerificationLevel.TEST_RESTORE, since(t0), new IntegrityException(ErrorCode.INTEGRITY, ref(),
                        Stage.RESTORE, "the copy restored into " + scratch.describe() + " does not match the manifest: "
                        + String.join("; ", differences)));
            }
        } catch (BackupException e) {
            fail(VerificationLevel.TEST_RESTORE, since(t0), e);
        } catch (IOException | RuntimeException e) {
            fail(VerificationLevel.TEST_RESTORE, since(t0), asRestoreFailure("restore into " + scratch.describe()
                    + " failed", e));
        } finally {
            try {
                scratch.close();
            } catch (IOException | RuntimeException e) {
                cleanup = "the scratch place " + scratch.describe() + " could not be removed: " + e.getMessage();
            }
        }
        if (cleanup != null) {
            warnings.add(cleanup);
            LOG.warn("verification of {}: {}", ref(), cleanup);
        }
    }

    private ScratchContents restoreInto(ScratchTarget scratch) throws IOException {
        RestoreTarget target = scratch.restoreTarget();
        RestoreContext context = new RestoreContext(ref(), settings.tempDir(), settings.clock());
        target.prepare(manifest, context);
        try (BackupReader.Payload payload = reader.open(manifest)) {
            target.restore(payload, manifest, context);
            payload.verify();
        }
        return scratch.inspect();
    }

    private BackupException asRestoreFailure(String what, Throwable e) {
        if (e instanceof BackupException known) {
            return known;
        }
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new BackupException(e instanceof IOException ? ErrorCode.TOOL_FAILED : ErrorCode.INTERNAL, ref(),
                Stage.RESTORE, what + ": " + cause, e);
    }

    private BackupException optionOff(String option, Stage stage) {
        return new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref(), stage,
                "not checked: the verifier's option " + option + " is off");
    }

    private void pass(VerificationLevel at, Instant t0, String message) {
        stages.add(new StageResult(at.name(), Outcome.PASSED, since(t0), message));
        reached = at;
    }

    private void fail(VerificationLevel at, Duration took, BackupException e) {
        String stage = e.stage().map(s -> "at stage " + s + ": ").orElse("");
        stages.add(new StageResult(at.name(), Outcome.FAILED, took, stage + e.reason()));
        failure = e;
        failedLevel = at;
        LOG.warn("verification of {} at {} failed: {}", ref(), level, e.getMessage());
    }

    /** Records {@code at} as skipped; the run is SKIPPED when {@code at} is the level asked for. */
    private void skip(VerificationLevel at, BackupException cause) {
        stages.add(new StageResult(at.name(), Outcome.SKIPPED, Duration.ZERO, cause.reason()));
        if (at == level) {
            skipCause = cause;
        }
    }

    /** Records {@code from} and every deeper level asked for as skipped: they cannot run without it. */
    private void skipFrom(VerificationLevel from, BackupException cause) {
        for (VerificationLevel at : VerificationLevel.values()) {
            if (at.includes(from) && level.includes(at)) {
                skip(at, cause);
            }
        }
    }

    private static VerificationLevel next(VerificationLevel at) {
        VerificationLevel[] all = VerificationLevel.values();
        return all[Math.min(at.ordinal() + 1, all.length - 1)];
    }

    private String ref() {
        return manifest.ref();
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private Duration since(Instant t0) {
        return Duration.between(t0, now());
    }
}
