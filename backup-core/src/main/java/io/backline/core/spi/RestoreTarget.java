package io.backline.core.spi;

import io.backline.core.manifest.BackupManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Where a payload is restored: a directory, a database. The restorer hands it the decrypted, decompressed payload
 * as a stream; the target reads it to the end and reports what it did.
 */
public interface RestoreTarget {

    /** A description without credentials, for messages. */
    String describe();

    /**
     * Checks, before any byte is fetched, that this target can take the backup's payload and that restoring would
     * not destroy anything it was not told to replace.
     *
     * @throws IOException or a {@code BackupException} naming the conflict
     */
    void prepare(BackupManifest manifest, RestoreContext context) throws IOException;

    /** Restores the payload; reads {@code payload} to its end. */
    RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context) throws IOException;

    /**
     * Offers a restore kept apart from the target until it is committed, in place of {@link #prepare} and
     * {@link #restore}: the restorer then checks the backup on the way, in one pass, instead of verifying it in a
     * separate pass before touching the target. Makes the same checks as {@link #prepare}. Returns empty, changing
     * nothing, when this target cannot stage this restore (the default).
     *
     * @throws IOException or a {@code BackupException} naming the conflict, as {@link #prepare} does
     */
    default Optional<StagedRestore> stage(BackupManifest manifest, RestoreContext context) throws IOException {
        return Optional.empty();
    }

    /**
     * Work this target can do while the restorer reads the manifest and checks the sidecar, before {@link #prepare}
     * or {@link #stage}: opening a connection, say. The restorer runs it on a thread of its own as the restore starts;
     * {@code prepare}, {@code stage} or {@code restore} take the result over with
     * {@code context.headStart().take(type)}. The work must change nothing anyone can see, and should return null
     * rather than fail (it runs before the backup's full reference is known, so the target's own step, doing the work
     * again, reports the failure); what is not taken is closed.
     *
     * @param backupRef the backup as the caller named it (an id, or source/id)
     * @return the work, or null (the default) when there is nothing worth starting early
     */
    default Callable<? extends AutoCloseable> headStart(String backupRef) {
        return null;
    }
}
