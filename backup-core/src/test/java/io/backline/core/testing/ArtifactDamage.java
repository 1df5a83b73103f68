package io.backline.core.testing;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Damage that happened before a backup's checksum was taken: the artifact in a {@code LocalStorage} repository is
 * replaced and its sidecar and manifest are rewritten to match it, so that only the checks after the stored SHA-256
 * (decryption, decompression, the content SHA-256) can notice.
 */
public final class ArtifactDamage {
    private ArtifactDamage() {
    }

    /** The artifact's bytes as stored. */
    public static byte[] read(Path repository, BackupManifest manifest) throws IOException {
        return Files.readAllBytes(artifact(repository, manifest));
    }

    /** Writes {@code damaged} as the artifact, with a sidecar and a manifest that agree with it. */
    public static void reseal(Path repository, BackupManifest manifest, byte[] damaged) throws IOException {
        ArtifactInfo a = manifest.artifact();
        Path sourceDir = repository.resolve(manifest.source().name());
        Files.write(artifact(repository, manifest), damaged);
        String sha = sha256(damaged);
        Files.write(sourceDir.resolve(manifest.id() + ".sha256"),
                (sha + "  " + a.name() + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(sourceDir.resolve(manifest.id() + ".manifest.json"), ManifestCodec.write(manifest.withArtifact(
                new ArtifactInfo(a.name(), damaged.length, sha, a.contentBytes(), a.contentSha256()))));
    }

    /** Flips the bits of one byte of the artifact and reseals it. */
    public static void flipByteAndReseal(Path repository, BackupManifest manifest, int offset) throws IOException {
        byte[] bytes = read(repository, manifest);
        bytes[offset] ^= 0x55;
        reseal(repository, manifest, bytes);
    }

    private static Path artifact(Path repository, BackupManifest manifest) {
        return repository.resolve(manifest.source().name()).resolve(manifest.artifact().name());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
