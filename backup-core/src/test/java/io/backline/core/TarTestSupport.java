package io.backline.core;

import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.SourceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;

/** Shared steps of the file-tree tests: write a tree, archive it, restore it. */
final class TarTestSupport {
    static final String REF = "files/20260101T000000Z-test0000";

    private TarTestSupport() {
    }

    static SourceContext sourceContext(Path temp) {
        return new SourceContext(REF, temp, Clock.systemUTC());
    }

    static RestoreContext restoreContext(Path temp) {
        return new RestoreContext(REF, temp, Clock.systemUTC());
    }

    /** Archives {@code source} into {@code tarFile}; returns the files section. */
    static FilesInfo archive(FileSource source, Path tarFile) {
        try (OutputStream out = Files.newOutputStream(tarFile)) {
            return source.writeTo(out, sourceContext(tarFile.getParent())).files();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Archives {@code source} into memory (small trees only). */
    static byte[] archiveBytes(FileSource source, Path temp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.writeTo(out, sourceContext(temp));
        return out.toByteArray();
    }

    /** Prepares {@code target} and restores {@code tarFile} into it. */
    static RestoreOutcome restore(Path tarFile, DirectoryTarget target) throws IOException {
        try (InputStream in = Files.newInputStream(tarFile)) {
            return restore(in, target, tarFile.getParent());
        }
    }

    static RestoreOutcome restore(InputStream in, DirectoryTarget target, Path temp) throws IOException {
        target.prepare(null, restoreContext(temp));
        return target.restore(in, null, restoreContext(temp));
    }

    static Path write(Path root, String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    static Path write(Path root, String relative, String content) throws IOException {
        return write(root, relative, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static void chmod(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    static void touch(Path path, String instant) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse(instant)));
    }
}
