package io.backline.core.internal;

import io.backline.core.BackupCatalog;
import io.backline.core.BackupEvent;
import io.backline.core.BackupQuery;
import io.backline.core.BackupSummary;
import io.backline.core.ErrorCode;
import io.backline.core.RetentionCandidate;
import io.backline.core.RetentionDecision;
import io.backline.core.RetentionPlan;
import io.backline.core.RetentionPolicy;
import io.backline.core.RetentionResult;
import io.backline.core.Stage;
import io.backline.core.StorageException;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a retention plan to one source in the delete order of DESIGN §4: the manifest is marked deleted first,
 * then the artifact and sidecar go. Leftovers of failed and interrupted attempts (artifacts, sidecars, pending
 * uploads) are removed; manifests always stay as history.
 */
public final class RetentionExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionExecutor.class);
    private static final Duration LEFTOVER_AGE = Duration.ofHours(24);

    private final Storage storage;
    private final BackupCatalog catalog;
    private final Clock clock;
    private final Listeners listeners;

    public RetentionExecutor(Storage storage, BackupCatalog catalog, Clock clock, Listeners listeners) {
        this.storage = storage;
        this.catalog = catalog;
        this.clock = clock;
        this.listeners = listeners;
    }

    public RetentionResult apply(String source, RetentionPolicy policy, boolean dryRun) {
        List<BackupSummary> backups = catalog.list(BackupQuery.source(source));
        Map<String, BackupSummary> byId = new HashMap<>();
        List<RetentionCandidate> candidates = new ArrayList<>();
        for (BackupSummary summary : backups) {
            if (summary.status() == BackupStatus.RUNNING) {
                continue;
            }
            byId.put(summary.id(), summary);
            candidates.add(new RetentionCandidate(summary.id(), summary.startedAt(),
                    summary.status() == BackupStatus.COMPLETED));
        }
        RetentionPlan plan = policy.plan(candidates);
        List<String> deleted = new ArrayList<>();
        List<String> cleaned = new ArrayList<>();
        long freed = 0;
        try {
            for (RetentionDecision decision : plan.decisions()) {
                BackupSummary summary = byId.get(decision.id());
                if (decision.keep() || summary == null) {
                    continue;
                }
                if (summary.status() == BackupStatus.COMPLETED) {
                    deleted.add(summary.ref());
                    freed += summary.storedBytes();
                    if (!dryRun) {
                        delete(summary);
                    }
                } else {
                    long leftover = leftoverBytes(summary);
                    if (leftover >= 0) {
                        cleaned.add(summary.ref());
                        freed += leftover;
                        if (!dryRun) {
                            removeLeftovers(summary);
                        }
                    }
                }
            }
            if (!dryRun) {
                int pending = storage.cleanupLeftovers(LEFTOVER_AGE);
                if (pending > 0) {
                    LOG.info("removed {} leftover pending uploads older than {}", pending, LEFTOVER_AGE);
                }
            }
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_FAILED, source, Stage.RETENTION,
                    "retention stopped part-way: " + e.getMessage() + " (re-run it to finish)", e);
        }
        return new RetentionResult(source, dryRun, plan, deleted, cleaned, freed);
    }

    private void delete(BackupSummary summary) throws IOException {
        BackupManifest manifest = summary.manifest();
        String source = manifest.source().name();
        storage.put(RepositoryLayout.manifestKey(source, manifest.id()),
                ManifestCodec.write(manifest.withDeletedAt(clock.instant())));
        if (manifest.artifact() != null) {
            storage.delete(RepositoryLayout.artifactKey(source, manifest.artifact().name()));
        }
        storage.delete(RepositoryLayout.sidecarKey(source, manifest.id()));
        LOG.info("retention deleted backup {}", summary.ref());
        listeners.fire(new BackupEvent.Deleted(summary.ref(), clock.instant(), "retention policy"));
    }

    /** Bytes held by what a failed attempt left behind, or -1 when it left nothing. */
    private long leftoverBytes(BackupSummary summary) throws IOException {
        long bytes = -1;
        for (BlobInfo blob : leftovers(summary)) {
            bytes = Math.max(bytes, 0) + blob.size();
        }
        return bytes;
    }

    private void removeLeftovers(BackupSummary summary) throws IOException {
        for (BlobInfo blob : leftovers(summary)) {
            storage.delete(blob.key());
        }
    }

    private List<BlobInfo> leftovers(BackupSummary summary) throws IOException {
        String prefix = RepositoryLayout.sourcePrefix(summary.source()) + summary.id() + ".";
        List<BlobInfo> found = new ArrayList<>();
        for (BlobInfo blob : storage.list(prefix)) {
            String key = blob.key();
            if (!key.endsWith(RepositoryLayout.MANIFEST_SUFFIX) && !key.contains(".verify-")) {
                found.add(blob);
            }
        }
        return found;
    }
}
