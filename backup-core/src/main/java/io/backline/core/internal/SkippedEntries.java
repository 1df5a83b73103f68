package io.backline.core.internal;

import io.backline.core.manifest.BackupManifest.SkippedEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths a tree backup left out, with reasons, for the manifest. Keeps at most {@link #LIMIT} of them so that a
 * tree full of sockets cannot bloat the manifest; the rest are counted in a final summary entry.
 */
final class SkippedEntries {
    static final int LIMIT = 1000;

    private final List<SkippedEntry> entries = new ArrayList<>();
    private long dropped;

    void add(String path, String reason) {
        if (entries.size() < LIMIT) {
            entries.add(new SkippedEntry(path, reason));
        } else {
            dropped++;
        }
    }

    List<SkippedEntry> toList() {
        if (dropped == 0) {
            return List.copyOf(entries);
        }
        List<SkippedEntry> all = new ArrayList<>(entries);
        all.add(new SkippedEntry("...", dropped + " more entries skipped, not listed"));
        return List.copyOf(all);
    }
}
