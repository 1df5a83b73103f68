package io.backline.core;

import static io.backline.core.TarTestSupport.archive;
import static io.backline.core.TarTestSupport.archiveBytes;
import static io.backline.core.TarTestSupport.chmod;
import static io.backline.core.TarTestSupport.randomBytes;
import static io.backline.core.TarTestSupport.restore;
import static io.backline.core.TarTestSupport.touch;
import static io.backline.core.TarTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.spi.RestoreOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees go through {@link FileSource} into a tar and come back out of {@link DirectoryTarget} unchanged. */
class FileSourceRoundTripTest {
    @TempDir
    Path temp;

    private Path source() throws IOException {
        return Files.createDirectories(temp.resolve("source"));
    }

    /** Archives source/, restores into restored/ and checks both trees are the same; returns the files section. */
    private FilesInfo roundTrip(Path source) throws IOException {
        Path tar = temp.resolve("tree.tar");
        FilesInfo info = archive(FileSource.of("files", source), tar);
        Path restored = temp.resolve("restored");
        RestoreOutcome outcome = restore(tar, DirectoryTarget.of(restored, FileRestoreOptions.defaults()));
        assertThat(TreeSnapshot.of(restored)).isEqualTo(TreeSnapshot.of(source));
        assertThat(outcome.items()).isEqualTo(info.fileCount() + info.symlinkCount());
        assertThat(outcome.bytes()).isEqualTo(info.totalBytes());
        return info;
    }

    @Test
    void roundTrip_emptyTree() throws IOException {
        FilesInfo info = roundTrip(source());

        assertThat(info.fileCount()).isZero();
        assertThat(info.dirCount()).isZero();
        assertThat(info.skipped()).isEmpty();
        assertThat(temp.resolve("restored")).isEmptyDirectory();
    }

    @Test
    void roundTrip_emptyFilesAndEmptyDirectories() throws IOException {
        Path source = source();
        write(source, "empty.txt", new byte[0]);
        write(source, "a/also-empty", new byte[0]);
        Files.createDirectories(source.resolve("b/c/d"));

        FilesInfo info = roundTrip(source);

        assertThat(info.fileCount()).isEqualTo(2);
        assertThat(info.dirCount()).isEqualTo(4);
        assertThat(info.totalBytes()).isZero();
    }

    @Test
    void roundTrip_fileSizesAroundBlockAndBufferBoundaries() throws IOException {
        Path source = source();
        int[] sizes = {0, 1, 511, 512, 513, 65535, 65536, 65537, 128 * 1024 + 1, 3 * 1024 * 1024 + 17};
        long total = 0;
        for (int size : sizes) {
            write(source, "sizes/" + size + ".bin", randomBytes(size, size));
            total += size;
        }

        FilesInfo info = roundTrip(source);

        assertThat(info.fileCount()).isEqualTo(sizes.length);
        assertThat(info.totalBytes()).isEqualTo(total);
    }

    @Test
    void roundTrip_namesWithSpacesAndNonAscii() throws IOException {
        Path source = source();
        write(source, "with space/and more spaces.txt", "spaces");
        write(source, "café/résumé é.txt", "accents");
        write(source, "日本/ファイル名.txt", "japanese");
        write(source, "emoji 😀/🎉 party.txt", "emoji");

        FilesInfo info = roundTrip(source);

        assertThat(info.fileCount()).isEqualTo(4);
        assertThat(temp.resolve("restored/日本/ファイル名.txt")).hasContent("japanese");
        assertThat(temp.resolve("restored/emoji 😀/🎉 party.txt")).hasContent("emoji");
    }

    @Test
    void roundTrip_pathsLongerThan100And255Bytes() throws IOException {
        Path source = source();
        String longName = "n".repeat(120) + "-é-" + "m".repeat(100);
        write(source, longName, "long name");
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            deep.append("level-").append(i).append('/');
        }
        String deepPath = deep + "file-at-the-bottom.txt";
        assertThat(deepPath.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(255);
        write(source, deepPath, "deep");
        String bothLong = deep + "x".repeat(200);
        write(source, bothLong, "deep and long");
        Files.createSymbolicLink(source.resolve("level-0/link-with-a-long-target"),
                Path.of(deep.substring("level-0/".length()) + "file-at-the-bottom.txt"));

        roundTrip(source);

        assertThat(temp.resolve("restored").resolve(deepPath)).hasContent("deep");
        assertThat(temp.resolve("restored").resolve(bothLong)).hasContent("deep and long");
        assertThat(temp.resolve("restored/level-0/link-with-a-long-target")).hasContent("deep");
    }

    @Test
    void roundTrip_symlinksAreStoredAsLinksNotFollowed() throws IOException {
        Path source = source();
        write(source, "data/target.txt", "the target");
        Files.createSymbolicLink(source.resolve("relative"), Path.of("data/target.txt"));
        Files.createSymbolicLink(source.resolve("data/up-and-over"), Path.of("../data/target.txt"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("does/not/exist"));
        Files.createSymbolicLink(source.resolve("dir-link"), Path.of("data"));

        FilesInfo info = roundTrip(source);

        assertThat(info.symlinkCount()).isEqualTo(4);
        assertThat(info.fileCount()).isEqualTo(1);
        Path restored = temp.resolve("restored");
        assertThat(Files.isSymbolicLink(restored.resolve("dir-link"))).isTrue();
        assertThat(Files.readSymbolicLink(restored.resolve("dangling"))).isEqualTo(Path.of("does/not/exist"));
        assertThat(restored.resolve("relative")).hasContent("the target");
        assertThat(restored.resolve("data/up-and-over")).hasContent("the target");
    }

    @Test
    void roundTrip_permissionsAreKept() throws IOException {
        Path source = source();
        chmod(write(source, "private", "secret"), "rw-------");
        chmod(write(source, "script.sh", "#!/bin/sh\n"), "rwxr-xr-x");
        chmod(write(source, "readonly", "ro"), "r--r--r--");
        write(source, "locked/inside", "x");
        chmod(source.resolve("locked"), "r-x------");

        roundTrip(source);

        assertThat(Files.getPosixFilePermissions(temp.resolve("restored/readonly")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    }

    @Test
    void roundTrip_everyPermissionPatternAnOwnerCanReadIsKept() throws IOException {
        // some of these the umask lets through (created with them), others it would strip (set afterwards)
        Path source = source();
        for (int mode = 0400; mode <= 0777; mode++) {
            Path file = write(source, "modes/" + Integer.toOctalString(mode), Integer.toOctalString(mode));
            chmod(file, symbolic(mode));
            touch(file, "2010-01-01T00:00:0" + (mode % 10) + "Z");
        }

        roundTrip(source);

        assertThat(Files.getPosixFilePermissions(temp.resolve("restored/modes/777")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(Files.getPosixFilePermissions(temp.resolve("restored/modes/400")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
    }

    /** 0754 as "rwxr-xr--". */
    private static String symbolic(int mode) {
        StringBuilder text = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) == 0 ? '-' : "xwr".charAt(bit % 3));
        }
        return text.toString();
    }

    @Test
    void roundTrip_mtimesAreKeptIncludingDirectories() throws IOException {
        Path source = source();
        touch(write(source, "old/file.txt", "old"), "2001-02-03T04:05:06.789Z");
        touch(source.resolve("old"), "1999-12-31T23:59:59Z");
        touch(write(source, "future.txt", "later"), "2100-01-01T00:00:00Z");

        roundTrip(source);

        Path restored = temp.resolve("restored");
        assertThat(Files.getLastModifiedTime(restored.resolve("old")).toInstant())
                .isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
        assertThat(Files.getLastModifiedTime(restored.resolve("old/file.txt")).toInstant())
                .isEqualTo(Instant.parse("2001-02-03T04:05:06.789Z"));
    }

    @Test
    void writeTo_isDeterministicForAnUnchangedTree() throws IOException {
        Path source = source();
        write(source, "b/2.txt", "two");
        write(source, "a/1.txt", "one");
        write(source, "c.txt", "three");
        Files.createSymbolicLink(source.resolve("z-link"), Path.of("c.txt"));
        FileSource files = FileSource.of("files", source);

        byte[] first = archiveBytes(files, temp);
        byte[] second = archiveBytes(files, temp);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void writeTo_doesNotCloseTheStream() throws IOException {
        Path source = source();
        write(source, "a.txt", "a");
        boolean[] closed = {false};
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        FileSource.of("files", source).writeTo(sink, TarTestSupport.sourceContext(temp));

        assertThat(closed[0]).isFalse();
        assertThat(sink.size() % 512).isZero();
    }

    @Test
    void restore_keepsSymlinkInsideTreeWhenItPointsToADirectory() throws IOException {
        Path source = source();
        write(source, "real/file.txt", "content");
        Files.createSymbolicLink(source.resolve("alias"), Path.of("real"));

        roundTrip(source);

        assertThat(Files.isDirectory(temp.resolve("restored/alias"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(temp.resolve("restored/alias/file.txt")).hasContent("content");
    }
}
