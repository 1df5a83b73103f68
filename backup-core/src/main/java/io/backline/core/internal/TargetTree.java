package io.backline.core.internal;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The directory a tar is extracted into, reached one component at a time without following symlinks, so that no
 * write can leave it. Every method takes the lexically checked components of a path (see {@link ArchivePaths}).
 * Not thread safe; assumes nobody else changes the directory during the restore.
 */
final class TargetTree {
    private final Path root;
    private final Set<Path> createdParents = new HashSet<>();
    /**
     * Directories already known to be real directories. A restore never turns a directory into anything else
     * ({@link #clear} refuses to), so each is checked once rather than once per entry below it.
     */
    private final Set<Path> knownDirectories = new HashSet<>();
    /** The components of the last path whose parents were prepared (none yet: empty), and that parent. */
    private List<String> lastParts = List.of();
    private Path lastParent;

    /** @param root the real (symlink-free) path of the target directory */
    TargetTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Thrown when a path would be reached through a symlink. */
    static final class ThroughSymlinkException extends IOException {
        ThroughSymlinkException(String symlink) {
            super(symlink);
        }
    }

    /** Thrown when a path needs a directory where something else is, or the reverse. */
    static final class TypeConflictException extends IOException {
        TypeConflictException(String reason) {
            super(reason);
        }
    }

    /**
     * Returns the path of {@code parts} after making sure every directory above it exists (creating the missing
     * ones) and none is a symlink. Consecutive entries of one directory share the work: the parent of the last call
     * is kept, since a restore never turns a directory into anything else.
     *
     * @throws ThroughSymlinkException naming the first component that is a symlink
     * @throws TypeConflictException   when a component exists but is not a directory
     */
    Path prepareParents(List<String> parts) throws IOException {
        int depth = parts.size() - 1;
        if (!sameParentAsLastCall(parts, depth)) {
            lastParent = prepareDirectories(parts, depth);
            lastParts = parts;
        }
        return lastParent.resolve(parts.get(depth));
    }

    private boolean sameParentAsLastCall(List<String> parts, int depth) {
        if (lastParts.size() - 1 != depth) {
            return false;
        }
        for (int i = 0; i < depth; i++) {
            if (!parts.get(i).equals(lastParts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Path prepareDirectories(List<String> parts, int depth) throws IOException {
        Path current = root;
        for (int i = 0; i < depth; i++) {
            current = current.resolve(parts.get(i));
            if (knownDirectories.contains(current)) {
                continue;
            }
            BasicFileAttributes attributes = attributesOrNull(current);
            if (attributes == null) {
                Files.createDirectory(current);
                createdParents.add(current);
                knownDirectories.add(current);
            } else if (attributes.isSymbolicLink()) {
                throw new ThroughSymlinkException(String.join("/", parts.subList(0, i + 1)));
            } else if (!attributes.isDirectory()) {
                throw new TypeConflictException("'" + String.join("/", parts.subList(0, i + 1))
                        + "' exists and is not a directory");
            } else {
                knownDirectories.add(current);
            }
        }
        return current;
    }

    /**
     * Clears the way for a new entry at {@code path}: nothing there is fine; an existing directory is kept when a
     * directory is wanted; anything else that is not a directory (file, symlink, special file) is removed, without
     * following it.
     *
     * @return whether a directory already exists there (only when {@code directoryWanted})
     * @throws TypeConflictException when a directory is in the way of a non-directory
     */
    boolean clear(Path path, boolean directoryWanted) throws IOException {
        BasicFileAttributes attributes = attributesOrNull(path);
        if (attributes == null) {
            return false;
        }
        if (attributes.isDirectory()) {
            if (directoryWanted) {
                return true;
            }
            throw new TypeConflictException("'" + root.relativize(path) + "' exists and is a directory");
        }
        Files.delete(path);
        return false;
    }

    /**
     * Creates a new file at {@code path} and opens it with {@code options} (which must include
     * {@code CREATE_NEW}). When something is already there, it is first cleared as by {@link #clear} (so a
     * directory in the way is a {@link TypeConflictException}); asking the file system first would cost every file
     * of a restore into an empty directory one more system call and a {@code NoSuchFileException}.
     */
    SeekableByteChannel createFile(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        try {
            return Files.newByteChannel(path, options, attributes);
        } catch (FileAlreadyExistsException occupied) {
            clear(path, false);
            return Files.newByteChannel(path, options, attributes);
        }
    }

    /**
     * The existing regular file at {@code parts}, reached without symlinks, or null when there is none.
     *
     * @throws ThroughSymlinkException when a component, or the file itself, is a symlink
     */
    Path existingRegularFile(List<String> parts) throws IOException {
        Path current = root;
        for (int i = 0; i < parts.size(); i++) {
            current = current.resolve(parts.get(i));
            BasicFileAttributes attributes = attributesOrNull(current);
            if (attributes == null) {
                return null;
            }
            if (attributes.isSymbolicLink()) {
                throw new ThroughSymlinkException(String.join("/", parts.subList(0, i + 1)));
            }
            if (i == parts.size() - 1) {
                return attributes.isRegularFile() ? current : null;
            }
            if (!attributes.isDirectory()) {
                return null;
            }
        }
        return null;
    }

    /** Whether this restore created {@code dir} as the parent of some entry. */
    boolean createdAsParent(Path dir) {
        return createdParents.contains(dir);
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
