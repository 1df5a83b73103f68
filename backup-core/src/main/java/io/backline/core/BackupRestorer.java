package io.backline.core;

import io.backline.core.crypto.BackupEncryption;
import io.backline.core.internal.ArtifactReader;
import io.backline.core.internal.Failures;
import io.backline.core.internal.Listeners;
import io.backline.core.internal.StoredChecksum;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.spi.HeadStart;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.core.spi.StagedRestore;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores backups from a repository into directories or databases ({@link RestoreTarget}s).
 *
 * <p>A restore checks, before writing anything, that the backup exists, is completed and not deleted, that the
 * target accepts it (an existing directory or database is only overwritten when the target was told to) and that
 * the artifact is encrypted only if this restorer holds an identity or passphrase. The stream is then checked on
 * the way: every age chunk is authenticated, the decompressor checks its frame, and the stored and content SHA-256
 * must match the manifest; a mismatch fails the restore with an error naming the stage.
 *
 * <p>With {@link Builder#verifyBeforeRestore(boolean)} (on by default) only a backup that passes INTEGRITY
 * verification reaches the target: the sidecar must agree with the manifest, every chunk must decrypt, the payload
 * must decompress to its end, and the stored and payload sizes and SHA-256 must match the manifest. A damaged backup,
 * or one the identity does not open, is refused with an error that says so and names the failing stage, and the
 * target is left as it was. When the target can stage the restore ({@link RestoreTarget#stage}: a missing or empty
 * directory, a database that does not exist yet) this takes one pass: the payload is checked on its way into the
 * staging area, which becomes the target only once every check passed. Otherwise (replacing an existing database,
 * merging into a non-empty directory) the backup is verified in a first full pass before the target is prepared,
 * reading the artifact twice. Turning the option off restores straight
 * into the target in one pass; the same checks still run on the way, but a damaged backup may have written part of
 * its payload into the target before it fails.
 */
public final class BackupRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRestorer.class);
    /** Stages whose failure means the backup itself is damaged or unreadable, not that the target refused it. */
    private static final Set<Stage> PAYLOAD_CHECKS = EnumSet.of(Stage.MANIFEST, Stage.FETCH, Stage.CHECKSUM,
            Stage.DECRYPT, Stage.DECOMPRESS, Stage.CONTENT);

    private final Storage storage;
    private final BackupEncryption encryption;
    private final Clock clock;
    private final Path tempDir;
    private final Listeners listeners;
    private final boolean verifyBeforeRestore;
    private final BackupCatalog catalog;

    private BackupRestorer(Builder builder) {
        this.storage = builder.storage;
        this.encryption = builder.encryption;
        this.clock = builder.clock;
        this.tempDir = builder.tempDir;
        this.listeners = new Listeners(builder.listeners);
        this.verifyBeforeRestore = builder.verifyBeforeRestore;
        this.catalog = new BackupCatalog(storage, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The catalog of the repository this restorer reads. */
    public BackupCatalog catalog() {
        return catalog;
    }

    /** Restores a file-tree backup into {@code target}; see {@link DirectoryTarget}. */
    public RestoreResult restoreFiles(String id, Path target, FileRestoreOptions options) {
        return restore(id, DirectoryTarget.of(target, options));
    }

    /** Restores a file-tree backup into an empty or new directory {@code target}. */
    public RestoreResult restoreFiles(String id, Path target) {
        return restoreFiles(id, target, FileRestoreOptions.defaults());
    }

    /**
     * Restores backup {@code idOrRef} ({@code id} or {@code source/id}) into {@code target}. Never throws for a
     * failed restore: the result carries the error.
     */
    public RestoreResult restore(String idOrRef, RestoreTarget target) {
        Instant started = clock.instant();
        String ref = idOrRef;
        // the target's own set-up (a database connection) overlaps reading the manifest and checking the sidecar
        HeadStart headStart = HeadStart.start(target, idOrRef);
        try {
            BackupManifest manifest = restorable(idOrRef);
            ref = manifest.ref();
            RestoreContext context = new RestoreContext(ref, tempDir, clock, headStart);
            RestoreOutcome outcome = verifyBeforeRestore ? restoreVerified(manifest, target, context)
                    : restoreStreaming(manifest, target, context);
            listeners.fire(new BackupEvent.RestoreCompleted(ref, clock.instant(), target.describe()));
            LOG.info("restore of {} into {} completed: {} items, {} bytes", ref, target.describe(),
                    outcome.items(), outcome.bytes());
            return new RestoreResult(ref, target.describe(), outcome, null,
                    Duration.between(started, clock.instant()));
        } catch (IOException | RuntimeException e) {
            BackupException error = Failures.classify(ref, Stage.RESTORE, e);
            LOG.warn("{}", error.getMessage());
            listeners.fire(new BackupEvent.RestoreFailed(ref, clock.instant(), error));
            return new RestoreResult(ref, target.describe(), null, error, Duration.between(started,
                    clock.instant()));
        } finally {
            headStart.discard();
        }
    }

    /**
     * A restore that touches the target only with a verified payload: in one pass through a staged restore when the
     * target offers one, otherwise after a separate INTEGRITY pass.
     */
    private RestoreOutcome restoreVerified(BackupManifest manifest, RestoreTarget target, RestoreContext context)
            throws IOException {
        try {
            StoredChecksum.checkSidecar(storage, manifest);
        } catch (BackupException e) {
            throw refusal(manifest.ref(), e);
        } catch (IOException e) {
            throw refusal(manifest.ref(), Failures.classify(manifest.ref(), Stage.FETCH, e));
        }
        Optional<StagedRestore> staged = target.stage(manifest, context);
        if (staged.isPresent()) {
            return restoreStaged(manifest, staged.get(), target);
        }
        verifyIntegrity(manifest);
        return restoreStreaming(manifest, target, context);
    }

    /**
     * One pass: the payload is checked on its way into the staging area (every age chunk, the decompressor's frame,
     * both SHA-256 at the end) and committed only when all checks passed; a failing check discards it.
     */
    private RestoreOutcome restoreStaged(BackupManifest manifest, StagedRestore staged, RestoreTarget target)
            throws IOException {
        String ref = manifest.ref();
        try (staged) {
            RestoreOutcome outcome;
            try (ArtifactReader reader = ArtifactReader.open(storage, manifest, encryption)) {
                listeners.fire(new BackupEvent.RestoreStarted(ref, clock.instant(), target.describe()));
                LOG.info("restore of {} into {} started (staged)", ref, target.describe());
                outcome = staged.restore(reader.content());
                reader.checkDigests();
            } catch (IOException | RuntimeException e) {
                BackupException failure = Failures.classify(ref, Stage.RESTORE, e);
                throw failure.stage().map(PAYLOAD_CHECKS::contains).orElse(false) ? refusal(ref, failure) : failure;
            }
            staged.commit();
            return outcome;
        }
    }

    /** Straight into the target; the payload's checks run on the way and fail the restore at the stage they fail. */
    private RestoreOutcome restoreStreaming(BackupManifest manifest, RestoreTarget target, RestoreContext context)
            throws IOException {
        String ref = manifest.ref();
        target.prepare(manifest, context);
        listeners.fire(new BackupEvent.RestoreStarted(ref, clock.instant(), target.describe()));
        LOG.info("restore of {} into {} started", ref, target.describe());
        try (ArtifactReader reader = ArtifactReader.open(storage, manifest, encryption)) {
            RestoreOutcome outcome = target.restore(reader.content(), manifest, context);
            reader.checkDigests();
            return outcome;
        }
    }

    /**
     * The INTEGRITY pass before a restore into a target that cannot stage: decrypt, decompress and digest everything.
     *
     * @throws BackupException of the same type as the failure, saying the restore was refused and why
     */
    private void verifyIntegrity(BackupManifest manifest) {
        Instant started = clock.instant();
        try (BackupReader.Payload payload = BackupReader.of(storage, encryption).open(manifest)) {
            payload.verify();
        } catch (BackupException e) {
            throw refusal(manifest.ref(), e);
        }
        LOG.debug("{} verified at INTEGRITY before restoring, in {}", manifest.ref(),
                Duration.between(started, clock.instant()));
    }

    private static BackupException refusal(String ref, BackupException failure) {
        Stage stage = failure.stage().orElse(Stage.VERIFY);
        String reason = "refused to restore: the backup failed its INTEGRITY verification at stage " + stage + ": "
                + failure.reason();
        if (failure instanceof WrongKeyException) {
            return new WrongKeyException(failure.code(), ref, stage, reason, failure);
        }
        if (failure instanceof StorageException) {
            return new StorageException(failure.code(), ref, stage, reason, failure);
        }
        if (failure instanceof IntegrityException) {
            return new IntegrityException(failure.code(), ref, stage, reason, failure);
        }
        return new BackupException(failure.code(), ref, stage, reason, failure);
    }

    private BackupManifest restorable(String idOrRef) {
        BackupSummary summary = catalog.find(idOrRef).orElseThrow(() -> new BackupException(ErrorCode.NOT_FOUND,
                idOrRef, Stage.MANIFEST, "no such backup in " + storage.describe()));
        if (summary.status() != BackupStatus.COMPLETED) {
            throw new BackupException(ErrorCode.NOT_FOUND, summary.ref(), Stage.MANIFEST,
                    "the backup is " + summary.status() + ", not COMPLETED; there is nothing to restore");
        }
        if (summary.deleted()) {
            throw new BackupException(ErrorCode.NOT_FOUND, summary.ref(), Stage.MANIFEST,
                    "retention deleted this backup's artifact at " + summary.manifest().deletedAt());
        }
        BackupManifest manifest = summary.manifest();
        if (manifest.encryption() != null && manifest.encryption().encrypted() && !encryption.canDecrypt()) {
            throw new WrongKeyException(ErrorCode.WRONG_KEY, summary.ref(), Stage.DECRYPT,
                    "the backup is age-encrypted to " + manifest.encryption().recipients()
                            + "; give the identity (or passphrase) that opens it");
        }
        return manifest;
    }

    /** Configures a {@link BackupRestorer}. */
    public static final class Builder {
        private Storage storage;
        private BackupEncryption encryption = BackupEncryption.none();
        private Clock clock = Clock.systemUTC();
        private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        private final List<BackupListener> listeners = new ArrayList<>();
        private boolean verifyBeforeRestore = true;

        private Builder() {
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** Identities or passphrase for encrypted backups. */
        public Builder encryption(BackupEncryption value) {
            this.encryption = Objects.requireNonNull(value, "encryption");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder tempDir(Path value) {
            this.tempDir = Objects.requireNonNull(value, "tempDir");
            return this;
        }

        public Builder listener(BackupListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Whether to verify the backup at INTEGRITY level in a first pass before the target is touched (default on);
         * see the class documentation.
         */
        public Builder verifyBeforeRestore(boolean value) {
            this.verifyBeforeRestore = value;
            return this;
        }

        public BackupRestorer build() {
            if (storage == null) {
                throw new IllegalStateException("storage needs to be set, e.g. LocalStorage.at(path)");
            }
            if (!Files.isDirectory(tempDir)) {
                throw new IllegalStateException("tempDir needs to be an existing directory, not " + tempDir);
            }
            return new BackupRestorer(this);
        }
    }
}
