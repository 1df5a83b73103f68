package io.backline.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds an {@link AgeEncryption} from the {@code BACKLINE_AGE_*} and {@code BACKLINE_PASSPHRASE*} variables. */
final class AgeEnvironment {
    static final String RECIPIENTS = "BACKLINE_AGE_RECIPIENTS";
    static final String RECIPIENTS_FILE = "BACKLINE_AGE_RECIPIENTS_FILE";
    static final String IDENTITY = "BACKLINE_AGE_IDENTITY";
    static final String IDENTITY_FILE = "BACKLINE_AGE_IDENTITY_FILE";
    static final String PASSPHRASE = "BACKLINE_PASSPHRASE";
    static final String PASSPHRASE_FILE = "BACKLINE_PASSPHRASE_FILE";

    private AgeEnvironment() {
    }

    static AgeEncryption load(Map<String, String> env) {
        List<AgeRecipient> recipients = new ArrayList<>();
        List<AgeIdentity> identities = new ArrayList<>();
        String inline = value(env, RECIPIENTS);
        if (inline != null) {
            for (String token : inline.strip().split("[,\\s]+")) {
                recipients.add(parseRecipient(token, RECIPIENTS));
            }
        }
        String recipientsFile = value(env, RECIPIENTS_FILE);
        if (recipientsFile != null) {
            for (String line : readText(recipientsFile, RECIPIENTS_FILE).split("\r?\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    recipients.add(parseRecipient(trimmed, RECIPIENTS_FILE));
                }
            }
        }
        String identity = value(env, IDENTITY);
        if (identity != null) {
            try {
                identities.addAll(AgeIdentity.parseAll(identity));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(IDENTITY + " does not hold a valid age identity: " + e.getMessage());
            }
        }
        String identityFile = value(env, IDENTITY_FILE);
        if (identityFile != null) {
            try {
                identities.addAll(AgeIdentity.readFile(Path.of(identityFile)));
            } catch (IOException e) {
                throw new IllegalStateException(IDENTITY_FILE + " names a file that cannot be read: " + identityFile
                        + " (" + e.getMessage() + ")", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(IDENTITY_FILE + ": " + e.getMessage());
            }
        }
        char[] passphrase = passphrase(env);
        if (passphrase != null) {
            try {
                if (!recipients.isEmpty() || !identities.isEmpty()) {
                    throw new IllegalStateException("set either " + PASSPHRASE + "/" + PASSPHRASE_FILE + " or the "
                            + "BACKLINE_AGE_* key variables, not both: age passphrase files cannot have recipients");
                }
                return AgeEncryption.ofPassphrase(passphrase, AgeEncryption.DEFAULT_WORK_FACTOR);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        if (recipients.isEmpty() && identities.isEmpty()) {
            throw new IllegalStateException("no age key is configured: set " + RECIPIENTS + " or " + RECIPIENTS_FILE
                    + " (to encrypt), " + IDENTITY + " or " + IDENTITY_FILE + " (to decrypt, and encrypt to it), or "
                    + PASSPHRASE + " or " + PASSPHRASE_FILE);
        }
        return AgeEncryption.ofKeys(recipients, identities);
    }

    private static char[] passphrase(Map<String, String> env) {
        String direct = env.get(PASSPHRASE);
        if (direct != null && !direct.isEmpty()) {
            return direct.toCharArray();
        }
        String file = value(env, PASSPHRASE_FILE);
        if (file == null) {
            return null;
        }
        String text = readText(file, PASSPHRASE_FILE);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new IllegalStateException(PASSPHRASE_FILE + " names an empty file: " + file);
        }
        return text.toCharArray();
    }

    private static AgeRecipient parseRecipient(String token, String variable) {
        try {
            return AgeRecipient.parse(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + ": " + e.getMessage());
        }
    }

    private static String readText(String file, String variable) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(variable + " names a file that cannot be read: " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
