package io.backline.core;

import static io.backline.core.TarTestSupport.restoreContext;
import static io.backline.core.TarTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives built to escape the target are refused with an {@link UnsafeArchiveException} naming the entry, and
 * nothing outside the target changes: the target sits in {@code base/} beside a sentinel directory and file, and
 * {@code base/} minus the target is compared before and after.
 */
class DirectoryTargetHostileArchiveTest {
    @TempDir
    Path base;
    Path target;
    Path sentinel;
    TreeSnapshot before;

    @BeforeEach
    void surroundTheTargetWithSentinels() throws IOException {
        target = base.resolve("target");
        sentinel = base.resolve("sentinel");
        write(sentinel, "keep.txt", "untouched");
        write(base, "outside", "untouched too");
        before = TreeSnapshot.of(base);
    }

    private UnsafeArchiveException refused(HostileTar tar) {
        return refused(tar, FileRestoreOptions.defaults());
    }

    private UnsafeArchiveException refused(HostileTar tar, FileRestoreOptions options) {
        DirectoryTarget directory = DirectoryTarget.of(target, options);
        UnsafeArchiveException e = catchThrowableOfType(UnsafeArchiveException.class, () -> {
            try {
                directory.prepare(null, restoreContext(base));
                directory.restore(new ByteArrayInputStream(tar.toBytes()), null, restoreContext(base));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        });
        assertThat(e).as("restore must be refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.stage()).contains(Stage.RESTORE);
        assertThat(TreeSnapshot.of(base).without("target")).isEqualTo(before);
        return e;
    }

    @Test
    void restore_rejectsEntryWithParentTraversal() {
        UnsafeArchiveException e = refused(new HostileTar().file("ok.txt", "fine").file("../x", "evil"));

        assertThat(e.getMessage()).contains("'../x'").contains("'..'");
        assertThat(base.resolve("x")).doesNotExist();
    }

    @Test
    void restore_rejectsEntryWithAbsolutePath() {
        UnsafeArchiveException e = refused(new HostileTar().file("/abs", "evil"));

        assertThat(e.getMessage()).contains("'/abs'").contains("absolute");
    }

    @Test
    void restore_rejectsTraversalHiddenInTheMiddleOfAPath() {
        UnsafeArchiveException e = refused(new HostileTar().dir("a").file("a/../../x", "evil"));

        assertThat(e.getMessage()).contains("'a/../../x'");
        assertThat(base.resolve("x")).doesNotExist();
    }

    @Test
    void restore_rejectsSymlinkToAnAbsolutePathFollowedByAFileThroughIt() {
        UnsafeArchiveException e = refused(new HostileTar().symlink("link", "/tmp").file("link/evil", "evil"));

        assertThat(e.getMessage()).contains("'link'").contains("'/tmp'");
        assertThat(Path.of("/tmp/evil")).doesNotExist();
    }

    @Test
    void restore_rejectsSymlinkToTheSentinelDirectory() {
        UnsafeArchiveException e = refused(new HostileTar().symlink("link", sentinel.toString())
                .file("link/keep.txt", "overwritten"));

        assertThat(e.getMessage()).contains("'link'");
        assertThat(sentinel.resolve("keep.txt")).hasContent("untouched");
    }

    @Test
    void restore_rejectsSymlinkWithARelativeTargetThatEscapes() {
        UnsafeArchiveException e = refused(new HostileTar().symlink("etc", "../../etc"));

        assertThat(e.getMessage()).contains("'etc'").contains("'../../etc'");
    }

    @Test
    void restore_rejectsSymlinkEscapingFromADeeperDirectory() {
        UnsafeArchiveException e = refused(new HostileTar().dir("a/b").symlink("a/b/up", "../../../sentinel"));

        assertThat(e.getMessage()).contains("'a/b/up'");
    }

    @Test
    void restore_rejectsSymlinkTargetWithParentAfterAName() {
        UnsafeArchiveException e = refused(new HostileTar().dir("a").symlink("a/self", ".")
                .symlink("a/sneaky", "self/self/../../.."));

        assertThat(e.getMessage()).contains("'a/sneaky'");
    }

    @Test
    void restore_rejectsFileWrittenThroughAnInTreeSymlink() {
        UnsafeArchiveException e = refused(new HostileTar().dir("real").symlink("alias", "real")
                .file("alias/evil", "through the link"));

        assertThat(e.getMessage()).contains("'alias/evil'").contains("symlink 'alias'");
        assertThat(target.resolve("real/evil")).doesNotExist();
    }

    @Test
    void restore_rejectsWritingThroughASymlinkThatAlreadyExistsInTheTarget() throws IOException {
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("link"), sentinel);
        before = TreeSnapshot.of(base).without("target");

        UnsafeArchiveException e = refused(new HostileTar().file("link/keep.txt", "overwritten"),
                FileRestoreOptions.overwriting());

        assertThat(e.getMessage()).contains("'link/keep.txt'");
        assertThat(sentinel.resolve("keep.txt")).hasContent("untouched");
    }

    @Test
    void restore_replacesAnExistingSymlinkRatherThanWritingThroughIt() throws IOException {
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("outside-link"), base.resolve("outside"));
        byte[] tar = new HostileTar().file("outside-link", "replaced").toBytes();

        DirectoryTarget directory = DirectoryTarget.of(target, FileRestoreOptions.overwriting());
        directory.restore(new ByteArrayInputStream(tar), null, restoreContext(base));

        assertThat(Files.isSymbolicLink(target.resolve("outside-link"))).isFalse();
        assertThat(target.resolve("outside-link")).hasContent("replaced");
        assertThat(base.resolve("outside")).hasContent("untouched too");
    }

    @Test
    void restore_letsALaterEntryOfTheSameNameReplaceTheEarlierOneWithoutFollowingIt() throws IOException {
        byte[] tar = new HostileTar().file("twice.txt", "first").file("twice.txt", "second")
                .symlink("link", "twice.txt").file("link", "a file now").toBytes();

        DirectoryTarget directory = DirectoryTarget.of(target, FileRestoreOptions.defaults());
        directory.prepare(null, restoreContext(base));
        directory.restore(new ByteArrayInputStream(tar), null, restoreContext(base));

        assertThat(target.resolve("twice.txt")).hasContent("second");
        assertThat(Files.isSymbolicLink(target.resolve("link"))).isFalse();
        assertThat(target.resolve("link")).hasContent("a file now");
    }

    @Test
    void restore_rejectsHardLinkToAnAbsolutePath() {
        UnsafeArchiveException e = refused(new HostileTar().hardLink("passwd", "/etc/passwd"));

        assertThat(e.getMessage()).contains("'passwd'").contains("'/etc/passwd'");
        assertThat(target.resolve("passwd")).doesNotExist();
    }

    @Test
    void restore_rejectsHardLinkOutOfTheTarget() {
        UnsafeArchiveException e = refused(new HostileTar().hardLink("copy", "../outside"));

        assertThat(e.getMessage()).contains("'copy'").contains("'../outside'");
    }

    @Test
    void restore_rejectsHardLinkToAPathThatIsNotAnEarlierFileOfTheArchive() {
        UnsafeArchiveException e = refused(new HostileTar().dir("d").hardLink("to-dir", "d")
                .file("later", "x"));

        assertThat(e.getMessage()).contains("'to-dir'").contains("not an earlier file");
    }

    @Test
    void restore_rejectsHardLinkToAFileAlreadyInTheTargetButNotInTheArchive() throws IOException {
        write(target, "preexisting", "mine");
        before = TreeSnapshot.of(base).without("target");

        UnsafeArchiveException e = refused(new HostileTar().hardLink("grab", "preexisting"),
                FileRestoreOptions.overwriting());

        assertThat(e.getMessage()).contains("'grab'");
    }

    @Test
    void restore_rejectsAFileEntryNamingTheTargetItself() {
        UnsafeArchiveException e = refused(new HostileTar().dir("./").file(".", "y"));

        assertThat(e.getMessage()).contains("target directory itself");
    }

    @Test
    void restore_createsHardLinksToEarlierFilesOfTheArchive() throws IOException {
        byte[] tar = new HostileTar().file("dir/original", "shared").hardLink("second", "dir/original")
                .hardLink("third", "second").toBytes();

        DirectoryTarget directory = DirectoryTarget.of(target);
        directory.restore(new ByteArrayInputStream(tar), null, restoreContext(base));

        assertThat(target.resolve("second")).hasContent("shared");
        assertThat(Files.isSameFile(target.resolve("second"), target.resolve("dir/original"))).isTrue();
        assertThat(Files.isSameFile(target.resolve("third"), target.resolve("dir/original"))).isTrue();
        assertThat(Files.getAttribute(target.resolve("second"), "unix:nlink", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(3);
    }

    @Test
    void restore_makesAbsolutePaxNamesRelativeAndKeepsThemInside() throws IOException {
        String longAbsolute = "/" + "p".repeat(150) + "/file";
        byte[] tar = new HostileTar().file(longAbsolute, "inside").toBytes();

        DirectoryTarget.of(target).restore(new ByteArrayInputStream(tar), null, restoreContext(base));

        assertThat(target.resolve(longAbsolute.substring(1))).hasContent("inside");
        assertThat(TreeSnapshot.of(base).without("target")).isEqualTo(before);
    }
}
