package io.backline.cli;

import io.backline.core.BackupRestorer;
import io.backline.core.FileRestoreOptions;
import io.backline.core.RestoreResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline restore ID --repo DIR --to DIR [--overwrite]}. */
@Command(name = "restore", description = "Restore a backup into a directory.", mixinStandardHelpOptions = true)
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The backup id, or SOURCE/ID.")
    String id;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    ReadEncryptionOptions encryption;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "Directory to restore into.")
    Path to;

    @Option(names = "--overwrite", description = "Restore into a non-empty directory, replacing files.")
    boolean overwrite;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only restore paths matching GLOB.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        BackupRestorer restorer = BackupRestorer.builder()
                .storage(repository.open())
                .encryption(encryption.resolve())
                .build();
        FileRestoreOptions.Builder options = FileRestoreOptions.builder().overwrite(overwrite);
        if (!includes.isEmpty()) {
            options.include(includes.toArray(String[]::new));
        }
        RestoreResult result = restorer.restoreFiles(id, to, options.build());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("backup", result.ref());
            view.put("target", result.target());
            view.put("succeeded", result.succeeded());
            view.put("items", result.items());
            view.put("bytes", result.bytes());
            view.put("durationSeconds", result.duration().toMillis() / 1000.0);
            result.error().ifPresent(e -> view.put("error", e.getMessage()));
            Json.print(out, view);
        }
        if (!result.succeeded()) {
            spec.commandLine().getErr().println("backline: error: " + result.error().orElseThrow().getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILED;
        }
        if (!json) {
            out.println("restored " + result.ref() + " into " + result.target() + ": " + result.items() + " files, "
                    + Sizes.bytes(result.bytes()) + " in " + Sizes.duration(result.duration()));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
