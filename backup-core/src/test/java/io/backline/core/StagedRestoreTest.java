package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.ArtifactDamage;
import io.backline.core.testing.CountingStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verified restore into a missing or empty directory takes one pass through the artifact: the payload is checked
 * on its way into a staging directory, which becomes the target only when every check passed. A damaged backup or a
 * refused archive leaves the target exactly as it was; a non-empty directory that may be overwritten is still
 * verified in a separate pass first.
 */
class StagedRestoreTest {
    @TempDir
    Path temp;

    private Path tree;
    private Path repo;
    private CountingStorage storage;
    private BackupManifest manifest;

    @BeforeEach
    void backup() throws IOException {
        tree = Files.createDirectories(temp.resolve("tree"));
        Path docs = Files.createDirectories(tree.resolve("docs/old"));
        byte[] data = new byte[300_000];
        new java.util.Random(11).nextBytes(data);
        Files.write(tree.resolve("data.bin"), data);
        Files.writeString(docs.resolve("note.txt"), "kept\n");
        Files.createSymbolicLink(tree.resolve("docs/latest"), Path.of("old/note.txt"));
        Files.setLastModifiedTime(docs, FileTime.from(Instant.parse("2020-02-02T10:00:00Z")));
        Files.setLastModifiedTime(tree.resolve("docs"), FileTime.from(Instant.parse("2021-03-03T10:00:00Z")));
        Files.setPosixFilePermissions(tree.resolve("docs"), PosixFilePermissions.fromString("r-xr-x---"));
        repo = temp.resolve("repo");
        storage = new CountingStorage(LocalStorage.at(repo));
        manifest = BackupManager.builder().storage(storage).compression(Compression.none()).build()
                .backup(FileSource.of("files", tree)).orThrow().manifest().orElseThrow();
        storage.reset();
    }

    private BackupRestorer restorer() {
        return BackupRestorer.builder().storage(storage).build();
    }

    @Test
    void restore_intoAMissingDirectory_readsTheArtifactOnce_andRestoresModesTimesAndLinks() {
        Path out = temp.resolve("out");

        RestoreResult result = restorer().restoreFiles(manifest.id(), out);

        assertThat(result.succeeded()).as("%s", result.error()).isTrue();
        assertThat(storage.artifactReads()).isEqualTo(1);
        assertThat(TreeSnapshot.of(out)).isEqualTo(TreeSnapshot.of(tree));
        assertThat(stagingLeftIn(out)).isEmpty();
        assertThat(result.items()).as("two files and a symlink").isEqualTo(3);
        assertThat(result.bytes()).isEqualTo(300_005);
    }

    @Test
    void restore_intoAnEmptyDirectory_fillsIt_inOnePass() throws IOException {
        Path out = Files.createDirectories(temp.resolve("empty"));

        RestoreResult result = restorer().restoreFiles(manifest.id(), out);

        assertThat(result.succeeded()).as("%s", result.error()).isTrue();
        assertThat(storage.artifactReads()).isEqualTo(1);
        assertThat(TreeSnapshot.of(out)).isEqualTo(TreeSnapshot.of(tree));
    }

    @Test
    void restore_ofADamagedBackup_intoAnEmptyDirectory_isRefused_andLeavesItEmpty() throws IOException {
        flipByteAndReseal(200_000);
        Path out = Files.createDirectories(temp.resolve("empty"));

        RestoreResult result = restorer().restoreFiles(manifest.id(), out);

        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(e).isInstanceOf(IntegrityException.class);
            assertThat(e.stage()).contains(Stage.CONTENT);
            assertThat(e.getMessage()).contains(manifest.ref(), "refused to restore", "stage CONTENT");
        });
        assertThat(storage.artifactReads()).as("no second pass").isEqualTo(1);
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void restore_ofAnArchiveWithAnUnsafeEntry_leavesNothingOfTheEntriesBeforeIt() throws IOException {
        byte[] hostile = new HostileTar().dir("a").file("a/first.txt", "harmless\n").file("../escape.txt", "no\n")
                .toBytes();
        BackupManifest stored = BackupManager.builder().storage(storage).build()
                .backup(new TarBytesSource("hostile", hostile)).orThrow().manifest().orElseThrow();
        Path out = temp.resolve("out");

        RestoreResult result = restorer().restoreFiles(stored.id(), out);

        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(UnsafeArchiveException.class));
        assertThat(out).doesNotExist();
        assertThat(temp.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void restore_overANonEmptyDirectory_verifiesFirstInASeparatePass_andRefusesADamagedBackupBeforeTouchingIt()
            throws IOException {
        flipByteAndReseal(200_000);
        Path out = Files.createDirectories(temp.resolve("existing"));
        Files.writeString(out.resolve("data.bin"), "the copy that must survive\n");

        RestoreResult result = restorer().restoreFiles(manifest.id(), out,
                FileRestoreOptions.builder().overwrite(true).build());

        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("refused to restore"));
        assertThat(out.resolve("data.bin")).hasContent("the copy that must survive");
        assertThat(Files.list(out)).hasSize(1);
    }

    @Test
    void restore_overANonEmptyDirectory_mergesAfterItsVerificationPass() throws IOException {
        Path out = Files.createDirectories(temp.resolve("existing"));
        Files.writeString(out.resolve("unrelated.txt"), "stays\n");

        RestoreResult result = restorer().restoreFiles(manifest.id(), out,
                FileRestoreOptions.builder().overwrite(true).build());

        assertThat(result.succeeded()).as("%s", result.error()).isTrue();
        assertThat(storage.artifactReads()).as("verification pass, then restore").isEqualTo(2);
        assertThat(out.resolve("unrelated.txt")).hasContent("stays");
        assertThat(out.resolve("docs/old/note.txt")).hasContent("kept");
    }

    private static List<Path> stagingLeftIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".backline-restore-")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void flipByteAndReseal(int offset) throws IOException {
        ArtifactDamage.flipByteAndReseal(repo, manifest, offset);
    }

    /** A source whose payload is a tar given as bytes. */
    private record TarBytesSource(String name, byte[] tar) implements BackupSource {
        @Override
        public SourceKind kind() {
            return SourceKind.FILES;
        }

        @Override
        public String description() {
            return "tar bytes";
        }

        @Override
        public String payloadFormat() {
            return "tar";
        }

        @Override
        public String payloadExtension() {
            return "tar";
        }

        @Override
        public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
            out.write(tar);
            return SourceReport.ofFiles(new FilesInfo("tar bytes", 1, 1, 0, tar.length, List.of()));
        }
    }
}
