package io.backline.core.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream into a blob that stays invisible until {@link #commit()}.
 *
 * <p>{@link #close()} without a prior successful commit aborts: what was written is discarded and nothing becomes
 * visible. Closing after a commit only releases resources. A writer is used by one thread.
 */
public abstract class BlobWriter extends OutputStream {

    /** Makes everything written durable and visible under the key, atomically. */
    public abstract void commit() throws IOException;

    /** Number of bytes written so far. */
    public abstract long bytesWritten();
}
