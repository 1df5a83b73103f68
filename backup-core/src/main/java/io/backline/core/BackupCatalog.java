package io.backline.core;

import io.backline.core.internal.LockRecord;
import io.backline.core.internal.RepositoryLayout;
import io.backline.core.internal.RepositoryMarker;
import io.backline.core.internal.SourceLock;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups a repository holds, read from their manifests: listed newest first, filtered by {@link BackupQuery},
 * with the latest completed backup per source.
 *
 * <p>Each call reads storage afresh (a listing per call, then the manifests it needs), so it always tells the truth
 * about what is committed. A RUNNING manifest whose source lock is gone, lapsed or held by another backup reads as
 * {@link BackupStatus#INTERRUPTED}. Manifests that cannot be parsed are logged and left out of lists; {@link #find}
 * reports them as errors.
 */
public final class BackupCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCatalog.class);
    private static final Comparator<BackupSummary> NEWEST_FIRST = Comparator
            .comparing(BackupSummary::startedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(BackupSummary::id, Comparator.reverseOrder())
            .thenComparing(BackupSummary::source);

    private static final int PARALLEL_THRESHOLD = 64;
    private static final int READERS = 8;

    private final Storage storage;
    private final Clock clock;

    BackupCatalog(Storage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A catalog over {@code storage}, using {@code clock} for time windows and lease expiry. */
    public static BackupCatalog of(Storage storage, Clock clock) {
        return new BackupCatalog(storage, clock);
    }

    /** The backups matching {@code query}, newest first. */
    public List<BackupSummary> list(BackupQuery query) {
        return read(query, true, false).backups();
    }

    /** Every verification record of {@code source} (of all sources when null), oldest first. */
    public List<VerificationRecord> verifications(String source) {
        return read(source == null ? BackupQuery.all() : BackupQuery.source(source), false, true).verifications();
    }

    /**
     * The backups matching {@code query}, newest first, together with every verification record of the sources it
     * covers, oldest first — read from one listing of storage, for callers (reports, health) that need both.
     */
    public Contents contents(BackupQuery query) {
        return read(query, true, true);
    }

    /**
     * What one listing of a repository holds.
     *
     * @param backups       the backups that matched the query, newest first
     * @param verifications verification records of the listed sources, oldest first (empty unless asked for)
     */
    public record Contents(List<BackupSummary> backups, List<VerificationRecord> verifications) {
        public Contents {
            backups = List.copyOf(backups);
            verifications = List.copyOf(verifications);
        }
    }

    private Contents read(BackupQuery query, boolean withManifests, boolean withVerifications) {
        try {
            RepositoryMarker.check(storage);
            String prefix = query.source().map(RepositoryLayout::sourcePrefix).orElse("");
            List<String> manifestKeys = new ArrayList<>();
            List<String> verificationKeys = new ArrayList<>();
            for (BlobInfo blob : storage.list(prefix)) {
                if (RepositoryLayout.parseManifestKey(blob.key()).isPresent()) {
                    if (withManifests) {
                        manifestKeys.add(blob.key());
                    }
                } else if (withVerifications && RepositoryLayout.isVerificationKey(blob.key())) {
                    verificationKeys.add(blob.key());
                }
            }
            Map<String, Optional<LockRecord>> locks = new HashMap<>();
            List<BackupSummary> result = new ArrayList<>();
            for (BackupManifest manifest : readAll(manifestKeys, this::readQuietly)) {
                BackupSummary summary = summarize(manifest, locks);
                if (query.matches(summary, clock.instant())) {
                    result.add(summary);
                }
            }
            result.sort(NEWEST_FIRST);
            List<BackupSummary> backups = result.size() > query.maxResults()
                    ? result.subList(0, query.maxResults()) : result;
            List<VerificationRecord> records = new ArrayList<>(readAll(verificationKeys, this::readRecordQuietly));
            records.sort(Comparator.comparing(VerificationRecord::startedAt,
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            return new Contents(backups, records);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_UNAVAILABLE, null, Stage.MANIFEST,
                    "cannot list " + storage.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and parses the small blobs under {@code keys}; many at once on a few threads, since each is a small read
     * whose latency (a disk seek, an HTTP round trip) dominates. Unreadable ones are logged and left out.
     */
    private <T> List<T> readAll(List<String> keys, KeyReader<T> reader) throws IOException {
        if (keys.size() < PARALLEL_THRESHOLD) {
            List<T> values = new ArrayList<>(keys.size());
            for (String key : keys) {
                T value = reader.read(key);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }
        ExecutorService readers = Executors.newFixedThreadPool(READERS, runnable -> {
            Thread thread = new Thread(runnable, "backline-catalog-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<T>>> batches = new ArrayList<>();
            int batch = Math.max(PARALLEL_THRESHOLD / 2, keys.size() / (READERS * 4) + 1);
            for (int from = 0; from < keys.size(); from += batch) {
                List<String> slice = keys.subList(from, Math.min(keys.size(), from + batch));
                batches.add(readers.submit(() -> {
                    List<T> values = new ArrayList<>(slice.size());
                    for (String key : slice) {
                        T value = reader.read(key);
                        if (value != null) {
                            values.add(value);
                        }
                    }
                    return values;
                }));
            }
            List<T> all = new ArrayList<>(keys.size());
            for (Future<List<T>> future : batches) {
                all.addAll(future.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading manifests");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            readers.shutdownNow();
        }
    }

    /** Reads one small blob into a value, or null to leave it out. */
    @FunctionalInterface
    private interface KeyReader<T> {
        T read(String key) throws IOException;
    }

    private VerificationRecord readRecordQuietly(String key) throws IOException {
        try {
            return ManifestCodec.readVerification(storage.readAll(key));
        } catch (BlobNotFoundException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("verification record {} is unreadable and was skipped: {}", key, e.toString());
            return null;
        }
    }

    private BackupManifest readQuietly(String key) throws IOException {
        try {
            return ManifestCodec.read(storage.readAll(key), key);
        } catch (ManifestCodec.MalformedManifestException e) {
            LOG.warn("{}", e.getMessage());
            return null;
        } catch (BlobNotFoundException e) {
            return null;
        }
    }

    /** Every backup not deleted by retention, newest first. */
    public List<BackupSummary> list() {
        return list(BackupQuery.all());
    }

    /**
     * The backup with {@code id}, given as {@code id} or {@code source/id}.
     *
     * @throws IntegrityException when its manifest is malformed
     */
    public Optional<BackupSummary> find(String idOrRef) {
        String source = null;
        String id = idOrRef;
        int slash = idOrRef.indexOf('/');
        if (slash > 0) {
            source = idOrRef.substring(0, slash);
            id = idOrRef.substring(slash + 1);
        }
        try {
            if (source == null) {
                for (BlobInfo blob : storage.list("")) {
                    Optional<String[]> parsed = RepositoryLayout.parseManifestKey(blob.key());
                    if (parsed.isPresent() && parsed.get()[1].equals(id)) {
                        source = parsed.get()[0];
                        break;
                    }
                }
                if (source == null) {
                    return Optional.empty();
                }
            }
            String key = RepositoryLayout.manifestKey(source, id);
            BackupManifest manifest;
            try {
                manifest = ManifestCodec.read(storage.readAll(key), key);
            } catch (BlobNotFoundException e) {
                return Optional.empty();
            }
            return Optional.of(summarize(manifest, new HashMap<>()));
        } catch (ManifestCodec.MalformedManifestException e) {
            throw new IntegrityException(ErrorCode.MANIFEST_INVALID, idOrRef, Stage.MANIFEST, e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_UNAVAILABLE, idOrRef, Stage.MANIFEST,
                    "cannot read from " + storage.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The newest completed, not deleted, backup of {@code source}. */
    public Optional<BackupSummary> latestCompleted(String source) {
        return list(BackupQuery.source(source).status(BackupStatus.COMPLETED)).stream().findFirst();
    }

    /** The newest completed, not deleted, backup of each source, by source name. */
    public Map<String, BackupSummary> latestCompletedPerSource() {
        Map<String, BackupSummary> latest = new LinkedHashMap<>();
        for (BackupSummary summary : list(BackupQuery.all().status(BackupStatus.COMPLETED))) {
            latest.putIfAbsent(summary.source(), summary);
        }
        return latest;
    }

    /** The names of the sources that have manifests, sorted. */
    public List<String> sources() {
        TreeSet<String> names = new TreeSet<>();
        for (BackupSummary summary : list(BackupQuery.all().includeDeleted())) {
            names.add(summary.source());
        }
        return List.copyOf(names);
    }

    /** The storage this catalog reads. */
    public Storage storage() {
        return storage;
    }

    private BackupSummary summarize(BackupManifest manifest, Map<String, Optional<LockRecord>> locks)
            throws IOException {
        BackupStatus status = manifest.status();
        if (status == BackupStatus.RUNNING) {
            String source = manifest.source().name();
            Optional<LockRecord> lock = locks.get(source);
            if (lock == null) {
                lock = SourceLock.read(storage, source);
                locks.put(source, lock);
            }
            boolean alive = lock.isPresent() && manifest.id().equals(lock.get().owner())
                    && !lock.get().isStale(clock.instant(), io.backline.core.internal.HostInfos.hostname());
            if (!alive) {
                status = BackupStatus.INTERRUPTED;
            }
        }
        return new BackupSummary(manifest, status);
    }
}
