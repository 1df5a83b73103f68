package io.backline.jdbc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * A temp file readable only by its owner (0600) that holds credentials for a child tool ({@code PGPASSFILE},
 * {@code --defaults-extra-file}) and is deleted when closed.
 */
public final class SecretFile implements AutoCloseable {
    private final Path path;

    private SecretFile(Path path) {
        this.path = path;
    }

    /** Creates the file in {@code dir} with {@code content}; the caller's array is not cleared. */
    public static SecretFile create(Path dir, String prefix, char[] content) throws IOException {
        Files.createDirectories(dir);
        Path file;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(ownerOnly);
            file = Files.createTempFile(dir, prefix, ".tmp", attribute);
        } else {
            file = Files.createTempFile(dir, prefix, ".tmp");
            var asFile = file.toFile();
            asFile.setReadable(false, false);
            asFile.setWritable(false, false);
            asFile.setReadable(true, true);
            asFile.setWritable(true, true);
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(content));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        return new SecretFile(file);
    }

    /** Where the file is. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete credentials file " + path, e);
        }
    }

    @Override
    public String toString() {
        return "SecretFile[" + path + "]";
    }
}
