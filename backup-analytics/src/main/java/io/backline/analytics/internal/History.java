package io.backline.analytics.internal;

import io.backline.core.BackupCatalog;
import io.backline.core.BackupQuery;
import io.backline.core.BackupReader;
import io.backline.core.BackupSummary;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.VerificationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything analytics needs from a repository, read once: every manifest (including failed, interrupted and
 * deleted attempts) and every verification record. All computations of one engine call run over one instance.
 */
public final class History {
    private final Instant loadedAt;
    private final List<BackupSummary> backups;
    private final List<VerificationRecord> verifications;
    private final List<String> sources;

    public History(Instant loadedAt, List<BackupSummary> backups, List<VerificationRecord> verifications) {
        this.loadedAt = loadedAt;
        List<BackupSummary> sorted = new ArrayList<>(backups.size());
        TreeSet<String> names = new TreeSet<>();
        for (BackupSummary summary : backups) {
            if (summary.startedAt() != null) {
                sorted.add(summary);
                names.add(summary.source());
            }
        }
        Comparator<BackupSummary> order = Comparator.comparing(BackupSummary::startedAt)
                .thenComparing(BackupSummary::source).thenComparing(BackupSummary::id);
        java.util.Collections.reverse(sorted);
        for (int i = 1; i < sorted.size(); i++) {
            if (order.compare(sorted.get(i - 1), sorted.get(i)) > 0) {
                sorted.sort(order);
                break;
            }
        }
        this.backups = List.copyOf(sorted);
        List<VerificationRecord> records = new ArrayList<>();
        for (VerificationRecord record : verifications) {
            if (record.startedAt() != null) {
                records.add(record);
            }
        }
        records.sort(Comparator.comparing(VerificationRecord::startedAt));
        this.verifications = List.copyOf(records);
        this.sources = List.copyOf(names);
    }

    /** Reads the manifests (deleted and failed attempts included) and the verification records from one listing. */
    public static History load(BackupCatalog catalog, BackupReader reader, Instant now) {
        BackupCatalog.Contents contents = catalog.contents(BackupQuery.all().includeDeleted());
        return new History(now, contents.backups(), contents.verifications());
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Every attempt with a start time, oldest first. */
    public List<BackupSummary> backups() {
        return backups;
    }

    /** Every verification record with a start time, oldest first. */
    public List<VerificationRecord> verifications() {
        return verifications;
    }

    /** Source names, sorted. */
    public List<String> sources() {
        return sources;
    }

    /** When a completed backup's artifact became visible: its end, or its start when the end is unknown. */
    public static Instant committedAt(BackupSummary summary) {
        return summary.finishedAt() != null ? summary.finishedAt() : summary.startedAt();
    }

    /** Whether {@code summary} held stored bytes at {@code at}: completed by then and not yet deleted. */
    public static boolean inUseAt(BackupSummary summary, Instant at) {
        if (summary.status() != BackupStatus.COMPLETED || committedAt(summary).isAfter(at)) {
            return false;
        }
        Instant deletedAt = summary.manifest().deletedAt();
        return deletedAt == null || deletedAt.isAfter(at);
    }
}
