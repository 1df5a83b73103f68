package io.backline.core.internal;

import io.backline.core.BackupEvent;
import java.time.Clock;

/** Emits {@link BackupEvent.Progress} at most once a second. */
public final class ProgressTracker {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final String ref;
    private final Clock clock;
    private final Listeners listeners;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;

    public ProgressTracker(String ref, Clock clock, Listeners listeners) {
        this.ref = ref;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Reports progress if a second has passed since the last report, or when {@code force}. */
    public void update(long contentBytes, long storedBytes, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastNanos < INTERVAL_NANOS) {
            return;
        }
        lastNanos = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        listeners.fire(new BackupEvent.Progress(ref, clock.instant(), contentBytes, storedBytes,
                contentBytes / seconds));
    }
}
