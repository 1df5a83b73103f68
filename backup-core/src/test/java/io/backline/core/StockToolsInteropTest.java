package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.ExternalTools;
import io.backline.core.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN promise 2: with Backline gone, the stock tools read what it wrote. */
class StockToolsInteropTest {
    @TempDir
    Path temp;

    private Path sampleTree() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data/nested/deeper"));
        Files.writeString(data.resolve("notes.txt"), "backline\n".repeat(10_000));
        byte[] binary = new byte[200_000];
        new java.util.Random(7).nextBytes(binary);
        Files.write(temp.resolve("data/blob.bin"), binary);
        Files.writeString(temp.resolve("data/ünïcødé name.txt"), "é\n");
        Files.createSymbolicLink(temp.resolve("data/link"), Path.of("nested/deeper/notes.txt"));
        return temp.resolve("data");
    }

    private BackupResult backup(Path data, Compression compression) {
        return BackupManager.builder().storage(LocalStorage.at(temp.resolve("repo"))).compression(compression)
                .build().backup(FileSource.of("files", data)).orThrow();
    }

    @Test
    void zstdArtifact_isExtractedByZstdAndTar() throws IOException {
        ExternalTools.require("zstd");
        ExternalTools.require("tar");
        Path data = sampleTree();
        BackupResult result = backup(data, Compression.zstd(3));
        Path artifact = temp.resolve("repo/files").resolve(result.manifest().orElseThrow().artifact().name());
        Path out = Files.createDirectories(temp.resolve("out"));

        Processes.run(out, null, List.of("sh", "-c", "zstd -dc '" + artifact + "' | tar -xf -")).assertSuccess();

        assertThat(tree(out)).isEqualTo(tree(data));
    }

    @Test
    void gzipArtifact_isExtractedByGzipAndTar() throws IOException {
        ExternalTools.require("gzip");
        ExternalTools.require("tar");
        Path data = sampleTree();
        BackupResult result = backup(data, Compression.gzip(6));
        Path artifact = temp.resolve("repo/files").resolve(result.manifest().orElseThrow().artifact().name());
        Path out = Files.createDirectories(temp.resolve("out"));

        Processes.run(out, null, List.of("sh", "-c", "gzip -dc '" + artifact + "' | tar -xf -")).assertSuccess();

        assertThat(tree(out)).isEqualTo(tree(data));
    }

    @Test
    void sidecar_passesSha256sumCheck_andFailsOnceTheArtifactIsDamaged() throws IOException {
        ExternalTools.require("sha256sum");
        BackupResult result = backup(sampleTree(), Compression.zstd(3));
        Path dir = temp.resolve("repo/files");

        Processes.run(dir, "sha256sum", "-c", result.id() + ".sha256").assertSuccess();

        Path artifact = dir.resolve(result.manifest().orElseThrow().artifact().name());
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 1;
        Files.write(artifact, bytes);
        assertThat(Processes.run(dir, "sha256sum", "-c", result.id() + ".sha256").exitCode()).isNotZero();
    }

    /** Path → "file SIZE SHA" / "link TARGET" / "dir". */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    entries.put(key, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    entries.put(key, "dir");
                } else {
                    entries.put(key, "file " + Files.size(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
            }
        }
        return entries;
    }
}
