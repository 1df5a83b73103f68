package io.backline.cli;

import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.BackupEncryption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How encrypted backups are opened: {@code --identity FILE} (repeatable) or {@code --passphrase-file F}; without
 * either, the {@code BACKLINE_AGE_IDENTITY[_FILE]} / {@code BACKLINE_PASSPHRASE[_FILE]} variables.
 */
final class ReadEncryptionOptions {
    @Option(names = {"-i", "--identity"}, paramLabel = "FILE",
            description = "An age identity file (age-keygen format) to decrypt with (repeatable).")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Decrypt with the passphrase in FILE.")
    Path passphraseFile;

    BackupEncryption resolve() {
        if (!identities.isEmpty() && passphraseFile != null) {
            throw new IllegalArgumentException("give --identity or --passphrase-file, not both");
        }
        if (!identities.isEmpty()) {
            List<AgeIdentity> keys = new ArrayList<>();
            for (Path file : identities) {
                try {
                    keys.addAll(AgeIdentity.readFile(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read identity file " + file + ": " + e.getMessage(), e);
                }
            }
            return BackupEncryption.withIdentities(keys);
        }
        if (passphraseFile != null) {
            return BackupEncryption.withPassphrase(Secrets.readFirstLine(passphraseFile));
        }
        Map<String, String> env = System.getenv();
        if (env.containsKey("BACKLINE_AGE_IDENTITY") || env.containsKey("BACKLINE_AGE_IDENTITY_FILE")
                || env.containsKey("BACKLINE_PASSPHRASE") || env.containsKey("BACKLINE_PASSPHRASE_FILE")) {
            return BackupEncryption.fromEnv();
        }
        return BackupEncryption.none();
    }
}
