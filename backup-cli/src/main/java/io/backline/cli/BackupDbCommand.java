package io.backline.cli;

import io.backline.core.BackupManager;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.spi.BackupSource;
import io.backline.jdbc.DatabaseSources;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline backup db NAME URL --repo DIR …}: PostgreSQL, MySQL/MariaDB, H2 or SQLite. */
@Command(name = "db", description = "Back up a database: PostgreSQL (pg_dump), MySQL/MariaDB (mysqldump or"
        + " mariadb-dump), H2 (SCRIPT) or SQLite (online backup).", mixinStandardHelpOptions = true)
final class BackupDbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The source name, e.g. orders-db.")
    String name;

    @Parameters(index = "1", paramLabel = "URL", description = "jdbc:postgresql://…, postgresql://user@host/db,"
            + " jdbc:mariadb://…, mysql://…, jdbc:h2:…, jdbc:sqlite:…")
    String url;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    WriteEncryptionOptions encryption;

    @Mixin
    DatabaseCredentials credentials;

    @Option(names = "--compression", paramLabel = "ALG[:LEVEL]", defaultValue = "zstd:3",
            description = "zstd[:1-19], gzip[:1-9] or none (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        char[] password = credentials.password();
        try {
            BackupSource source = DatabaseSources.fromUrl(name, url, credentials.user, password);
            BackupManager manager = BackupManager.builder()
                    .storage(repository.open())
                    .compression(Compression.parse(compression))
                    .encryption(encryption.resolve())
                    .build();
            BackupResult result = manager.backup(source);
            return BackupOutput.print(spec.commandLine().getOut(), spec.commandLine().getErr(), result, json);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
