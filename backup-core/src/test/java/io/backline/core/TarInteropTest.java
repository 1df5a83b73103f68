package io.backline.core;

import static io.backline.core.TarTestSupport.archive;
import static io.backline.core.TarTestSupport.chmod;
import static io.backline.core.TarTestSupport.randomBytes;
import static io.backline.core.TarTestSupport.restore;
import static io.backline.core.TarTestSupport.touch;
import static io.backline.core.TarTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.testing.ExternalTools;
import io.backline.core.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar is a standard file: GNU tar extracts ours, and we extract GNU tar's pax archives. */
class TarInteropTest {
    @TempDir
    Path temp;
    Path source;

    @BeforeEach
    void buildAVariedTree() throws IOException {
        ExternalTools.require("tar");
        source = Files.createDirectories(temp.resolve("source"));
        write(source, "empty", new byte[0]);
        write(source, "sizes/65535", randomBytes(65535, 1));
        write(source, "sizes/65536", randomBytes(65536, 2));
        write(source, "sizes/65537", randomBytes(65537, 3));
        write(source, "sizes/2MiB", randomBytes(2 * 1024 * 1024 + 3, 4));
        write(source, "names/with space é 日本 😀.txt", "unicode");
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            deep.append("directory-").append(i).append('/');
        }
        write(source, deep + "f".repeat(180), "deep and long");
        Files.createSymbolicLink(source.resolve("names/link"), Path.of("with space é 日本 😀.txt"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("nowhere"));
        chmod(write(source, "perms/private", "p"), "rw-------");
        chmod(write(source, "perms/exec", "e"), "rwxr-xr-x");
        chmod(write(source, "perms/readonly", "r"), "r--r--r--");
        touch(write(source, "old.txt", "old"), "2003-04-05T06:07:08Z");
        touch(source.resolve("names"), "2004-01-01T00:00:00Z");
        touch(source.resolve("perms"), "2005-01-01T00:00:00Z");
    }

    @Test
    void gnuTar_extractsWhatFileSourceWrites() throws IOException {
        Path tar = temp.resolve("ours.tar");
        archive(FileSource.of("files", source), tar);
        Path extracted = Files.createDirectories(temp.resolve("extracted"));

        Processes.run(extracted, "tar", "-xf", tar.toString()).assertSuccess();

        assertThat(TreeSnapshot.of(extracted)).isEqualTo(TreeSnapshot.of(source));
    }

    @Test
    void gnuTar_listsNamesAndModesAsWritten() throws IOException {
        Path tar = temp.resolve("ours.tar");
        archive(FileSource.of("files", source), tar);

        String listing = Processes.run(temp, "tar", "-tvf", tar.toString()).assertSuccess().stdoutText();

        assertThat(listing).contains("-rw------- ").contains("perms/private")
                .contains("names/with space é 日本 😀.txt").contains("names/link -> with space é 日本 😀.txt")
                .contains("2003-04-05 06:07").contains(" " + System.getProperty("user.name") + "/");
    }

    @Test
    void directoryTarget_restoresWhatGnuTarWritesInPosixFormat() throws IOException {
        Path tar = temp.resolve("gnu.tar");
        Processes.run(source, "tar", "--format=posix", "-cf", tar.toString(), ".").assertSuccess();
        Path restored = temp.resolve("restored");

        restore(tar, DirectoryTarget.of(restored));

        assertThat(TreeSnapshot.of(restored)).isEqualTo(TreeSnapshot.of(source));
    }

    @Test
    void directoryTarget_restoresGnuTarHardLinks() throws IOException {
        Files.createLink(source.resolve("sizes/hard-link"), source.resolve("sizes/65537"));
        Path tar = temp.resolve("gnu.tar");
        Processes.run(source, "tar", "--format=posix", "-cf", tar.toString(), "sizes").assertSuccess();
        Path restored = temp.resolve("restored");

        restore(tar, DirectoryTarget.of(restored));

        assertThat(Files.isSameFile(restored.resolve("sizes/hard-link"), restored.resolve("sizes/65537"))).isTrue();
        assertThat(TreeSnapshot.of(restored)).isEqualTo(TreeSnapshot.of(source).without("empty", "names", "perms",
                "old.txt", "dangling", "directory-0"));
    }
}
