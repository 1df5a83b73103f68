package io.backline.core.internal;

import io.backline.core.Compression;
import io.backline.core.ErrorCode;
import io.backline.core.IntegrityException;
import io.backline.core.Stage;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.spi.Storage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.backline.core.internal.ReadAhead.IoAction;

/**
 * The read half of the data path: storage → SHA-256 of stored bytes → decrypt → decompress → SHA-256 of content,
 * fetch and stored digest, decryption and decompression each on a read-ahead thread of its own ({@link ReadAhead}),
 * the content digest on the caller's.
 * {@link #content()} yields the payload; once it is read to the end, {@link #checkDigests()} compares both sizes and
 * digests with the manifest and throws an {@link IntegrityException} naming the stage on any mismatch.
 */
public final class ArtifactReader implements AutoCloseable {
    private static final int BUFFER = 1 << 17;
    private static final int READ_AHEAD_CHUNK = 1 << 18;
    private static final int READ_AHEAD_DEPTH = 4;

    private final BackupManifest manifest;
    private final InputStream raw;
    private final DigestingInputStream stored;
    private final DigestingInputStream content;

    private ArtifactReader(BackupManifest manifest, InputStream raw, DigestingInputStream stored,
                           DigestingInputStream content) {
        this.manifest = manifest;
        this.raw = raw;
        this.stored = stored;
        this.content = content;
    }

    /** Opens the artifact of {@code manifest}, decrypting with {@code encryption} when it is encrypted. */
    public static ArtifactReader open(Storage storage, BackupManifest manifest, BackupEncryption encryption)
            throws IOException {
        ArtifactInfo artifact = manifest.artifact();
        if (artifact == null) {
            throw new IntegrityException(ErrorCode.MANIFEST_INVALID, manifest.ref(), Stage.MANIFEST,
                    "the manifest names no artifact");
        }
        InputStream raw;
        try {
            raw = storage.get(RepositoryLayout.artifactKey(manifest.source().name(), artifact.name()));
        } catch (IOException e) {
            throw new StageFailure(Stage.FETCH, e);
        }
        DigestingInputStream stored = new DigestingInputStream(
                new StageInputStream(Stage.FETCH, new BufferedInputStream(raw, BUFFER)));
        // one thread per heavy stage, each handing its output on through a bounded ReadAhead: fetch + stored digest,
        // decryption, decompression; the caller's thread keeps the content digest and whatever consumes the payload
        // (tar extraction, a restore tool's stdin). Each stage's end drains the one before it, so the stored digest
        // always covers the whole artifact.
        InputStream stream = stored;
        IoAction drainBefore = stored::drain;
        String id = manifest.id();
        boolean encrypted = manifest.encryption() != null && manifest.encryption().encrypted();
        if (encrypted) {
            ReadAhead fetched = new ReadAhead(stored, () -> { }, READ_AHEAD_CHUNK, READ_AHEAD_DEPTH,
                    "backline-fetch-" + id);
            try {
                stream = new StageInputStream(Stage.DECRYPT, encryption.decrypt(fetched));
            } catch (IOException | RuntimeException e) {
                fetched.close();
                raw.close();
                throw e;
            }
            drainBefore = drain(fetched);
        }
        Compression compression = manifest.compression() == null ? Compression.none()
                : Compression.of(manifest.compression());
        if (!"none".equals(compression.algorithm())) {
            ReadAhead decrypted = new ReadAhead(stream, drainBefore, READ_AHEAD_CHUNK, READ_AHEAD_DEPTH,
                    (encrypted ? "backline-decrypt-" : "backline-fetch-") + id);
            stream = new StageInputStream(Stage.DECOMPRESS, compression.decompress(decrypted));
            drainBefore = drain(decrypted);
        }
        ReadAhead ahead = new ReadAhead(stream, drainBefore, READ_AHEAD_CHUNK, READ_AHEAD_DEPTH,
                "backline-read-" + id);
        return new ArtifactReader(manifest, raw, stored, new DigestingInputStream(ahead));
    }

    /** Reads what is left of {@code stage}, which runs the stage before's end action once its source is done. */
    private static IoAction drain(InputStream stage) {
        return () -> stage.transferTo(OutputStream.nullOutputStream());
    }

    /** The payload. */
    public InputStream content() {
        return content;
    }

    /**
     * Reads whatever is left of every stage and checks stored and content sizes and SHA-256 against the manifest.
     *
     * @throws IntegrityException naming {@link Stage#CHECKSUM} (stored bytes) or {@link Stage#CONTENT} (payload)
     */
    public void checkDigests() throws IOException {
        content.drain();
        ArtifactInfo expected = manifest.artifact();
        if (stored.count() != expected.storedBytes() || !stored.sha256().equals(expected.sha256())) {
            throw new IntegrityException(ErrorCode.INTEGRITY, manifest.ref(), Stage.CHECKSUM,
                    "stored artifact " + expected.name() + " is " + stored.count() + " bytes with SHA-256 "
                            + stored.sha256() + ", the manifest records " + expected.storedBytes() + " bytes with "
                            + expected.sha256());
        }
        if (content.count() != expected.contentBytes() || !content.sha256().equals(expected.contentSha256())) {
            throw new IntegrityException(ErrorCode.INTEGRITY, manifest.ref(), Stage.CONTENT,
                    "payload is " + content.count() + " bytes with SHA-256 " + content.sha256()
                            + ", the manifest records " + expected.contentBytes() + " bytes with "
                            + expected.contentSha256());
        }
    }

    public long storedBytesRead() {
        return stored.count();
    }

    public long contentBytesRead() {
        return content.count();
    }

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a stage that failed
        }
        try {
            raw.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to release
        }
    }
}
