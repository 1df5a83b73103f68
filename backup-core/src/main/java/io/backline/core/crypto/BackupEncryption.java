package io.backline.core.crypto;

import io.backline.core.manifest.BackupManifest.EncryptionInfo;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How artifacts are encrypted when written and decrypted when read.
 *
 * <p>{@link #none()} leaves artifacts in the clear. The age v1 configurations encrypt to public recipients (so the
 * backing-up host needs no secret) or with a passphrase, and decrypt with identities or the passphrase.
 * {@code toString()} never shows key material.
 */
public abstract class BackupEncryption {

    /** Artifacts are not encrypted, and encrypted ones cannot be read. */
    public static BackupEncryption none() {
        return NoEncryption.INSTANCE;
    }

    /**
     * Encrypts to one or more age X25519 recipients ({@code age1…}), e.g. an operations key and an offline escrow key.
     * The result cannot decrypt: the backing-up host needs no secret.
     *
     * @throws IllegalArgumentException when none is given or one is not a valid {@code age1…} recipient
     */
    public static AgeEncryption toRecipients(String... recipients) {
        return toRecipients(Arrays.asList(Objects.requireNonNull(recipients, "recipients")));
    }

    /** As {@link #toRecipients(String...)}, from a collection. */
    public static AgeEncryption toRecipients(Collection<String> recipients) {
        Objects.requireNonNull(recipients, "recipients");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one age recipient is needed");
        }
        return AgeEncryption.ofKeys(recipients.stream().map(AgeRecipient::parse).toList(), List.of());
    }

    /** As {@link #toRecipients(String...)}, from parsed recipients. */
    public static AgeEncryption toRecipients(AgeRecipient... recipients) {
        Objects.requireNonNull(recipients, "recipients");
        if (recipients.length == 0) {
            throw new IllegalArgumentException("at least one age recipient is needed");
        }
        return AgeEncryption.ofKeys(List.of(recipients), List.of());
    }

    /**
     * Encrypts and decrypts with a passphrase (age's scrypt recipient) at work factor {@value
     * AgeEncryption#DEFAULT_WORK_FACTOR}. The array is copied; the caller may wipe it.
     */
    public static AgeEncryption withPassphrase(char[] passphrase) {
        return withPassphrase(passphrase, AgeEncryption.DEFAULT_WORK_FACTOR);
    }

    /**
     * As {@link #withPassphrase(char[])} with a scrypt work factor (log2 N, 1 to 22) for encryption. Decryption
     * accepts up to 22, or {@code workFactor} if higher; see {@link AgeEncryption#maxScryptWorkFactor(int)}.
     */
    public static AgeEncryption withPassphrase(char[] passphrase, int workFactor) {
        return AgeEncryption.ofPassphrase(passphrase, workFactor);
    }

    /**
     * Decrypts with these identities and encrypts to their recipients. The identities stay the caller's: closing one
     * makes this configuration unusable.
     */
    public static AgeEncryption withIdentities(AgeIdentity... identities) {
        return withIdentities(Arrays.asList(Objects.requireNonNull(identities, "identities")));
    }

    /** As {@link #withIdentities(AgeIdentity...)}, from a collection. */
    public static AgeEncryption withIdentities(Collection<AgeIdentity> identities) {
        Objects.requireNonNull(identities, "identities");
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("at least one age identity is needed");
        }
        return AgeEncryption.ofKeys(List.of(), List.copyOf(identities));
    }

    /** As {@link #withIdentities(AgeIdentity...)}, parsing identity-file text ({@code age-keygen} format). */
    public static AgeEncryption withIdentities(String identityFileText) {
        return withIdentities(AgeIdentity.parseAll(identityFileText));
    }

    /**
     * As {@link #withIdentities(AgeIdentity...)}, reading an identity file ({@code age-keygen} format; a warning is
     * logged when it is readable by group or others).
     */
    public static AgeEncryption withIdentities(Path identityFile) throws IOException {
        return withIdentities(AgeIdentity.readFile(identityFile));
    }

    /** As {@link #fromEnv(Map)} with the process environment. */
    public static AgeEncryption fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Reads the configuration from environment variables: {@code BACKLINE_AGE_RECIPIENTS} (comma or whitespace
     * separated {@code age1…}) and {@code BACKLINE_AGE_RECIPIENTS_FILE} (one per line, {@code #} comments) to encrypt;
     * {@code BACKLINE_AGE_IDENTITY} (key text) and {@code BACKLINE_AGE_IDENTITY_FILE} to decrypt (and to encrypt to,
     * when no recipient is set); or {@code BACKLINE_PASSPHRASE} / {@code BACKLINE_PASSPHRASE_FILE} (one trailing
     * newline stripped). Blank variables count as unset.
     *
     * @throws IllegalStateException naming the variables when none is set, a file cannot be read, a key is invalid, or
     *     a passphrase is combined with keys
     */
    public static AgeEncryption fromEnv(Map<String, String> env) {
        return AgeEnvironment.load(Objects.requireNonNull(env, "env"));
    }

    /** Whether {@link #encrypt} produces an encrypted stream (and artifact names end in {@code .age}). */
    public abstract boolean encrypts();

    /** Whether this configuration holds what {@link #decrypt} needs (identities or a passphrase). */
    public abstract boolean canDecrypt();

    /** What the manifest records: the format and the public recipients or {@code scrypt}; never a secret. */
    public abstract EncryptionInfo describe();

    /** The suffix added to artifact names: {@code .age} or nothing. */
    public String artifactSuffix() {
        return encrypts() ? ".age" : "";
    }

    /**
     * Wraps {@code sink} so that what is written to the result reaches it encrypted. Closing the result finishes the
     * stream (the last chunk) and closes {@code sink}.
     */
    public abstract OutputStream encrypt(OutputStream sink) throws IOException;

    /**
     * Wraps {@code source} so that reading the result yields the plaintext. Failures surface as {@link AgeException}
     * with the kind of failure (wrong key, damaged header, damaged or truncated payload).
     */
    public abstract InputStream decrypt(InputStream source) throws IOException;

    private static final class NoEncryption extends BackupEncryption {
        static final NoEncryption INSTANCE = new NoEncryption();

        @Override
        public boolean encrypts() {
            return false;
        }

        @Override
        public boolean canDecrypt() {
            return false;
        }

        @Override
        public EncryptionInfo describe() {
            return new EncryptionInfo(EncryptionInfo.NONE, List.of());
        }

        @Override
        public OutputStream encrypt(OutputStream sink) {
            return new FilterOutputStream(sink) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }
            };
        }

        @Override
        public InputStream decrypt(InputStream source) throws IOException {
            throw new AgeException(AgeException.Kind.NO_MATCH,
                    "the artifact is encrypted but no identity or passphrase was given");
        }

        @Override
        public String toString() {
            return "BackupEncryption.none()";
        }
    }
}
