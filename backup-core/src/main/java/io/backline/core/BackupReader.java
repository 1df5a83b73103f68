package io.backline.core;

import io.backline.core.crypto.BackupEncryption;
import io.backline.core.internal.ArtifactReader;
import io.backline.core.internal.Failures;
import io.backline.core.internal.RepositoryLayout;
import io.backline.core.internal.StoredChecksum;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.spi.Storage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Low-level, read-only access to a repository's artifacts for verification and tooling: checks a stored artifact
 * against its manifest and sidecar, opens its decrypted and decompressed payload with digest checks, and reads and
 * writes verification records. {@link BackupRestorer} is the high-level way to restore.
 */
public final class BackupReader {
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Storage storage;
    private final BackupEncryption encryption;

    private BackupReader(Storage storage, BackupEncryption encryption) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
    }

    /** A reader of {@code storage} that decrypts with {@code encryption} (may be {@link BackupEncryption#none()}). */
    public static BackupReader of(Storage storage, BackupEncryption encryption) {
        return new BackupReader(storage, encryption);
    }

    public Storage storage() {
        return storage;
    }

    /**
     * Checks only that the {@code .sha256} sidecar exists and agrees with the manifest; reads no artifact bytes (a
     * payload pass, {@link #open}, computes the stored SHA-256 on the way).
     *
     * @throws IntegrityException at {@link Stage#CHECKSUM} naming what does not match
     */
    public void checkSidecar(BackupManifest manifest) {
        try {
            StoredChecksum.checkSidecar(storage, manifest);
        } catch (IOException e) {
            throw Failures.classify(manifest.ref(), Stage.CHECKSUM, e);
        }
    }

    /**
     * Checks the stored artifact's size and SHA-256 against the manifest and the {@code .sha256} sidecar. Needs no
     * key.
     *
     * @throws IntegrityException at {@link Stage#CHECKSUM} naming what does not match
     */
    public void checkStored(BackupManifest manifest) {
        try {
            StoredChecksum.check(storage, manifest);
        } catch (IOException e) {
            throw Failures.classify(manifest.ref(), Stage.CHECKSUM, e);
        }
    }

    /**
     * Opens the payload of {@code manifest}. Read it to the end, then call {@link Payload#verify()} to compare sizes
     * and digests with the manifest. Failures on the way surface as {@link BackupException}s naming the stage
     * (FETCH, DECRYPT, DECOMPRESS) when the stream is read.
     */
    public Payload open(BackupManifest manifest) {
        try {
            return new Payload(manifest, ArtifactReader.open(storage, manifest, encryption));
        } catch (IOException e) {
            throw Failures.classify(manifest.ref(), Stage.FETCH, e);
        }
    }

    /** Writes a verification record beside its backup and returns its key. */
    public String writeVerification(VerificationRecord record) {
        String key = RepositoryLayout.verificationKey(record.source(), record.backupId(),
                RECORD_TIME.format(record.startedAt()));
        try {
            storage.put(key, ManifestCodec.write(record));
            return key;
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_FAILED, record.ref(), Stage.VERIFY,
                    "cannot write verification record " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every verification record of {@code source} (or of all sources when null), oldest first. Records that cannot
     * be parsed are logged and skipped.
     */
    public List<VerificationRecord> verifications(String source) {
        return BackupCatalog.of(storage, java.time.Clock.systemUTC()).verifications(source);
    }

    /** A backup's payload as a stream, with the digest checks to run once it is read. */
    public static final class Payload extends FilterInputStream {
        private final BackupManifest manifest;
        private final ArtifactReader reader;

        private Payload(BackupManifest manifest, ArtifactReader reader) {
            super(reader.content());
            this.manifest = manifest;
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw Failures.classify(manifest.ref(), Stage.FETCH, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw Failures.classify(manifest.ref(), Stage.FETCH, e);
            }
        }

        /**
         * Reads what is left and compares stored and content sizes and SHA-256 with the manifest.
         *
         * @throws IntegrityException naming CHECKSUM or CONTENT on a mismatch, or the stage that failed on the way
         */
        public void verify() {
            try {
                reader.checkDigests();
            } catch (IOException e) {
                throw Failures.classify(manifest.ref(), Stage.FETCH, e);
            }
        }

        /** Stored bytes read so far. */
        public long storedBytesRead() {
            return reader.storedBytesRead();
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
