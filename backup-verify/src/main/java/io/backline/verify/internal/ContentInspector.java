package io.backline.verify.internal;

import io.backline.core.manifest.BackupManifest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks that a payload makes sense for its format and matches what the manifest says it holds. Reads the payload
 * as a stream, holding no more than a bounded amount of it; it need not read it to the end (the caller drains it).
 *
 * <p>Exceptions thrown while reading {@code payload} are the payload's own (decryption, decompression) and must be
 * let through; what the inspector finds wrong is a {@link ContentMismatch}. An {@link IOException} of the
 * inspector's own parsing (a truncated tar entry) also counts as a mismatch.
 */
public interface ContentInspector {

    Inspection inspect(InputStream payload, BackupManifest manifest) throws IOException, ContentMismatch;
}
