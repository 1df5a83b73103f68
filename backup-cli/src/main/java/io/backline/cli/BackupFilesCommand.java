package io.backline.cli;

import io.backline.core.BackupManager;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline backup files NAME PATH --repo DIR …}. */
@Command(name = "files", description = "Back up a directory tree as a POSIX tar.", mixinStandardHelpOptions = true)
final class BackupFilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The source name, e.g. uploads.")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "The directory to back up.")
    Path path;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    WriteEncryptionOptions encryption;

    @Option(names = "--compression", paramLabel = "ALG[:LEVEL]", defaultValue = "zstd:3",
            description = "zstd[:1-19], gzip[:1-9] or none (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out paths matching GLOB (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include", paramLabel = "GLOB", description = "Only paths matching GLOB (repeatable).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--skip-unreadable", description = "Skip and record unreadable or changing files instead of"
            + " failing.")
    boolean skipUnreadable;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        FileSource.Builder source = FileSource.builder(name, path);
        if (!excludes.isEmpty()) {
            source.exclude(excludes.toArray(String[]::new));
        }
        if (!includes.isEmpty()) {
            source.include(includes.toArray(String[]::new));
        }
        if (skipUnreadable) {
            source.onUnreadable(io.backline.core.UnreadablePolicy.SKIP);
        }
        BackupManager manager = BackupManager.builder()
                .storage(repository.open())
                .compression(Compression.parse(compression))
                .encryption(encryption.resolve())
                .build();
        BackupResult result = manager.backup(source.build());
        return BackupOutput.print(spec.commandLine().getOut(), spec.commandLine().getErr(), result, json);
    }
}
