package io.backline.cli;

import io.backline.jdbc.ScratchDatabases;
import io.backline.verify.DirectoryScratchTargets;
import io.backline.verify.spi.ScratchTargets;
import java.nio.file.Path;

/** The demo's scratch places for test restores: a directory for trees, temp files and memory for SQLite and H2. */
final class DemoScratch {
    private DemoScratch() {
    }

    static ScratchTargets[] targets(Path scratchDir) {
        return new ScratchTargets[] {DirectoryScratchTargets.under(scratchDir),
                ScratchDatabases.builder().embedded(true).build()};
    }
}
