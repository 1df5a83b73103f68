package io.backline.examples;

import io.backline.core.BackupManager;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.storage.LocalStorage;
import java.nio.file.Path;

/**
 * The smallest host: a {@code main} that backs up one directory and exits non-zero when the backup fails — what a
 * Kubernetes CronJob or a systemd timer would run.
 *
 * <pre>
 * BACKLINE_AGE_RECIPIENTS=age1… java -cp … io.backline.examples.PlainMainBackup /srv/uploads /var/backups/app
 * </pre>
 * Without {@code BACKLINE_AGE_RECIPIENTS} the backup is not encrypted.
 */
public final class PlainMainBackup {
    private PlainMainBackup() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PlainMainBackup SOURCE_DIR REPOSITORY_DIR");
            System.exit(2);
        }
        BackupEncryption encryption = System.getenv("BACKLINE_AGE_RECIPIENTS") != null
                ? BackupEncryption.fromEnv() : BackupEncryption.none();
        BackupManager manager = BackupManager.builder()
                .storage(LocalStorage.at(Path.of(args[1])))
                .compression(Compression.zstd(3))
                .encryption(encryption)
                .build();
        BackupResult result = manager.backup(FileSource.of("uploads", Path.of(args[0])));
        System.out.println(result);
        System.exit(result.succeeded() ? 0 : 1);
    }
}
