package io.backline.core;

import io.backline.core.crypto.BackupEncryption;
import io.backline.core.internal.ArtifactWriter;
import io.backline.core.internal.BackupIds;
import io.backline.core.internal.Failures;
import io.backline.core.internal.HostInfos;
import io.backline.core.internal.Listeners;
import io.backline.core.internal.ProgressTracker;
import io.backline.core.internal.RepositoryLayout;
import io.backline.core.internal.RepositoryMarker;
import io.backline.core.internal.RetentionExecutor;
import io.backline.core.internal.SourceLock;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.manifest.BackupManifest.ErrorInfo;
import io.backline.core.manifest.BackupManifest.PayloadInfo;
import io.backline.core.manifest.BackupManifest.SourceInfo;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.HeadStart;
import io.backline.core.spi.SourceReport;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up sources into a repository, lists what it holds and applies retention. Build one with {@link #builder()}
 * and call it from the host's own scheduler; it is thread safe, and backups of different sources may run at once.
 *
 * <p>Every {@link #backup} follows the write order of DESIGN §4 — manifest RUNNING, artifact, sidecar, manifest
 * COMPLETED — under the source's lock, so a backup is visible as completed only once it is complete and durable.
 * A failure at any point leaves a FAILED manifest naming the stage and cause (or, if storage refuses even that, a
 * RUNNING one that reads as INTERRUPTED once the lock is gone), never a completed one.
 *
 * <pre>{@code
 * BackupManager manager = BackupManager.builder()
 *     .storage(LocalStorage.at(Path.of("/var/backups/app")))
 *     .encryption(BackupEncryption.toRecipients("age1…"))
 *     .compression(Compression.zstd(3))
 *     .build();
 * BackupResult result = manager.backup(FileSource.of("uploads", Path.of("/srv/uploads")));
 * }</pre>
 */
public final class BackupManager {
    private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);

    private final Storage storage;
    private final Compression compression;
    private final BackupEncryption encryption;
    private final Listeners listeners;
    private final Clock clock;
    private final Path tempDir;
    private final Duration lockLease;
    private final Map<String, String> labels;
    private final BackupIds ids = new BackupIds();
    private final BackupCatalog catalog;

    private BackupManager(Builder builder) {
        this.storage = builder.storage;
        this.compression = builder.compression;
        this.encryption = builder.encryption;
        this.listeners = new Listeners(builder.listeners);
        this.clock = builder.clock;
        this.tempDir = builder.tempDir;
        this.lockLease = builder.lockLease;
        this.labels = Map.copyOf(builder.labels);
        this.catalog = new BackupCatalog(storage, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The catalog of the repository this manager writes. */
    public BackupCatalog catalog() {
        return catalog;
    }

    /** The repository's storage. */
    public Storage storage() {
        return storage;
    }

    /**
     * Backs up {@code source}. Never throws for a failed backup: the result carries the status and the error.
     *
     * @throws IllegalArgumentException when the source's name is not a valid source name
     */
    public BackupResult backup(BackupSource source) {
        String name = RepositoryLayout.checkSourceName(source.name());
        Instant started = clock.instant();
        String id = ids.next(clock);
        String ref = name + "/" + id;
        // the source's own set-up (a database connection, a tool probe) overlaps the manifest, lock and data path
        HeadStart headStart = HeadStart.start(source, ref);
        BackupManifest manifest;
        try {
            manifest = newManifest(source, id, started);
        } catch (RuntimeException | Error e) {
            headStart.discard();
            throw e;
        }
        SourceLock lock = null;
        ArtifactWriter writer = null;
        Stage stage = Stage.LOCK;
        try {
            RepositoryMarker.ensure(storage, clock);
            lock = SourceLock.acquire(storage, name, id, clock, lockLease, listeners);
            stage = Stage.MANIFEST;
            storage.putIfAbsent(RepositoryLayout.manifestKey(name, id), ManifestCodec.write(manifest));
            listeners.fire(new BackupEvent.Started(ref, started));
            LOG.info("backup {} started: {} with {} compression{}", ref, source.description(), compression,
                    encryption.encrypts() ? ", age-encrypted" : "");

            stage = Stage.STORE;
            String artifactName = RepositoryLayout.artifactName(id, source.payloadExtension(),
                    compression.extension(), encryption.artifactSuffix());
            ProgressTracker progress = new ProgressTracker(ref, clock, listeners);
            writer = new ArtifactWriter(artifactName,
                    storage.create(RepositoryLayout.artifactKey(name, artifactName)), compression, encryption,
                    progress);
            stage = Stage.SOURCE;
            SourceReport report = source.writeTo(writer.content(),
                    new SourceContext(ref, tempDir, clock, headStart));
            stage = Stage.STORE;
            ArtifactInfo artifact = writer.finish();
            progress.update(artifact.contentBytes(), artifact.storedBytes(), true);
            manifest = manifest.withArtifact(artifact).withContent(report.database(), report.files());

            storage.put(RepositoryLayout.sidecarKey(name, id),
                    RepositoryLayout.sidecarText(artifact.sha256(), artifactName).getBytes(StandardCharsets.UTF_8));
            stage = Stage.MANIFEST;
            manifest = manifest.finished(BackupStatus.COMPLETED, clock.instant(), null);
            storage.put(RepositoryLayout.manifestKey(name, id), ManifestCodec.write(manifest));
            listeners.fire(new BackupEvent.Completed(ref, clock.instant(), manifest));
            LOG.info("backup {} completed: {} bytes of content stored in {} bytes in {}", ref,
                    artifact.contentBytes(), artifact.storedBytes(), manifest.duration());
            return new BackupResult(name, id, BackupStatus.COMPLETED, manifest, null,
                    Duration.between(started, clock.instant()));
        } catch (BlobExistsException e) {
            return fail(ref, name, id, manifest, lock != null,
                    Failures.classify(ref, Stage.MANIFEST, new IOException("backup id collision: " + e.getMessage(),
                            e)), started, writer);
        } catch (IOException | RuntimeException e) {
            return fail(ref, name, id, manifest, lock != null, Failures.classify(ref, stage, e), started, writer);
        } catch (Error e) {
            if (writer != null) {
                writer.abort();
            }
            throw e;
        } finally {
            headStart.discard();
            if (lock != null) {
                lock.close();
            }
        }
    }

    private BackupResult fail(String ref, String name, String id, BackupManifest manifest, boolean recordIt,
                              BackupException error, Instant started, ArtifactWriter writer) {
        if (writer != null) {
            writer.abort();
        }
        BackupManifest failed = manifest.withArtifact(null).finished(BackupStatus.FAILED, clock.instant(),
                new ErrorInfo(error.stage().map(Enum::name).orElse(null), error.code().name(), error.reason()));
        BackupManifest written = null;
        if (recordIt || error.code() == ErrorCode.LOCKED) {
            try {
                storage.put(RepositoryLayout.manifestKey(name, id), ManifestCodec.write(failed));
                written = failed;
                deleteQuietly(RepositoryLayout.sidecarKey(name, id));
                if (manifest.artifact() != null) {
                    deleteQuietly(RepositoryLayout.artifactKey(name, manifest.artifact().name()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("backup {} failed and its FAILED manifest could not be written either ({}); it will read"
                        + " as INTERRUPTED", ref, e.toString());
            }
        }
        LOG.warn("{}", error.getMessage());
        listeners.fire(new BackupEvent.Failed(ref, clock.instant(), error));
        return new BackupResult(name, id, BackupStatus.FAILED, written, error,
                Duration.between(started, clock.instant()));
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", key, e.toString());
        }
    }

    private BackupManifest newManifest(BackupSource source, String id, Instant started) {
        return new BackupManifest(id, BackupManifest.FORMAT_VERSION,
                new SourceInfo(source.name(), source.kind(), source.description()), labels, BackupStatus.RUNNING,
                started, null, null, null, null, compression.describe(), encryption.describe(),
                new PayloadInfo(source.payloadFormat()), null, null, HostInfos.current(), null);
    }

    /**
     * Applies {@code policy} to the completed backups of {@code source}: a dry run only plans; otherwise each backup
     * the policy does not keep is marked deleted in its manifest first, then its artifact and sidecar go. Leftovers
     * of failed and interrupted attempts are removed too. Manifests stay as history.
     */
    public RetentionResult applyRetention(String source, RetentionPolicy policy, boolean dryRun) {
        RepositoryLayout.checkSourceName(source);
        return new RetentionExecutor(storage, catalog, clock, listeners).apply(source, policy, dryRun);
    }

    @Override
    public String toString() {
        return "BackupManager[storage=" + storage.describe() + ", compression=" + compression + ", encryption="
                + encryption + "]";
    }

    /** Configures a {@link BackupManager}; {@link #build()} checks that it is complete. */
    public static final class Builder {
        private Storage storage;
        private Compression compression = Compression.defaults();
        private BackupEncryption encryption = BackupEncryption.none();
        private final List<BackupListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        private Duration lockLease = Duration.ofMinutes(5);
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        /** Where the repository lives (required). */
        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** How payloads are compressed; zstd level 3 by default. */
        public Builder compression(Compression value) {
            this.compression = Objects.requireNonNull(value, "compression");
            return this;
        }

        /** How artifacts are encrypted; none by default. */
        public Builder encryption(BackupEncryption value) {
            this.encryption = Objects.requireNonNull(value, "encryption");
            return this;
        }

        /** Adds a listener for backup events. */
        public Builder listener(BackupListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** The clock for ids, manifests and lock leases; the system UTC clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The directory for the few temp files sources may need (0600, deleted at once); java.io.tmpdir by default. */
        public Builder tempDir(Path value) {
            this.tempDir = Objects.requireNonNull(value, "tempDir");
            return this;
        }

        /** How long a source lock lasts without renewal; renewed every third of it. 5 minutes by default. */
        public Builder lockLease(Duration value) {
            if (value.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("lockLease needs to be at least 1s, not " + value);
            }
            this.lockLease = value;
            return this;
        }

        /** A label recorded in every manifest this manager writes. */
        public Builder label(String key, String value) {
            this.labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public BackupManager build() {
            if (storage == null) {
                throw new IllegalStateException("storage needs to be set, e.g. LocalStorage.at(path)");
            }
            if (!Files.isDirectory(tempDir)) {
                throw new IllegalStateException("tempDir needs to be an existing directory, not " + tempDir);
            }
            return new BackupManager(this);
        }
    }
}
