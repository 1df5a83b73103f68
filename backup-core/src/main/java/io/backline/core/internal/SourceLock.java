package io.backline.core.internal;

import io.backline.core.BackupEvent;
import io.backline.core.BackupLockedException;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup per source at a time, within a JVM and across processes sharing the repository: a lease blob
 * {@code <source>/lock.json} written with put-if-absent, renewed while the backup runs, deleted when it ends.
 *
 * <p>A lease that lapsed, or whose holder is a dead process on this host, is stale and is taken over; the takeover
 * is logged and reported as an event. The lease is also how a RUNNING manifest whose writer is gone is recognised.
 */
public final class SourceLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLock.class);

    private final Storage storage;
    private final String key;
    private final Clock clock;
    private final Duration ttl;
    private final LockRecord initial;
    private final ScheduledExecutorService renewer;
    private volatile byte[] current;

    private SourceLock(Storage storage, String key, Clock clock, Duration ttl, LockRecord record, byte[] written) {
        this.storage = storage;
        this.key = key;
        this.clock = clock;
        this.ttl = ttl;
        this.initial = record;
        this.current = written;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backline-lock-" + key);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, ttl.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock of {@code source} for backup {@code owner}.
     *
     * @throws BackupLockedException when a live backup holds it
     * @throws IOException           when storage fails
     */
    public static SourceLock acquire(Storage storage, String source, String owner, Clock clock, Duration ttl,
                                     Listeners listeners) throws IOException {
        String key = RepositoryLayout.lockKey(source);
        String host = HostInfos.hostname();
        for (int attempt = 0; attempt < 3; attempt++) {
            LockRecord record = new LockRecord(owner, host, ProcessHandle.current().pid(), clock.instant(),
                    clock.instant().plus(ttl));
            byte[] bytes = record.toJson();
            try {
                storage.putIfAbsent(key, bytes);
                return new SourceLock(storage, key, clock, ttl, record, bytes);
            } catch (BlobExistsException taken) {
                byte[] held;
                try {
                    held = storage.readAll(key);
                } catch (BlobNotFoundException released) {
                    continue;
                }
                LockRecord holder = parse(held);
                if (holder != null && !holder.isStale(clock.instant(), host)) {
                    throw new BackupLockedException(ErrorCode.LOCKED, source + "/" + owner, Stage.LOCK,
                            "source '" + source + "' is locked by backup " + holder.owner() + " on " + holder.host()
                                    + " (pid " + holder.pid() + ") until " + holder.expiresAt());
                }
                if (Arrays.equals(held, readOrNull(storage, key))) {
                    storage.delete(key);
                    String previous = holder == null ? "an unreadable lock" : holder.owner() + " on " + holder.host()
                            + " (pid " + holder.pid() + ", expired " + holder.expiresAt() + ")";
                    LOG.warn("taking over the stale lock of source '{}' held by {}", source, previous);
                    listeners.fire(new BackupEvent.LockTakenOver(source + "/" + owner, clock.instant(), previous));
                }
            }
        }
        throw new BackupLockedException(ErrorCode.LOCKED, source + "/" + owner, Stage.LOCK,
                "source '" + source + "' lock could not be taken: other writers keep racing for it");
    }

    /** The lease of {@code source}, if any. */
    public static Optional<LockRecord> read(Storage storage, String source) throws IOException {
        byte[] bytes = readOrNull(storage, RepositoryLayout.lockKey(source));
        return bytes == null ? Optional.empty() : Optional.ofNullable(parse(bytes));
    }

    private static byte[] readOrNull(Storage storage, String key) throws IOException {
        try {
            return storage.readAll(key);
        } catch (BlobNotFoundException e) {
            return null;
        }
    }

    private static LockRecord parse(byte[] bytes) {
        try {
            return LockRecord.fromJson(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private void renewQuietly() {
        try {
            LockRecord renewed = new LockRecord(initial.owner(), initial.host(), initial.pid(),
                    initial.acquiredAt(), clock.instant().plus(ttl));
            byte[] bytes = renewed.toJson();
            byte[] held = readOrNull(storage, key);
            if (!Arrays.equals(held, current)) {
                LOG.warn("lock {} of backup {} was taken by another writer; not renewing", key, initial.owner());
                return;
            }
            storage.put(key, bytes);
            current = bytes;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not renew lock {} of backup {}: {}", key, initial.owner(), e.toString());
        }
    }

    /** Releases the lock if this backup still holds it. */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (Arrays.equals(readOrNull(storage, key), current)) {
                storage.delete(key);
            }
        } catch (IOException e) {
            LOG.warn("could not release lock {} of backup {}; it lapses at its expiry: {}", key, initial.owner(),
                    e.toString());
        }
    }
}
