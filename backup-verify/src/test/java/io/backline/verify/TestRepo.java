package io.backline.verify;

import io.backline.core.BackupManager;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.spi.BackupSource;
import io.backline.core.storage.LocalStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Random;

/** A repository on local disk for tests, with the means to damage what it stores the way disks and bugs do. */
final class TestRepo {
    final Path root;
    final LocalStorage storage;
    private final BackupManager manager;

    TestRepo(Path root, BackupEncryption encryption, Compression compression, Clock clock) {
        this.root = root;
        this.storage = LocalStorage.at(root);
        this.manager = BackupManager.builder().storage(storage).encryption(encryption).compression(compression)
                .clock(clock).build();
    }

    TestRepo(Path root) {
        this(root, BackupEncryption.none(), Compression.zstd(3), Clock.systemUTC());
    }

    /** Backs up {@code source} and returns its manifest; fails the test if the backup fails. */
    BackupManifest backup(BackupSource source) {
        BackupResult result = manager.backup(source).orThrow();
        return result.manifest().orElseThrow();
    }

    BackupManifest backupTree(String name, Path tree) {
        return backup(FileSource.of(name, tree));
    }

    BackupManager manager() {
        return manager;
    }

    Path artifact(BackupManifest manifest) {
        return root.resolve(manifest.source().name()).resolve(manifest.artifact().name());
    }

    Path sidecar(BackupManifest manifest) {
        return root.resolve(manifest.source().name()).resolve(manifest.id() + ".sha256");
    }

    Path manifestFile(BackupManifest manifest) {
        return root.resolve(manifest.source().name()).resolve(manifest.id() + ".manifest.json");
    }

    /** Flips every bit of the byte at {@code offset} of the artifact. */
    void flipByte(BackupManifest manifest, long offset) {
        byte[] bytes = read(artifact(manifest));
        bytes[Math.toIntExact(offset)] ^= (byte) 0xff;
        write(artifact(manifest), bytes);
    }

    void truncate(BackupManifest manifest, long length) {
        byte[] bytes = read(artifact(manifest));
        write(artifact(manifest), java.util.Arrays.copyOf(bytes, Math.toIntExact(length)));
    }

    /** Swaps two equally long ranges of the artifact. */
    void swap(BackupManifest manifest, long first, long second, int length) {
        byte[] bytes = read(artifact(manifest));
        byte[] a = java.util.Arrays.copyOfRange(bytes, (int) first, (int) first + length);
        System.arraycopy(bytes, (int) second, bytes, (int) first, length);
        System.arraycopy(a, 0, bytes, (int) second, length);
        write(artifact(manifest), bytes);
    }

    void deleteSidecar(BackupManifest manifest) {
        try {
            Files.delete(sidecar(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the manifest with another SHA-256 for the stored artifact, leaving artifact and sidecar alone. */
    void changeManifestSha256(BackupManifest manifest) {
        ArtifactInfo a = manifest.artifact();
        String other = HexFormat.of().formatHex(new byte[32]);
        rewriteManifest(manifest.withArtifact(new ArtifactInfo(a.name(), a.storedBytes(), other, a.contentBytes(),
                a.contentSha256())));
    }

    /**
     * Makes the manifest and sidecar agree with the artifact as it now is — as if the damage had happened before the
     * checksum was taken (a bad write on the backup host), so that only the deeper levels can see it.
     */
    BackupManifest reseal(BackupManifest manifest) {
        byte[] bytes = read(artifact(manifest));
        String sha = sha256(bytes);
        ArtifactInfo a = manifest.artifact();
        BackupManifest resealed = manifest.withArtifact(new ArtifactInfo(a.name(), bytes.length, sha,
                a.contentBytes(), a.contentSha256()));
        rewriteManifest(resealed);
        write(sidecar(manifest), (sha + "  " + a.name() + "\n").getBytes(StandardCharsets.UTF_8));
        return resealed;
    }

    void rewriteManifest(BackupManifest manifest) {
        write(manifestFile(manifest), ManifestCodec.write(manifest));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Incompressible bytes, so that sizes on disk are predictable. */
    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A small tree: 5 files in 2 directories and a symlink. */
    static Path tree(Path dir) {
        try {
            Files.createDirectories(dir.resolve("docs/old"));
            Files.writeString(dir.resolve("a.txt"), "alpha\n");
            Files.writeString(dir.resolve("b.txt"), "bravo bravo\n");
            Files.write(dir.resolve("docs/c.bin"), randomBytes(70_000, 3));
            Files.writeString(dir.resolve("docs/old/d.txt"), "delta\n".repeat(100));
            Files.writeString(dir.resolve("docs/old/e.txt"), "echo\n");
            Files.createSymbolicLink(dir.resolve("link"), Path.of("a.txt"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
