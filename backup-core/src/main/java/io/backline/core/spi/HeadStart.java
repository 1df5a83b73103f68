package io.backline.core.spi;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a {@link BackupSource} or {@link RestoreTarget} does on a thread of its own while the backup or restore does
 * its own first steps (see {@link BackupSource#headStart(String)} and {@link RestoreTarget#headStart(String)}):
 * opening a connection, probing a tool. The source's {@code writeTo} or the target's {@code stage} takes the result
 * over through {@link SourceContext#headStart()} or {@link RestoreContext#headStart()}.
 *
 * <p>The prepared value is an {@link AutoCloseable} (an open connection, say). Whoever {@linkplain #take takes} it owns
 * it; a value never taken is closed by {@link #discard()}, which the backup or restore calls when it ends, or at once
 * when the work finishes after that. Failed work fails {@code take} with its exception. Thread-safe.
 */
public final class HeadStart {
    private static final Logger LOG = LoggerFactory.getLogger(HeadStart.class);
    private static final HeadStart NONE = new HeadStart(null);

    private final CompletableFuture<AutoCloseable> prepared;
    private boolean taken;
    private boolean discarded;

    private HeadStart(CompletableFuture<AutoCloseable> prepared) {
        this.prepared = prepared;
    }

    /** Nothing prepared: {@link #take} finds nothing. */
    public static HeadStart none() {
        return NONE;
    }

    /**
     * Runs the source's head start, if it has one, on a new daemon thread.
     *
     * @param source    the source about to be backed up
     * @param backupRef the backup, for the thread's name and the source's messages
     */
    public static HeadStart start(BackupSource source, String backupRef) {
        return start(() -> source.headStart(backupRef), "backup " + backupRef, "backline-head-start-" + backupRef);
    }

    /**
     * Runs the target's head start, if it has one, on a new daemon thread.
     *
     * @param target    the target about to be restored into
     * @param backupRef the backup as the caller named it, for the thread's name and the target's messages
     */
    public static HeadStart start(RestoreTarget target, String backupRef) {
        return start(() -> target.headStart(backupRef), "restore of " + backupRef,
                "backline-head-start-restore-" + backupRef);
    }

    private static HeadStart start(Supplier<Callable<? extends AutoCloseable>> offer, String what,
                                   String threadName) {
        Callable<? extends AutoCloseable> work;
        try {
            work = offer.get();
        } catch (RuntimeException e) { // the source or target then does the work itself and reports what goes wrong
            LOG.debug("{}: no head start ({})", what, e.toString());
            return NONE;
        }
        if (work == null) {
            return NONE;
        }
        CompletableFuture<AutoCloseable> prepared = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                prepared.complete(work.call());
            } catch (Throwable e) { // handed to take(), which rethrows it on the caller's thread
                prepared.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return new HeadStart(prepared);
    }

    /**
     * Waits for the work and hands its value over: the caller owns it from now on.
     *
     * @return the prepared value when there is one of that type; empty when nothing was prepared
     * @throws IOException      what the work threw, or an interruption while waiting for it
     * @throws RuntimeException what the work threw ({@link io.backline.core.BackupException} and the like)
     */
    public <T> Optional<T> take(Class<T> type) throws IOException {
        Objects.requireNonNull(type, "type");
        if (prepared == null) {
            return Optional.empty();
        }
        AutoCloseable value;
        try {
            value = prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the head start");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        synchronized (this) {
            if (taken || discarded || !type.isInstance(value)) {
                return Optional.empty();
            }
            taken = true;
        }
        return Optional.of(type.cast(value));
    }

    /** Closes what was prepared and not taken, now or when the work finishes. Never throws. */
    public void discard() {
        if (prepared == null) {
            return;
        }
        synchronized (this) {
            if (discarded) {
                return;
            }
            discarded = true;
        }
        prepared.whenComplete((value, failure) -> {
            boolean owned;
            synchronized (this) {
                owned = !taken;
            }
            if (owned && value != null) {
                try {
                    value.close();
                } catch (Exception e) {
                    LOG.debug("closing an unused head start failed: {}", e.toString());
                }
            }
        });
    }

    private static IOException rethrow(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException("the head start failed: " + failure, failure);
    }
}
