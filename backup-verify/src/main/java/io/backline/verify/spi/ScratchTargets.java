package io.backline.verify.spi;

import io.backline.core.manifest.BackupManifest;
import java.io.IOException;

/**
 * Supplies scratch places for test restores, e.g. a PostgreSQL server on which databases named
 * {@code backline_verify_<id>} may be created and dropped, or a directory under which scratch trees may be
 * extracted. The host configures one or more on the verifier; the first that {@link #supports} a backup is used.
 *
 * <p>Implementations must be thread safe. They must never restore into, or drop, anything but the scratch place they
 * created for the drill: the name in {@link ScratchContext#scratchName()} is unique per backup, and a provider should
 * refuse to reuse a place that already exists rather than overwrite it.
 */
public interface ScratchTargets {

    /**
     * Whether this provider can restore the backup, judged from its manifest alone (payload format, source kind,
     * database product). Must not touch the server or disk.
     */
    boolean supports(BackupManifest manifest);

    /**
     * Creates an empty scratch place for the backup.
     *
     * @throws IOException when the place cannot be created (server unreachable, name taken); the verifier reports
     *                     the drill as failed at stage RESTORE and calls nothing else
     */
    ScratchTarget create(BackupManifest manifest, ScratchContext context) throws IOException;

    /** A description without credentials, for messages, e.g. {@code postgresql://db-scratch:5432}. */
    String describe();
}
