package io.backline.cli;

import io.backline.core.crypto.BackupEncryption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a backup is encrypted: {@code --recipient age1…} (repeatable) or {@code --passphrase-file F}; without either,
 * the {@code BACKLINE_AGE_RECIPIENTS[_FILE]} / {@code BACKLINE_PASSPHRASE[_FILE]} variables; without those, none.
 */
final class WriteEncryptionOptions {
    @Option(names = "--recipient", paramLabel = "AGE1…", description = "Encrypt to this age recipient (repeatable).")
    List<String> recipients = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Encrypt with the passphrase in FILE.")
    Path passphraseFile;

    BackupEncryption resolve() {
        if (!recipients.isEmpty() && passphraseFile != null) {
            throw new IllegalArgumentException("give --recipient or --passphrase-file, not both");
        }
        if (!recipients.isEmpty()) {
            return BackupEncryption.toRecipients(recipients);
        }
        if (passphraseFile != null) {
            return BackupEncryption.withPassphrase(Secrets.readFirstLine(passphraseFile));
        }
        Map<String, String> env = System.getenv();
        if (env.containsKey("BACKLINE_AGE_RECIPIENTS") || env.containsKey("BACKLINE_AGE_RECIPIENTS_FILE")
                || env.containsKey("BACKLINE_PASSPHRASE") || env.containsKey("BACKLINE_PASSPHRASE_FILE")
                || env.containsKey("BACKLINE_AGE_IDENTITY") || env.containsKey("BACKLINE_AGE_IDENTITY_FILE")) {
            return BackupEncryption.fromEnv();
        }
        return BackupEncryption.none();
    }
}
