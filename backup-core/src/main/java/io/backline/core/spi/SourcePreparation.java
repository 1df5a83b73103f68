package io.backline.core.spi;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link BackupSource} prepares on another thread while its backup takes the repository lock, writes the
 * RUNNING manifest and sets up the data path (see {@link BackupSource#preparation(String)}); {@link
 * BackupSource#writeTo} takes it over through {@link SourceContext#preparation()}.
 *
 * <p>The prepared value is an {@link AutoCloseable} (an open connection, say). Whoever {@linkplain #take takes} it owns
 * it; a value never taken is closed by {@link #discard()}, which the backup calls when it ends, or at once when the
 * preparation finishes after that. A failed preparation fails {@code take} with the same exception the source would
 * have thrown doing the work itself. Thread-safe.
 */
public final class SourcePreparation {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePreparation.class);
    private static final SourcePreparation NONE = new SourcePreparation(null);

    private final CompletableFuture<AutoCloseable> prepared;
    private boolean taken;
    private boolean discarded;

    private SourcePreparation(CompletableFuture<AutoCloseable> prepared) {
        this.prepared = prepared;
    }

    /** Nothing prepared: {@link #take} finds nothing. */
    public static SourcePreparation none() {
        return NONE;
    }

    /**
     * Runs the source's preparation, if it has one, on a new daemon thread.
     *
     * @param source    the source about to be backed up
     * @param backupRef the backup, for the thread's name and the source's messages
     */
    public static SourcePreparation start(BackupSource source, String backupRef) {
        Callable<? extends AutoCloseable> work;
        try {
            work = source.preparation(backupRef);
        } catch (RuntimeException e) { // writeTo then does the work itself and reports what goes wrong
            LOG.debug("backup {}: the source offers no preparation ({})", backupRef, e.toString());
            return NONE;
        }
        if (work == null) {
            return NONE;
        }
        CompletableFuture<AutoCloseable> prepared = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                prepared.complete(work.call());
            } catch (Throwable e) { // handed to take(), which rethrows it on the backup's thread
                prepared.completeExceptionally(e);
            }
        }, "backline-prepare-" + backupRef);
        thread.setDaemon(true);
        thread.start();
        return new SourcePreparation(prepared);
    }

    /**
     * Waits for the preparation and hands its value over: the caller owns it from now on.
     *
     * @return the prepared value when there is one of that type; empty when nothing was prepared
     * @throws IOException      what the preparation threw, or an interruption while waiting for it
     * @throws RuntimeException what the preparation threw ({@link io.backline.core.BackupException} and the like)
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
            throw new InterruptedIOException("interrupted while the source was being prepared");
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

    /** Closes what was prepared and not taken, now or when the preparation finishes. Never throws. */
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
                    LOG.debug("closing an unused source preparation failed: {}", e.toString());
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
        return new IOException("preparing the source failed: " + failure, failure);
    }
}
