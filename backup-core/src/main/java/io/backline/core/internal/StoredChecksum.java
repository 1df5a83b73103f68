package io.backline.core.internal;

import io.backline.core.ErrorCode;
import io.backline.core.IntegrityException;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks a stored artifact against its manifest and its {@code .sha256} sidecar without decrypting it: no key is
 * needed, so a monitoring host can run it.
 */
public final class StoredChecksum {
    private StoredChecksum() {
    }

    /**
     * Checks only that the {@code .sha256} sidecar exists and agrees with the manifest (no artifact bytes are read);
     * throws an {@link IntegrityException} at {@link Stage#CHECKSUM} (or {@link Stage#MANIFEST} when the manifest
     * names no artifact) saying what does not match.
     */
    public static void checkSidecar(Storage storage, BackupManifest manifest) throws IOException {
        ArtifactInfo artifact = manifest.artifact();
        String ref = manifest.ref();
        if (artifact == null) {
            throw new IntegrityException(ErrorCode.MANIFEST_INVALID, ref, Stage.MANIFEST,
                    "the manifest names no artifact");
        }
        String sidecar;
        try {
            sidecar = new String(storage.readAll(RepositoryLayout.sidecarKey(manifest.source().name(), manifest.id())),
                    StandardCharsets.UTF_8);
        } catch (BlobNotFoundException e) {
            throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.CHECKSUM,
                    "the sidecar " + manifest.id() + ".sha256 is missing");
        }
        String expectedSidecar = RepositoryLayout.sidecarText(artifact.sha256(), artifact.name());
        if (!sidecar.equals(expectedSidecar)) {
            throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.CHECKSUM,
                    "the sidecar says '" + sidecar.strip() + "' but the manifest records '"
                            + expectedSidecar.strip() + "'");
        }
    }

    /** Throws an {@link IntegrityException} at {@link Stage#CHECKSUM} naming what does not match. */
    public static void check(Storage storage, BackupManifest manifest) throws IOException {
        checkSidecar(storage, manifest);
        ArtifactInfo artifact = manifest.artifact();
        String source = manifest.source().name();
        String ref = manifest.ref();
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        try (InputStream in = storage.get(RepositoryLayout.artifactKey(source, artifact.name()))) {
            byte[] buffer = new byte[1 << 17];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (BlobNotFoundException e) {
            throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.CHECKSUM,
                    "the artifact " + artifact.name() + " is missing");
        } catch (IOException e) {
            throw new StageFailure(Stage.FETCH, e);
        }
        String actual = Hex.encode(digest.digest());
        if (size != artifact.storedBytes() || !actual.equals(artifact.sha256())) {
            throw new IntegrityException(ErrorCode.INTEGRITY, ref, Stage.CHECKSUM,
                    "the artifact " + artifact.name() + " is " + size + " bytes with SHA-256 " + actual
                            + "; the manifest records " + artifact.storedBytes() + " bytes with " + artifact.sha256());
        }
    }
}
