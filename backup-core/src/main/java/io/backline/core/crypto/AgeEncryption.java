package io.backline.core.crypto;

import io.backline.core.manifest.BackupManifest.EncryptionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * An age v1 (c2sp.org/age) encryption configuration: to X25519 recipients, with identities, or with a passphrase
 * (scrypt). Created through the factories on {@link BackupEncryption}; immutable; the option methods return copies.
 *
 * <p>What it guarantees: output that the stock {@code age} CLI decrypts; decryption that accepts exactly what the
 * specification allows (binary or ASCII-armored input, detected) and rejects the rest with an {@link AgeException}
 * of the right {@link AgeException.Kind}; no key material or passphrase in {@link #toString()}, in exception messages
 * or in {@link #describe()}. What it does not: it does not hide the plaintext length (rounded to 64 KiB chunks) or
 * the number of recipients, and it cannot wipe copies of secrets the JVM made elsewhere.
 */
public final class AgeEncryption extends BackupEncryption {
    /** The scrypt work factor (log2 N) used when encrypting with a passphrase, as the age CLI. */
    public static final int DEFAULT_WORK_FACTOR = 18;
    /** The highest scrypt work factor accepted when decrypting, unless raised (as the age CLI). */
    public static final int DEFAULT_MAX_WORK_FACTOR = ScryptStanzas.DEFAULT_MAX_WORK_FACTOR;

    private final List<AgeRecipient> recipients;
    private final List<AgeIdentity> identities;
    private final char[] passphrase;
    private final int workFactor;
    private final int maxWorkFactor;
    private final boolean armored;

    private AgeEncryption(List<AgeRecipient> recipients, List<AgeIdentity> identities, char[] passphrase,
            int workFactor, int maxWorkFactor, boolean armored) {
        this.recipients = List.copyOf(recipients);
        this.identities = List.copyOf(identities);
        this.passphrase = passphrase;
        this.workFactor = workFactor;
        this.maxWorkFactor = maxWorkFactor;
        this.armored = armored;
    }

    /** Encrypts to {@code recipients} (at least one); decrypts only if {@code identities} is not empty. */
    static AgeEncryption ofKeys(List<AgeRecipient> recipients, List<AgeIdentity> identities) {
        LinkedHashSet<AgeRecipient> targets = new LinkedHashSet<>(recipients);
        if (targets.isEmpty()) {
            identities.forEach(identity -> targets.add(identity.recipient()));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one age recipient or identity is needed");
        }
        return new AgeEncryption(new ArrayList<>(targets), identities, null, DEFAULT_WORK_FACTOR,
                DEFAULT_MAX_WORK_FACTOR, false);
    }

    static AgeEncryption ofPassphrase(char[] passphrase, int workFactor) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase needs to be non-empty");
        }
        checkWorkFactor("workFactor", workFactor, DEFAULT_MAX_WORK_FACTOR);
        return new AgeEncryption(List.of(), List.of(), passphrase.clone(), workFactor,
                Math.max(DEFAULT_MAX_WORK_FACTOR, workFactor), false);
    }

    private static void checkWorkFactor(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " needs to be between 1 and " + max + ", not " + value);
        }
    }

    /** A copy that writes ASCII-armored output ({@code age -a}); reading detects armor regardless. */
    public AgeEncryption armored(boolean armored) {
        return new AgeEncryption(recipients, identities, passphrase, workFactor, maxWorkFactor, armored);
    }

    /** Whether output is ASCII-armored. */
    public boolean armored() {
        return armored;
    }

    /**
     * A copy that accepts scrypt work factors up to {@code maxWorkFactor} (1 to 30) when decrypting. Each step doubles
     * the time and memory: 22 needs 4 GiB and several seconds.
     */
    public AgeEncryption maxScryptWorkFactor(int maxWorkFactor) {
        checkWorkFactor("maxScryptWorkFactor", maxWorkFactor, ScryptStanzas.ABSOLUTE_MAX_WORK_FACTOR);
        return new AgeEncryption(recipients, identities, passphrase, workFactor, maxWorkFactor, armored);
    }

    /** The recipients files are encrypted to (empty in passphrase mode). */
    public List<AgeRecipient> recipients() {
        return recipients;
    }

    /** Whether this configuration uses a passphrase (scrypt) rather than X25519 keys. */
    public boolean passphraseMode() {
        return passphrase != null;
    }

    @Override
    public boolean encrypts() {
        return true;
    }

    @Override
    public boolean canDecrypt() {
        return passphrase != null || !identities.isEmpty();
    }

    @Override
    public EncryptionInfo describe() {
        List<String> described = passphrase != null
                ? List.of(ScryptStanzas.TYPE)
                : recipients.stream().map(AgeRecipient::encoded).toList();
        return new EncryptionInfo(EncryptionInfo.AGE_V1, described);
    }

    @Override
    public OutputStream encrypt(OutputStream sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        if (passphrase != null) {
            return AgeEncoder.withPassphrase(sink, passphrase, workFactor, armored);
        }
        return AgeEncoder.toRecipients(sink, recipients, armored);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The header is read and the key checked before this returns. Plaintext is released chunk by chunk as each
     * authenticates; only reading the result to its end (-1) proves the file complete and unextended, so a consumer
     * that stops early (a tar reader at its end-of-archive blocks, say) must drain the rest.
     */
    @Override
    public InputStream decrypt(InputStream source) throws IOException {
        Objects.requireNonNull(source, "source");
        if (!canDecrypt()) {
            throw new AgeException(AgeException.Kind.NO_MATCH, "this encryption configuration has no identity or"
                    + " passphrase: it can encrypt to its recipients but not decrypt");
        }
        return new AgeDecoder(identities, passphrase, maxWorkFactor).decrypt(source);
    }

    /** Masked: recipients are shown (they are public), identities only counted, a passphrase never shown. */
    @Override
    public String toString() {
        if (passphrase != null) {
            return "AgeEncryption[passphrase=redacted, workFactor=" + workFactor + ", maxWorkFactor=" + maxWorkFactor
                    + ", armored=" + armored + "]";
        }
        return "AgeEncryption[recipients=" + recipients + ", identities=" + identities.size()
                + (identities.isEmpty() ? "" : " (redacted)") + ", armored=" + armored + "]";
    }
}
