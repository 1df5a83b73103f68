package io.backline.cli;

import io.backline.core.spi.Storage;
import io.backline.core.storage.LocalStorage;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --repo}: where the repository lives. */
final class RepositoryOptions {
    @Option(names = "--repo", required = true, paramLabel = "DIR",
            description = "The repository: a local directory.")
    String repo;

    Storage open() {
        return LocalStorage.at(Path.of(repo));
    }
}
