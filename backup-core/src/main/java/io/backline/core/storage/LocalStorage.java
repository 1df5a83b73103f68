package io.backline.core.storage;

import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Storage} on a local (or mounted) filesystem: the key {@code a/b/c} is the file {@code <root>/a/b/c}.
 *
 * <p>Guarantees, beyond those of {@link Storage}:
 * <ul>
 *   <li>A writer writes {@code pending-<random>-<name>} in the target's directory; {@link BlobWriter#commit()}
 *       flushes it, forces it to disk, moves it over the target atomically and then forces the directory, so a
 *       committed blob survives a crash and a crash before commit never leaves a half-written blob under its key.</li>
 *   <li>{@link #putIfAbsent} writes and forces a pending file and then hard-links it to the target, which fails
 *       atomically when the target exists, also across processes sharing the directory.</li>
 *   <li>Files named {@code pending-…} are never listed; leftovers of crashed writers are removed by
 *       {@link #cleanupPending(Duration)}. Keys whose last segment starts with {@code pending-} are therefore
 *       refused.</li>
 *   <li>{@link #delete} removes the file and then every parent directory it leaves empty, up to but not including the
 *       root.</li>
 * </ul>
 * What it does not do: it needs a filesystem with atomic rename and hard links (any local POSIX filesystem; NFS and
 * SMB vary). Unlike an object store, a key cannot be both a blob and the parent of other keys ({@code a/b} and
 * {@code a/b/c}); writing the second fails with an {@link IOException}. Directory fsync is skipped where the
 * platform refuses it. Symbolic links inside the root are followed. {@code lastModified} is the file's modification
 * time. The class is thread safe and keeps no state but the set of its own open pending files.
 */
public final class LocalStorage implements Storage {
    static final String PENDING_PREFIX = "pending-";
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MKDIR_ATTEMPTS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Path root;
    private final DirectorySync directorySync;
    private final Set<Path> openPendingFiles = ConcurrentHashMap.newKeySet();

    LocalStorage(Path root, DirectorySync directorySync) throws IOException {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.directorySync = Objects.requireNonNull(directorySync, "directorySync");
        Files.createDirectories(this.root);
    }

    /**
     * A storage rooted at {@code root}, which is created with its parents when missing.
     *
     * @throws UncheckedIOException when the root cannot be created
     */
    public static LocalStorage at(Path root) {
        try {
            return new LocalStorage(root, DirectorySync.FSYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create storage root " + root.toAbsolutePath(), e);
        }
    }

    /** The absolute root directory. */
    public Path root() {
        return root;
    }

    @Override
    public BlobWriter create(String key) throws IOException {
        Path target = pathOf(key);
        boolean madeDirectories = false;
        Path pending = null;
        FileChannel channel = null;
        for (int attempt = 1; channel == null; attempt++) {
            pending = pendingFileFor(target);
            madeDirectories |= !Files.isDirectory(target.getParent());
            try {
                Files.createDirectories(target.getParent());
                channel = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // A concurrent delete removed a (then empty) directory while we created the path: try again,
                // unless a blob stands where a directory has to be.
                if (attempt == MKDIR_ATTEMPTS || hasFileAncestor(pending)) {
                    throw e;
                }
            }
        }
        openPendingFiles.add(pending);
        return new LocalBlobWriter(key, target, pending, channel, madeDirectories);
    }

    @Override
    public void putIfAbsent(String key, byte[] content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path target = pathOf(key);
        if (Files.exists(target)) {
            throw new BlobExistsException(key);
        }
        try (LocalBlobWriter writer = (LocalBlobWriter) create(key)) {
            writer.write(content);
            writer.commitByLink();
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        return Channels.newInputStream(openForReading(key));
    }

    /** Reads a small blob in one go; the catalog reads every manifest this way. */
    @Override
    public byte[] readAll(String key) throws IOException {
        Path path = pathOf(key);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            if (isMissing(e, path) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new BlobNotFoundException(key);
            }
            throw e;
        }
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        StorageKeys.checkRange(offset, length);
        return new RangeInputStream(openForReading(key), offset, length);
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        Path path = pathOf(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(info(key, attributes)) : Optional.empty();
        } catch (IOException e) {
            if (isMissing(e, path)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        StorageKeys.requireValidPrefix(prefix);
        Path start = root.resolve(prefix.substring(0, prefix.lastIndexOf('/') + 1));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<BlobInfo> found = new ArrayList<>();
        walk(start, (file, attributes) -> {
            String key = keyOf(file);
            if (key.startsWith(prefix) && !isPending(file)) {
                found.add(info(key, attributes));
            }
        });
        found.sort(Comparator.comparing(BlobInfo::key));
        return found;
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path path = pathOf(key);
        try {
            if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
                return false;
            }
        } catch (IOException e) {
            if (isMissing(e, path)) {
                return false;
            }
            throw e;
        }
        if (!Files.deleteIfExists(path)) {
            return false;
        }
        directorySync.sync(removeEmptyDirectories(path.getParent()));
        return true;
    }

    /** Removes pending files left by interrupted writes; see {@link #cleanupPending(Duration)}. */
    @Override
    public int cleanupLeftovers(Duration olderThan) throws IOException {
        return cleanupPending(olderThan);
    }

    /**
     * Removes pending files that crashed or abandoned writers left behind, when their last modification is older than
     * {@code olderThan}. Pending files of writers still open in this instance are never removed; those of other
     * processes are, once old enough, so choose a limit well above the longest pause of a live writer.
     *
     * @return how many pending files were removed
     */
    public int cleanupPending(Duration olderThan) throws IOException {
        Objects.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan needs to be >= 0, not " + olderThan);
        }
        Instant limit = Instant.now().minus(olderThan);
        List<Path> stale = new ArrayList<>();
        walk(root, (file, attributes) -> {
            if (isPending(file) && !openPendingFiles.contains(file)
                    && attributes.lastModifiedTime().toInstant().isBefore(limit)) {
                stale.add(file);
            }
        });
        int removed = 0;
        for (Path file : stale) {
            if (Files.deleteIfExists(file)) {
                removed++;
                removeEmptyDirectories(file.getParent());
            }
        }
        return removed;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public String toString() {
        return "LocalStorage[" + root + "]";
    }

    private Path pathOf(String key) {
        StorageKeys.requireValidKey(key);
        if (StorageKeys.fileName(key).startsWith(PENDING_PREFIX)) {
            throw new IllegalArgumentException("invalid storage key '" + key + "': local storage reserves names "
                    + "starting with '" + PENDING_PREFIX + "' for uncommitted blobs");
        }
        return root.resolve(key);
    }

    private String keyOf(Path file) {
        Path relative = root.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path segment : relative) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment);
        }
        return key.toString();
    }

    /**
     * Whether a failed access means "no such blob": the file is missing, or a parent of it is a file (the key
     * {@code a/b} while {@code a} is a blob), which the OS reports as "Not a directory".
     */
    private boolean isMissing(IOException e, Path path) {
        if (e instanceof NoSuchFileException) {
            return true;
        }
        if (!(e instanceof FileSystemException) || e instanceof AccessDeniedException) {
            return false;
        }
        return hasFileAncestor(path);
    }

    private boolean hasFileAncestor(Path path) {
        for (Path parent = path.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
            if (Files.isRegularFile(parent)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPending(Path file) {
        return file.getFileName().toString().startsWith(PENDING_PREFIX);
    }

    private static BlobInfo info(String key, BasicFileAttributes attributes) {
        return new BlobInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    private FileChannel openForReading(String key) throws IOException {
        Path path = pathOf(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            if (isMissing(e, path)) {
                throw new BlobNotFoundException(key);
            }
            throw e;
        }
        try {
            if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
                throw new BlobNotFoundException(key);
            }
        } catch (IOException e) {
            channel.close();
            throw e instanceof NoSuchFileException ? new BlobNotFoundException(key) : e;
        }
        return channel;
    }

    /** Deletes {@code directory} and its parents while they are empty, stopping below the root; returns the first kept. */
    private Path removeEmptyDirectories(Path directory) {
        Path current = directory;
        while (current.startsWith(root) && !current.equals(root)) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                // Not empty (the usual case), already gone, or not ours to remove: stop climbing.
                break;
            }
            current = current.getParent();
        }
        return current;
    }

    private static Path pendingFileFor(Path target) {
        char[] random = new char[10];
        for (int i = 0; i < random.length; i++) {
            random[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return target.resolveSibling(PENDING_PREFIX + new String(random) + "-" + target.getFileName());
    }

    private interface FileVisitor {
        void visit(Path file, BasicFileAttributes attributes) throws IOException;
    }

    private static void walk(Path start, FileVisitor visitor) throws IOException {
        Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        if (attributes.isRegularFile()) {
                            visitor.visit(file, attributes);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        // Files and directories may vanish while we walk (concurrent delete); loops are skipped.
                        if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null && !(e instanceof NoSuchFileException)) {
                            throw e;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /** Writes a pending file and publishes it under the key on commit. */
    private final class LocalBlobWriter extends BlobWriter {
        private final String key;
        private final Path target;
        private final Path pending;
        private final FileChannel channel;
        private final OutputStream out;
        private final boolean madeDirectories;
        private long written;
        private boolean closed;
        private boolean committed;

        LocalBlobWriter(String key, Path target, Path pending, FileChannel channel, boolean madeDirectories) {
            this.key = key;
            this.target = target;
            this.pending = pending;
            this.channel = channel;
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
            this.madeDirectories = madeDirectories;
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ensureOpen();
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void flush() throws IOException {
            ensureOpen();
            out.flush();
        }

        @Override
        public long bytesWritten() {
            return written;
        }

        @Override
        public void commit() throws IOException {
            publish(() -> Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING));
        }

        /** Publishes with a hard link, which refuses an existing target atomically. */
        void commitByLink() throws IOException {
            try {
                publish(() -> {
                    try {
                        Files.createLink(target, pending);
                    } catch (FileAlreadyExistsException e) {
                        throw new BlobExistsException(key);
                    }
                });
            } finally {
                try {
                    Files.deleteIfExists(pending);
                } catch (IOException e) {
                    // The blob is committed; the stray name is invisible and left for cleanupPending.
                }
            }
        }

        private void publish(Step step) throws IOException {
            ensureOpen();
            try {
                out.flush();
                channel.force(true);
                closed = true;
                channel.close();
                step.run();
                committed = true;
            } finally {
                if (!committed) {
                    abort();
                }
            }
            openPendingFiles.remove(pending);
            syncDirectories();
        }

        private void syncDirectories() throws IOException {
            Path directory = target.getParent();
            directorySync.sync(directory);
            if (madeDirectories) {
                // New directories are only durable once the entries naming them are.
                while (!directory.equals(root) && directory.startsWith(root)) {
                    directory = directory.getParent();
                    directorySync.sync(directory);
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                abort();
            }
        }

        private void abort() throws IOException {
            closed = true;
            try {
                channel.close();
            } finally {
                try {
                    Files.deleteIfExists(pending);
                    removeEmptyDirectories(pending.getParent());
                } catch (FileSystemException e) {
                    // Left for cleanupPending; the blob stays invisible either way.
                }
                openPendingFiles.remove(pending);
            }
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException(committed ? "writer for '" + key + "' is already committed"
                        : "writer for '" + key + "' is closed");
            }
        }
    }

    private interface Step {
        void run() throws IOException;
    }
}
