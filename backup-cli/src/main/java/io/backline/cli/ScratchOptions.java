package io.backline.cli;

import io.backline.verify.spi.ScratchTargets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --scratch-db URL}: database servers where test restores may create {@code backline_verify_<id>}. */
final class ScratchOptions {
    @Option(names = "--scratch-db", paramLabel = "URL", description = "A PostgreSQL or MySQL/MariaDB server for"
            + " test restores of database backups (repeatable); the scratch database is always dropped.")
    List<String> servers = new ArrayList<>();

    @Option(names = "--scratch-user", paramLabel = "USER", description = "User for --scratch-db servers.")
    String user;

    List<ScratchTargets> databaseTargets() {
        return ScratchServers.targets(servers, user);
    }
}
