package io.backline.core.testing;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import java.io.IOException;
import java.io.InputStream;

/** A restore target that reads the payload to its end and only counts it. */
public final class CountingTarget implements RestoreTarget {
    private long bytes;

    @Override
    public String describe() {
        return "counting target";
    }

    @Override
    public void prepare(BackupManifest manifest, RestoreContext context) {
        // accepts anything
    }

    @Override
    public RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = payload.read(buffer)) >= 0) {
            bytes += n;
        }
        return new RestoreOutcome(describe(), 1, bytes);
    }

    public long bytes() {
        return bytes;
    }
}
