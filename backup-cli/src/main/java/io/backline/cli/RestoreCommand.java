package io.backline.cli;

import io.backline.core.BackupRestorer;
import io.backline.core.FileRestoreOptions;
import io.backline.core.RestoreResult;
import io.backline.jdbc.DatabaseTargets;
import io.backline.jdbc.RestoreMode;
import java.util.Arrays;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline restore ID --repo DIR --to DIR [--overwrite]}. */
@Command(name = "restore", description = "Restore a backup into a directory or a database.", mixinStandardHelpOptions = true)
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The backup id, or SOURCE/ID.")
    String id;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    ReadEncryptionOptions encryption;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    /** Exactly one of a directory or a database. */
    static final class Destination {
        @Option(names = "--to", paramLabel = "DIR", description = "Directory to restore a file backup into.")
        Path to;

        @Option(names = "--to-db", paramLabel = "URL", description = "Database to restore a database backup into.")
        String toDb;
    }

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "new",
            description = "For --to-db: new (the database must not exist), replace (drop it first) or safe-replace"
                    + " (restore beside it, check, then swap). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Mixin
    DatabaseCredentials credentials;

    @Option(names = "--overwrite", description = "Restore into a non-empty directory, replacing files.")
    boolean overwrite;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only restore paths matching GLOB.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    static RestoreMode parseMode(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "new":
            case "create-new":
                return RestoreMode.CREATE_NEW;
            case "replace":
                return RestoreMode.REPLACE;
            case "safe-replace":
                return RestoreMode.SAFE_REPLACE;
            default:
                throw new IllegalArgumentException("--mode needs to be new, replace or safe-replace, not '" + text
                        + "'");
        }
    }

    @Override
    public Integer call() {
        BackupRestorer restorer = BackupRestorer.builder()
                .storage(repository.open())
                .encryption(encryption.resolve())
                .build();
        RestoreResult result;
        if (destination.toDb != null) {
            char[] password = credentials.password();
            try {
                result = restorer.restore(id, DatabaseTargets.fromUrl(destination.toDb, credentials.user, password,
                        parseMode(mode)));
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        } else {
            FileRestoreOptions.Builder options = FileRestoreOptions.builder().overwrite(overwrite);
            if (!includes.isEmpty()) {
                options.include(includes.toArray(String[]::new));
            }
            result = restorer.restoreFiles(id, destination.to, options.build());
        }
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
            out.println("restored " + result.ref() + " into " + result.target() + ": " + result.items() + " items, "
                    + Sizes.bytes(result.bytes()) + " in " + Sizes.duration(result.duration()));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
