package io.backline.core.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * A restore that its {@link RestoreTarget} keeps apart from what it restores into until {@link #commit()}, so that a
 * payload failing a check at its very end (the stored or content SHA-256, the last age chunk) leaves the target as it
 * was. The restorer calls {@link #restore}, checks the payload, then {@link #commit()}; {@link #close()} without a
 * commit discards everything staged. One use only.
 */
public interface StagedRestore extends AutoCloseable {

    /** Restores the payload into the staging area; reads {@code payload} to its end. */
    RestoreOutcome restore(InputStream payload) throws IOException;

    /** Makes the staged restore the target's content; called only after every check of the payload passed. */
    void commit() throws IOException;

    /** Discards whatever was staged unless {@link #commit()} succeeded. Never throws. */
    @Override
    void close();
}
