package io.backline.core;

import static io.backline.core.TarTestSupport.archive;
import static io.backline.core.TarTestSupport.restore;
import static io.backline.core.TarTestSupport.restoreContext;
import static io.backline.core.TarTestSupport.touch;
import static io.backline.core.TarTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.PayloadInfo;
import io.backline.core.manifest.BackupManifest.SourceInfo;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.RestoreOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DirectoryTarget}: conflicts, overwrite, subsets, options, and reading the stream to its end. */
class DirectoryTargetTest {
    @TempDir
    Path temp;
    Path source;
    Path tar;

    @BeforeEach
    void archiveASmallTree() throws IOException {
        source = Files.createDirectories(temp.resolve("source"));
        write(source, "docs/guide.md", "guide");
        write(source, "docs/img/logo.png", "png");
        write(source, "src/Main.java", "class Main {}");
        write(source, "README.md", "readme");
        touch(source.resolve("docs"), "2010-05-06T07:08:09Z");
        tar = temp.resolve("tree.tar");
        archive(FileSource.of("files", source), tar);
    }

    private static BackupManifest manifest(String payloadFormat) {
        return new BackupManifest("20260101T000000Z-test0000", 1, new SourceInfo("files", SourceKind.FILES, "x"),
                null, BackupStatus.COMPLETED, null, null, null, null, null, null, null,
                new PayloadInfo(payloadFormat), null, null, null, null);
    }

    @Test
    void prepare_createsAMissingDirectory() throws IOException {
        Path target = temp.resolve("new/nested/target");

        DirectoryTarget.of(target).prepare(manifest("tar-pax"), restoreContext(temp));

        assertThat(target).isEmptyDirectory();
    }

    @Test
    void prepare_refusesANonEmptyDirectoryWithoutOverwrite() throws IOException {
        Path target = temp.resolve("target");
        write(target, "existing.txt", "mine");
        DirectoryTarget directory = DirectoryTarget.of(target);

        RestoreConflictException e = catchThrowableOfType(RestoreConflictException.class, () -> {
            try {
                directory.prepare(manifest("tar-pax"), restoreContext(temp));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        });

        assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_CONFLICT);
        assertThat(e.stage()).contains(Stage.RESTORE);
        assertThat(e.getMessage()).contains(target.toString()).contains("not empty");
        assertThatThrownBy(() -> directory.restore(Files.newInputStream(tar), null, restoreContext(temp)))
                .isInstanceOf(RestoreConflictException.class);
        assertThat(target.resolve("existing.txt")).hasContent("mine");
        assertThat(target.resolve("README.md")).doesNotExist();
    }

    @Test
    void prepare_refusesAPathThatIsAFile() throws IOException {
        Path file = write(temp, "a-file", "x");

        assertThatThrownBy(() -> DirectoryTarget.of(file).prepare(null, restoreContext(temp)))
                .isInstanceOf(RestoreConflictException.class).hasMessageContaining("not a directory");
    }

    @Test
    void prepare_refusesAPayloadThatIsNotATar() {
        Path target = temp.resolve("target");

        assertThatThrownBy(() -> DirectoryTarget.of(target).prepare(manifest("pg_dump-custom"),
                restoreContext(temp))).isInstanceOf(BackupException.class)
                .hasMessageContaining("pg_dump-custom");
    }

    @Test
    void restore_withOverwriteMergesIntoAnExistingTree() throws IOException {
        Path target = temp.resolve("target");
        write(target, "README.md", "old readme");
        write(target, "docs/mine.txt", "kept");
        write(target, "unrelated.txt", "kept too");

        restore(tar, DirectoryTarget.of(target, FileRestoreOptions.builder().overwrite(true).build()));

        assertThat(target.resolve("README.md")).hasContent("readme");
        assertThat(target.resolve("docs/guide.md")).hasContent("guide");
        assertThat(target.resolve("docs/mine.txt")).hasContent("kept");
        assertThat(target.resolve("unrelated.txt")).hasContent("kept too");
    }

    @Test
    void restore_withOverwriteRefusesToReplaceADirectoryWithAFile() throws IOException {
        Path target = temp.resolve("target");
        write(target, "README.md/inside", "a directory where the archive has a file");

        assertThatThrownBy(() -> restore(tar, DirectoryTarget.of(target, FileRestoreOptions.overwriting())))
                .isInstanceOf(RestoreConflictException.class).hasMessageContaining("'README.md'");
        assertThat(target.resolve("README.md/inside")).exists();
    }

    @Test
    void restore_subsetByGlobRestoresOnlyMatchesAndTheirDirectories() throws IOException {
        Path target = temp.resolve("target");

        RestoreOutcome outcome = restore(tar, DirectoryTarget.of(target,
                FileRestoreOptions.builder().include("docs/**.md").build()));

        assertThat(TreeSnapshot.of(target).nodes().keySet()).containsExactly("docs", "docs/guide.md");
        assertThat(outcome.items()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(target.resolve("docs")).toInstant())
                .isEqualTo(Instant.parse("2010-05-06T07:08:09Z"));
    }

    @Test
    void restore_subsetByDirectoryRestoresEverythingUnderIt() throws IOException {
        Path target = temp.resolve("target");

        restore(tar, DirectoryTarget.of(target, FileRestoreOptions.builder().include("docs").build()));

        assertThat(TreeSnapshot.of(target)).isEqualTo(TreeSnapshot.of(source).without("src", "README.md"));
    }

    @Test
    void restore_withoutTimesAndPermissionsLeavesDefaults() throws IOException {
        Path target = temp.resolve("target");
        touch(source.resolve("README.md"), "2001-01-01T00:00:00Z");
        TarTestSupport.chmod(source.resolve("README.md"), "r--------");
        archive(FileSource.of("files", source), tar);

        restore(tar, DirectoryTarget.of(target, FileRestoreOptions.builder().restoreTimes(false)
                .restorePermissions(false).build()));

        assertThat(TreeSnapshot.of(target)).isNotEqualTo(TreeSnapshot.of(source));
        assertThat(Files.getLastModifiedTime(target.resolve("README.md")).toInstant())
                .isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(Files.isWritable(target.resolve("README.md"))).isTrue();
        assertThat(target.resolve("README.md")).hasContent("readme");
    }

    @Test
    void restore_createsTheParentsOfEntriesThatComeWithoutDirectoryEntries() throws IOException {
        // as `tar -cf x a/x/1 a/y/1 …` writes them: siblings at one depth under different parents, in turns
        byte[] tar = new HostileTar().file("a/x/1", "ax1").file("a/y/1", "ay1").file("b/y/1", "by1")
                .file("a/x/2", "ax2").file("./a//y/2", "ay2").file("top", "top").file("b/z", "bz").toBytes();
        Path target = temp.resolve("target");

        DirectoryTarget.of(target).restore(new ByteArrayInputStream(tar), null, restoreContext(temp));

        assertThat(target.resolve("a/x/1")).hasContent("ax1");
        assertThat(target.resolve("a/y/1")).hasContent("ay1");
        assertThat(target.resolve("b/y/1")).hasContent("by1");
        assertThat(target.resolve("a/x/2")).hasContent("ax2");
        assertThat(target.resolve("a/y/2")).hasContent("ay2");
        assertThat(target.resolve("top")).hasContent("top");
        assertThat(target.resolve("b/z")).hasContent("bz");
        assertThat(TreeSnapshot.of(target).nodes().keySet()).containsExactly("a", "a/x", "a/x/1", "a/x/2", "a/y",
                "a/y/1", "a/y/2", "b", "b/y", "b/y/1", "b/z", "top");
    }

    @Test
    void restore_readsTheStreamToItsEnd() throws IOException {
        byte[] trailing = new byte[50_000];
        ByteArrayInputStream rest = new ByteArrayInputStream(trailing);
        SequenceInputStream payload = new SequenceInputStream(Files.newInputStream(tar), rest);

        DirectoryTarget.of(temp.resolve("target")).restore(payload, null, restoreContext(temp));

        assertThat(rest.available()).isZero();
        assertThat(payload.read()).isEqualTo(-1);
    }

    @Test
    void restore_failsOnATruncatedArchive() throws IOException {
        write(source, "big.bin", TarTestSupport.randomBytes(200_000, 9));
        archive(FileSource.of("files", source), tar);
        byte[] all = Files.readAllBytes(tar);
        byte[] cut = java.util.Arrays.copyOf(all, all.length / 2);

        assertThatThrownBy(() -> DirectoryTarget.of(temp.resolve("target"))
                .restore(new ByteArrayInputStream(cut), null, restoreContext(temp)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void options_defaultsAndBuilderRoundTrip() {
        FileRestoreOptions defaults = FileRestoreOptions.defaults();
        FileRestoreOptions custom = FileRestoreOptions.builder().overwrite(true).include("a/**", "b")
                .restorePermissions(false).restoreTimes(false).build();

        assertThat(defaults.overwrite()).isFalse();
        assertThat(defaults.includes()).isEmpty();
        assertThat(defaults.restorePermissions()).isTrue();
        assertThat(defaults.restoreTimes()).isTrue();
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom.includes()).containsExactly("a/**", "b");
        assertThatThrownBy(() -> FileRestoreOptions.builder().include("/abs")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
