package io.backline.verify.spi;

import io.backline.core.spi.RestoreTarget;
import java.io.IOException;

/**
 * One scratch place created for one test restore. The verifier uses it exactly in this order, on one thread:
 * <ol>
 *   <li>{@link #restoreTarget()} — the target the payload is restored into ({@code prepare}, then {@code restore});</li>
 *   <li>{@link #inspect()} — only when the restore succeeded: what the scratch copy holds;</li>
 *   <li>{@link #close()} — always, whether the restore succeeded, failed or threw: drop the scratch database or
 *       delete the scratch directory.</li>
 * </ol>
 * {@code close()} must remove everything the drill created even when the restore stopped half-way, and must be safe
 * to call when nothing was restored. A failing {@code close()} is reported as a warning on the verification result,
 * never silently ignored.
 */
public interface ScratchTarget extends AutoCloseable {

    /** A description without credentials, e.g. {@code database backline_verify_20261129t060000z_k3v9q2xa}. */
    String describe();

    /** The restore target writing into the scratch place. */
    RestoreTarget restoreTarget();

    /**
     * What the scratch copy holds after the restore: each table's exact row count, or the tree's files and bytes.
     *
     * @throws IOException when the scratch place cannot be read
     */
    ScratchContents inspect() throws IOException;

    /** Drops or deletes the scratch place and everything in it. */
    @Override
    void close() throws IOException;
}
