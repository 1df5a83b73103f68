package io.backline.core;

import static io.backline.core.TarTestSupport.archive;
import static io.backline.core.TarTestSupport.restore;
import static io.backline.core.TarTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backline.core.internal.FileOpener;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.BackupManifest.SkippedEntry;
import io.backline.core.manifest.SourceKind;
import io.backline.core.testing.ExternalTools;
import io.backline.core.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSource}: configuration, filters, special files, and unreadable or changing files. */
class FileSourceTest {
    @TempDir
    Path temp;

    private Path source() throws IOException {
        return Files.createDirectories(temp.resolve("source"));
    }

    /** The entry names of a tar file, in order. */
    private static List<String> entryNames(Path tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream tarIn = new TarArchiveInputStream(in,
                "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = tarIn.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void build_describesTheSource() throws IOException {
        FileSource files = FileSource.of("uploads", source());

        assertThat(files.name()).isEqualTo("uploads");
        assertThat(files.kind()).isEqualTo(SourceKind.FILES);
        assertThat(files.payloadFormat()).isEqualTo("tar-pax");
        assertThat(files.payloadExtension()).isEqualTo("tar");
        assertThat(files.description()).isEqualTo(source().toString());
        assertThat(files.unreadablePolicy()).isEqualTo(UnreadablePolicy.FAIL);
    }

    @Test
    void build_rejectsAnInvalidName() throws IOException {
        Path root = source();

        assertThatThrownBy(() -> FileSource.of("Foo", root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source name needs to match [a-z0-9][a-z0-9._-]{0,62}, not 'Foo'");
        assertThatThrownBy(() -> FileSource.of("-x", root)).hasMessageContaining("not '-x'");
        assertThatThrownBy(() -> FileSource.of("a".repeat(64), root)).hasMessageContaining("needs to match");
        assertThat(FileSource.of("a".repeat(63), root).name()).hasSize(63);
    }

    @Test
    void build_rejectsARootThatIsNotADirectory() throws IOException {
        Path file = write(temp, "file.txt", "x");

        assertThatThrownBy(() -> FileSource.of("files", file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root needs to be an existing directory").hasMessageContaining("not a directory");
        assertThatThrownBy(() -> FileSource.of("files", temp.resolve("missing")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void build_rejectsAbsoluteAndMalformedGlobs() throws IOException {
        FileSource.Builder builder = FileSource.builder("files", source());

        assertThatThrownBy(() -> builder.exclude("/etc/**")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relative to the root");
        assertThatThrownBy(() -> builder.include("a[")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a['");
    }

    @Test
    void writeTo_leavesOutExcludedPathsAndDoesNotEnterExcludedDirectories() throws IOException {
        Path source = source();
        write(source, "keep.txt", "k");
        write(source, "debug.log", "l");
        write(source, "sub/deeper/trace.log", "l");
        write(source, "cache/blob", "c");
        write(source, "sub/cache/blob", "nested cache is kept: the pattern is anchored");
        Path tar = temp.resolve("t.tar");

        FilesInfo info = archive(FileSource.builder("files", source).exclude("**/*.log", "cache").build(), tar);

        assertThat(entryNames(tar)).containsExactly("keep.txt", "sub/", "sub/cache/", "sub/cache/blob",
                "sub/deeper/");
        assertThat(info.fileCount()).isEqualTo(2);
        assertThat(info.skipped()).isEmpty();
    }

    @Test
    void writeTo_withIncludesArchivesOnlyMatchesAndTheirDirectories() throws IOException {
        Path source = source();
        write(source, "docs/a.md", "a");
        write(source, "docs/img/b.png", "b");
        write(source, "docs/notes.txt", "n");
        write(source, "src/main.c", "c");
        write(source, "assets/logo.svg", "svg");
        Files.createDirectories(source.resolve("empty-and-unmatched"));
        Path tar = temp.resolve("t.tar");

        archive(FileSource.builder("files", source).include("**.md", "assets").build(), tar);

        assertThat(entryNames(tar)).containsExactly("assets/", "assets/logo.svg", "docs/", "docs/a.md");
    }

    @Test
    void writeTo_skipsAndRecordsFifos() throws IOException {
        ExternalTools.require("mkfifo");
        Path source = source();
        write(source, "a.txt", "a");
        Processes.run(source, "mkfifo", "pipe").assertSuccess();
        Path tar = temp.resolve("t.tar");

        FilesInfo info = archive(FileSource.of("files", source), tar);

        assertThat(entryNames(tar)).containsExactly("a.txt");
        assertThat(info.skipped()).containsExactly(new SkippedEntry("pipe", "FIFO not archived"));
    }

    @Test
    void writeTo_skipsAndRecordsSockets() throws IOException {
        Path source = source();
        write(source, "a.txt", "a");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(source.resolve("app.sock")));
            Path tar = temp.resolve("t.tar");

            FilesInfo info = archive(FileSource.of("files", source), tar);

            assertThat(entryNames(tar)).containsExactly("a.txt");
            assertThat(info.skipped()).containsExactly(new SkippedEntry("app.sock", "socket not archived"));
        }
    }

    // Tests run as root here, where chmod 000 does not stop reading; the opener seam makes a file unreadable.
    private static FileOpener denying(String fileName) {
        return file -> {
            if (file.getFileName().toString().equals(fileName)) {
                throw new AccessDeniedException(file.toString());
            }
            return FileOpener.DEFAULT.open(file);
        };
    }

    @Test
    void writeTo_failsOnAnUnreadableFileByDefault() throws IOException {
        Path source = source();
        write(source, "ok.txt", "ok");
        write(source, "secret/locked.txt", "no");
        FileSource files = FileSource.builder("files", source).opener(denying("locked.txt")).build();

        BackupException e = catchThrowableOfType(BackupException.class,
                () -> archive(files, temp.resolve("t.tar")));

        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
        assertThat(e.stage()).contains(Stage.SOURCE);
        assertThat(e.getMessage()).contains("'secret/locked.txt'").contains("permission denied")
                .contains(TarTestSupport.REF);
    }

    @Test
    void writeTo_skipsAndRecordsAnUnreadableFileUnderSkip() throws IOException {
        Path source = source();
        write(source, "ok.txt", "ok");
        write(source, "secret/locked.txt", "no");
        Path tar = temp.resolve("t.tar");
        FileSource files = FileSource.builder("files", source).opener(denying("locked.txt"))
                .onUnreadable(UnreadablePolicy.SKIP).build();

        FilesInfo info = archive(files, tar);

        assertThat(info.skipped()).containsExactly(new SkippedEntry("secret/locked.txt",
                "unreadable: permission denied"));
        assertThat(info.fileCount()).isEqualTo(1);
        assertThat(entryNames(tar)).containsExactly("ok.txt", "secret/");
    }

    @Test
    void writeTo_treatsAFileRemovedBeforeItIsReadAsUnreadable() throws IOException {
        Path source = source();
        write(source, "stays.txt", "s");
        write(source, "vanishes.txt", "v");
        FileOpener deleteFirst = file -> {
            if (file.getFileName().toString().equals("vanishes.txt")) {
                Files.delete(file);
            }
            return FileOpener.DEFAULT.open(file);
        };

        BackupException failure = catchThrowableOfType(BackupException.class, () -> archive(
                FileSource.builder("files", source).opener(deleteFirst).build(), temp.resolve("fail.tar")));
        assertThat(failure.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
        assertThat(failure.getMessage()).contains("'vanishes.txt'");

        write(source, "vanishes.txt", "v");
        FilesInfo info = archive(FileSource.builder("files", source).opener(deleteFirst)
                .onUnreadable(UnreadablePolicy.SKIP).build(), temp.resolve("skip.tar"));
        assertThat(info.skipped()).extracting(SkippedEntry::path).containsExactly("vanishes.txt");
    }

    /** An opener that changes the file's length right after opening it, i.e. after its size was taken. */
    private static FileOpener resizingAfterOpen(String fileName, long newLength) {
        return file -> {
            InputStream in = FileOpener.DEFAULT.open(file);
            if (file.getFileName().toString().equals(fileName)) {
                if (newLength > Files.size(file)) {
                    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                        out.write(new byte[(int) (newLength - Files.size(file))]);
                    }
                } else {
                    try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
                        channel.truncate(newLength);
                    }
                }
            }
            return in;
        };
    }

    @Test
    void writeTo_failsWhenAFileGrowsWhileBeingRead() throws IOException {
        Path source = source();
        write(source, "growing.log", TarTestSupport.randomBytes(100_000, 1));
        FileSource files = FileSource.builder("files", source).opener(resizingAfterOpen("growing.log", 300_000))
                .build();

        BackupException e = catchThrowableOfType(BackupException.class, () -> archive(files, temp.resolve("t.tar")));

        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_CHANGED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("'growing.log'").contains("changed while being read");
    }

    @Test
    void writeTo_failsWhenAFileShrinksWhileBeingRead() throws IOException {
        Path source = source();
        write(source, "shrinking.db", TarTestSupport.randomBytes(300_000, 2));
        FileSource files = FileSource.builder("files", source).opener(resizingAfterOpen("shrinking.db", 1000))
                .build();

        BackupException e = catchThrowableOfType(BackupException.class, () -> archive(files, temp.resolve("t.tar")));

        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_CHANGED);
        assertThat(e.getMessage()).contains("'shrinking.db'").contains("shrank");
    }

    @Test
    void writeTo_underSkipKeepsTheTarValidWhenFilesChangeSize() throws IOException {
        Path source = source();
        write(source, "a-grows", TarTestSupport.randomBytes(70_000, 3));
        write(source, "b-shrinks", TarTestSupport.randomBytes(70_000, 4));
        write(source, "c-after", "still here");
        FileOpener both = file -> file.getFileName().toString().equals("a-grows")
                ? resizingAfterOpen("a-grows", 200_000).open(file)
                : resizingAfterOpen("b-shrinks", 10).open(file);
        Path tar = temp.resolve("t.tar");

        FilesInfo info = archive(FileSource.builder("files", source).opener(both)
                .onUnreadable(UnreadablePolicy.SKIP).build(), tar);

        assertThat(info.skipped()).containsExactly(new SkippedEntry("a-grows", "changed while being read"),
                new SkippedEntry("b-shrinks", "changed while being read"));
        assertThat(info.fileCount()).isEqualTo(1);
        Path restored = temp.resolve("restored");
        restore(tar, DirectoryTarget.of(restored));
        assertThat(restored.resolve("c-after")).hasContent("still here");
        assertThat(Files.size(restored.resolve("a-grows"))).isEqualTo(70_000);
        assertThat(Files.size(restored.resolve("b-shrinks"))).isEqualTo(70_000);
    }

    @Test
    void writeTo_failsWithSourceFailedWhenTheRootDisappears() throws IOException {
        Path source = source();
        FileSource files = FileSource.of("files", source);
        Files.delete(source);

        BackupException e = catchThrowableOfType(BackupException.class, () -> {
            try {
                files.writeTo(OutputStream.nullOutputStream(), TarTestSupport.sourceContext(temp));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        });

        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
        assertThat(e.getMessage()).contains(source.toString());
    }
}
