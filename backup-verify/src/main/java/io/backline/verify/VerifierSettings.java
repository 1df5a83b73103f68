package io.backline.verify;

import io.backline.core.crypto.BackupEncryption;
import io.backline.core.spi.Storage;
import io.backline.verify.internal.Inspectors;
import io.backline.verify.spi.ScratchTargets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The verifier's immutable configuration, as one verification run needs it. */
record VerifierSettings(
        Storage storage,
        BackupEncryption encryption,
        Clock clock,
        Path tempDir,
        boolean verifyChecksum,
        boolean verifyEncryption,
        boolean verifyCompression,
        boolean testRestore,
        List<ScratchTargets> scratchTargets,
        Inspectors inspectors) {

    VerifierSettings {
        scratchTargets = List.copyOf(scratchTargets);
    }
}
