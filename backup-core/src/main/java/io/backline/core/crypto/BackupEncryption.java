package io.backline.core.crypto;

import io.backline.core.manifest.BackupManifest.EncryptionInfo;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

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
