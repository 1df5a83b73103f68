package io.backline.verify.internal;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.IntegrityException;
import io.backline.core.Stage;
import io.backline.core.StorageException;
import io.backline.core.WrongKeyException;
import io.backline.core.crypto.AgeException;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.spi.Storage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The INTEGRITY pass without decompression (option {@code verifyCompression(false)}): authenticates every age chunk
 * of an encrypted artifact to the end and compares the stored size and SHA-256 with the manifest, without
 * decompressing the plaintext. The artifact's key is {@code <source>/<artifact name>} (DESIGN §4).
 */
public final class DecryptOnlyPass {
    private DecryptOnlyPass() {
    }

    /**
     * Runs the pass and returns the stored bytes read.
     *
     * @throws BackupException naming FETCH, DECRYPT or CHECKSUM
     */
    public static long run(Storage storage, BackupManifest manifest, BackupEncryption encryption) {
        String ref = manifest.ref();
        ArtifactInfo artifact = manifest.artifact();
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        long[] stored = new long[1];
        try (InputStream raw = new FetchTagging(storage.get(manifest.source().name() + "/" + artifact.name()));
             DigestInputStream digesting = new DigestInputStream(raw, sha256) {
                 @Override
                 public int read(byte[] b, int off, int len) throws IOException {
                     int n = super.read(b, off, len);
                     stored[0] += Math.max(n, 0);
                     return n;
                 }

                 @Override
                 public int read() throws IOException {
                     int b = super.read();
                     stored[0] += b >= 0 ? 1 : 0;
                     return b;
                 }
             };
             InputStream plain = encryption.decrypt(digesting)) {
            plain.transferTo(java.io.OutputStream.nullOutputStream());
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (FetchFailure e) {
            throw new StorageException(ErrorCode.STORAGE_FAILED, ref, Stage.FETCH, e.getCause().getMessage(),
                    e.getCause());
        } catch (AgeException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof FetchFailure fetch) {
                    throw new StorageException(ErrorCode.STORAGE_FAILED, ref, Stage.FETCH,
                            fetch.getCause().getMessage(), fetch.getCause());
                }
            }
            if (e.kind() == AgeException.Kind.NO_MATCH) {
                throw new WrongKeyException(ErrorCode.WRONG_KEY, ref, Stage.DECRYPT, e.getMessage(), e);
            }
            throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.DECRYPT,
                    "age " + e.kind().name().toLowerCase(java.util.Locale.ROOT) + " check failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_FAILED, ref, Stage.FETCH, e.getMessage(), e);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (stored[0] != artifact.storedBytes() || !actual.equals(artifact.sha256())) {
            throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.CHECKSUM, "stored artifact "
                    + artifact.name() + " is " + stored[0] + " bytes with SHA-256 " + actual + ", the manifest records "
                    + artifact.storedBytes() + " bytes with " + artifact.sha256());
        }
        return stored[0];
    }

    /** Marks storage read failures so they are not mistaken for decryption failures. */
    private static final class FetchFailure extends IOException {
        private static final long serialVersionUID = 1L;

        FetchFailure(IOException cause) {
            super(cause);
        }
    }

    private static final class FetchTagging extends FilterInputStream {
        FetchTagging(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new FetchFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new FetchFailure(e);
            }
        }
    }
}
