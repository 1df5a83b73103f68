package io.backline.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.testing.ExternalTools;
import io.backline.core.testing.Processes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Backline's tar framing reads every archive as commons-compress's own tar reader does. */
class TarEntryReaderTest {
    @TempDir
    Path temp;

    /** Names and link targets past ustar's limits only where the format can hold them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gnu, true", "oldgnu, true", "posix, true", "ustar, false", "v7, false"})
    void readsGnuTarArchivesAsCommonsCompressDoes(String format, boolean longNames) throws IOException {
        ExternalTools.require("tar");
        Path tree = tree(longNames);

        byte[] archive = gnuTar(tree, "--format=" + format);

        assertThat(entriesOf(archive)).isEqualTo(commonsEntriesOf(archive)).hasSizeGreaterThan(10);
    }

    @Test
    void appliesGlobalPaxHeadersToEveryEntry() throws IOException {
        ExternalTools.require("tar");
        Path tree = tree(false);

        byte[] archive = gnuTar(tree, "--format=posix", "--pax-option=comment:=made by a test,uname:=everyone");

        List<String> entries = entriesOf(archive);
        assertThat(entries).isEqualTo(commonsEntriesOf(archive));
        assertThat(entries).allSatisfy(entry -> assertThat(entry).contains("user=everyone"));
    }

    @Test
    void appliesAGlobalPaxHeaderToEntriesWithoutOneOfTheirOwn() throws IOException {
        byte[] globals = (record("uname", "someone") + record("mtime", "1700000000.5"))
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(oneEntry("pax_global_header", 'g', globals.length, padded(globals)));
        TarArchiveEntry plain = new TarArchiveEntry("file.txt");
        plain.setUserName("root");
        plain.setSize(3);
        byte[] header = new byte[512];
        plain.writeEntryHeader(header);
        bytes.write(header);
        bytes.write(padded("abc".getBytes(StandardCharsets.UTF_8)));
        bytes.write(new byte[1024]);
        byte[] archive = bytes.toByteArray();

        List<String> entries = entriesOf(archive);

        assertThat(entries).isEqualTo(commonsEntriesOf(archive)).singleElement().asString()
                .contains("user=someone", "mtime=2023-11-14T22:13:20.5Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--format=oldgnu", "--format=posix --sparse-version=0.0",
        "--format=posix --sparse-version=0.1", "--format=posix --sparse-version=1.0"})
    void findsTheEntriesAfterASparseFile(String options) throws IOException {
        ExternalTools.require("tar");
        Path tree = tree(false);
        try (RandomAccessFile sparse = new RandomAccessFile(tree.resolve("a-sparse-file").toFile(), "rw")) {
            for (int hole = 0; hole < 30; hole++) {
                sparse.seek(hole * 1_048_576L);
                sparse.write(("block " + hole).getBytes(StandardCharsets.UTF_8));
            }
        }
        List<String> args = new ArrayList<>(List.of("--sparse"));
        args.addAll(List.of(options.split(" ")));

        byte[] archive = gnuTar(tree, args.toArray(String[]::new));

        List<String> ours = withoutSparseContent(entriesOf(archive));
        assertThat(ours).isEqualTo(withoutSparseContent(commonsEntriesOf(archive)));
        assertThat(ours).contains("./a-sparse-file sparse=true");
        assertThat(ours).anyMatch(entry -> entry.startsWith("./zz-after-everything "));
    }

    @Test
    void readsWhatCommonsCompressWritesWithPaxHeaders() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (int i = 0; i < 40; i++) {
                TarArchiveEntry entry = new TarArchiveEntry("dir-" + i % 3 + "/" + "n".repeat(i * 9) + "-é-" + i);
                byte[] content = random(i * 131, i);
                entry.setSize(content.length);
                entry.setModTime(FileTime.from(Instant.ofEpochSecond(1L << 34, i * 1_000_000L)));
                entry.setIds(i * 100_000, 3_000_000 + i);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        byte[] archive = bytes.toByteArray();

        assertThat(entriesOf(archive)).isEqualTo(commonsEntriesOf(archive)).hasSize(40);
    }

    @Test
    void endsAtTheEndOfTheStreamBetweenEntries_asCommonsCompressDoes() throws IOException {
        ExternalTools.require("tar");
        byte[] archive = gnuTar(tree(false), "--format=gnu");
        int lastEntryEnd = archive.length;
        while (isZeros(archive, lastEntryEnd - 512)) {
            lastEntryEnd -= 512;
        }
        byte[] withoutEndMarker = Arrays.copyOf(archive, lastEntryEnd);

        assertThat(entriesOf(withoutEndMarker)).isEqualTo(entriesOf(archive));
    }

    @Test
    void rejectsAHeaderWhoseChecksumDoesNotMatch() throws IOException {
        ExternalTools.require("tar");
        byte[] archive = gnuTar(tree(false), "--format=gnu");
        archive[1] ^= 0x20; // the first entry's name

        assertThatThrownBy(() -> entriesOf(archive)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }

    @Test
    void rejectsAStreamThatEndsInsideAnEntryOrAHeader() throws IOException {
        byte[] archive = oneEntry("file", '0', 2000, random(2000, 9));

        assertThatThrownBy(() -> entriesOf(Arrays.copyOf(archive, 512 + 100)))
                .isInstanceOf(EOFException.class).hasMessageContaining("inside an entry");
        assertThatThrownBy(() -> entriesOf(Arrays.copyOf(archive, 300)))
                .isInstanceOf(EOFException.class).hasMessageContaining("inside a header");
    }

    @Test
    void rejectsAnExtendedHeaderLargerThanAnyPath() throws IOException {
        byte[] archive = oneEntry("././@LongLink", 'L', 2L << 20, new byte[0]);

        assertThatThrownBy(() -> entriesOf(archive)).isInstanceOf(IOException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void paxRecords_setKeysAndAnEmptyValueRemovesOne() throws IOException {
        Map<String, String> headers = new HashMap<>(Map.of("uname", "global", "comment", "kept"));

        TarEntryReader.applyPaxRecords(
                (record("path", "dir/é/file.txt") + record("uname", "") + record("mtime", "1.5e0"))
                        .getBytes(StandardCharsets.UTF_8), headers);

        assertThat(headers).containsExactlyInAnyOrderEntriesOf(
                Map.of("path", "dir/é/file.txt", "comment", "kept", "mtime", "1.5e0"));
    }

    @Test
    void paxRecords_thatAreMalformedAreRejected() {
        for (String records : List.of("9 path=x", "99 path=x\n", "x path=x\n", "8 pathx\n", "7 =abc\n")) {
            assertThatThrownBy(() -> TarEntryReader.applyPaxRecords(records.getBytes(StandardCharsets.UTF_8),
                    new HashMap<>())).as(records).isInstanceOf(IOException.class).hasMessageContaining("pax");
        }
    }

    /** One pax record: its length in bytes counts the length's own digits. */
    private static String record(String key, String value) {
        String rest = " " + key + "=" + value + "\n";
        int bytes = rest.getBytes(StandardCharsets.UTF_8).length;
        int length = bytes + String.valueOf(bytes).length();
        length = bytes + String.valueOf(length).length();
        return length + rest;
    }

    /** A tree of every kind of entry; with {@code longNames}, names and link targets beyond ustar's limits. */
    private Path tree(boolean longNames) throws IOException {
        Path root = Files.createDirectories(temp.resolve(longNames ? "long" : "short"));
        write(root.resolve("empty"), new byte[0]);
        write(root.resolve("sizes/511"), random(511, 1));
        write(root.resolve("sizes/512"), random(512, 2));
        write(root.resolve("sizes/513"), random(513, 3));
        write(root.resolve("sizes/10240"), random(10240, 4));
        write(root.resolve("sizes/70000"), random(70000, 5));
        write(root.resolve("names/with space é 日本.txt"), "unicode".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(root.resolve("names/link"), Path.of("with space é 日本.txt"));
        Files.createLink(root.resolve("names/hard"), root.resolve("sizes/513"));
        Files.createDirectories(root.resolve("empty-dir"));
        write(root.resolve("zz-after-everything"), "last".getBytes(StandardCharsets.UTF_8));
        if (longNames) {
            Path deep = root;
            for (int i = 0; i < 12; i++) {
                deep = deep.resolve("directory-number-" + i);
            }
            write(deep.resolve("f".repeat(150)), "deep".getBytes(StandardCharsets.UTF_8));
            Files.createSymbolicLink(root.resolve("long-link"), Path.of("t".repeat(200)));
            Files.createLink(root.resolve("hard-" + "h".repeat(140)), deep.resolve("f".repeat(150)));
        }
        Files.setLastModifiedTime(root.resolve("sizes/511"), FileTime.from(Instant.parse("2003-04-05T06:07:08.25Z")));
        return root;
    }

    private byte[] gnuTar(Path tree, String... options) throws IOException {
        Path archive = temp.resolve("archive-" + System.nanoTime() + ".tar");
        List<String> command = new ArrayList<>(List.of("tar", "-cf", archive.toString(), "--sort=name"));
        command.addAll(List.of(options));
        command.add(".");
        Processes.run(tree, command.toArray(String[]::new)).assertSuccess();
        return Files.readAllBytes(archive);
    }

    private static List<String> entriesOf(byte[] archive) throws IOException {
        TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(archive));
        List<String> entries = new ArrayList<>();
        TarArchiveEntry entry;
        while ((entry = reader.next()) != null) {
            entries.add(describe(entry, reader.isSparse(), reader.data()));
        }
        return entries;
    }

    private static List<String> commonsEntriesOf(byte[] archive) throws IOException {
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive), "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.add(describe(entry, entry.isSparse(), tar));
            }
        }
        return entries;
    }

    private static String describe(TarArchiveEntry entry, boolean sparse, InputStream data) throws IOException {
        byte[] content = data.readAllBytes();
        return entry.getName() + " sparse=" + sparse + " type=" + (char) entry.getLinkFlag() + " link="
                + entry.getLinkName() + " mode=" + Integer.toOctalString(entry.getMode())
                + " mtime=" + entry.getLastModifiedTime() + " ids=" + entry.getLongUserId() + "/"
                + entry.getLongGroupId() + " user=" + entry.getUserName() + " group=" + entry.getGroupName()
                + " dir=" + entry.isDirectory() + " symlink=" + entry.isSymbolicLink() + " hardlink=" + entry.isLink()
                + " size=" + entry.getSize() + " content=" + Arrays.hashCode(content) + "/" + content.length;
    }

    /**
     * Sparse files differ by design past their name: commons-compress expands the holes (and sizes them so),
     * Backline passes the stored bytes on (and skips the file when restoring).
     */
    private static List<String> withoutSparseContent(List<String> entries) {
        return entries.stream().map(entry -> entry.contains(" sparse=true ")
                ? entry.substring(0, entry.indexOf(" type=")) : entry).toList();
    }

    /** {@code data} followed by zeros up to the next 512-byte record. */
    private static byte[] padded(byte[] data) {
        return Arrays.copyOf(data, (data.length + 511) / 512 * 512);
    }

    private static byte[] oneEntry(String name, char type, long size, byte[] data) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, (byte) type);
        entry.setSize(size);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        out.write(data);
        return out.toByteArray();
    }

    private static boolean isZeros(byte[] bytes, int from) {
        for (int i = from; i < from + 512; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void write(Path path, byte[] content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, content);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
