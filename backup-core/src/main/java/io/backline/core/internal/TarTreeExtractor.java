package io.backline.core.internal;

import io.backline.core.ErrorCode;
import io.backline.core.RestoreConflictException;
import io.backline.core.Stage;
import io.backline.core.UnsafeArchiveException;
import io.backline.core.spi.RestoreOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a tar stream into a directory, refusing anything that could write outside it.
 *
 * <p>Every entry is checked before it touches the disk: its name must be relative without {@code ..}; a symlink's
 * target must stay inside the directory (see {@link ArchivePaths}); a hard link must name an earlier regular file of
 * the same archive. Paths are then reached one component at a time without following symlinks: an entry below a
 * symlink is refused. The first unsafe entry ends the restore with an {@link UnsafeArchiveException} naming it;
 * what was extracted before stays (inside the target).
 *
 * <p>Regular files, directories, symlinks and hard links are restored; other entry types (devices, FIFOs, sparse
 * files) are skipped with a warning. Permission bits and mtimes are applied as asked, those of directories at the
 * end, so that read-only directories can still be filled and their mtimes are not disturbed by their contents.
 * A file whose permission bits the process's umask lets through unchanged is created with them; any other is
 * readable by its owner only until its content and mtime are in place. Access times are set to the start of the
 * restore, as {@code tar -x} does.
 * Absolute names in pax headers arrive here already made relative by the tar reader ({@link TarEntryReader}, with
 * commons-compress's header parser), as GNU tar does.
 * The stream is read to its very end, past tar's end-of-archive records. Not thread safe; one instance per restore.
 */
public final class TarTreeExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(TarTreeExtractor.class);
    private static final int BUFFER = 128 * 1024;
    private static final Set<OpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private final TargetTree tree;
    private final TreeGlobs includes;
    private final boolean restorePermissions;
    private final boolean restoreTimes;
    private final String backupRef;
    private final NameFingerprints regularFiles = new NameFingerprints();
    private final List<PendingDirectory> directories = new ArrayList<>();
    private final byte[] buffer = new byte[BUFFER];
    /** The umask when permissions are restored and it is known, else {@link ProcessUmask#UNKNOWN}. */
    private final int umask;
    private final FileTime started = FileTime.from(Instant.now());
    private long items;
    private long bytes;

    /**
     * @param realRoot           the target directory's real path; it must exist
     * @param includes           when not empty, only matching entries (or entries under matching directories) are
     *                           restored
     * @param restorePermissions whether to apply permission bits
     * @param restoreTimes       whether to apply mtimes
     * @param backupRef          the backup, for error messages
     */
    public TarTreeExtractor(Path realRoot, TreeGlobs includes, boolean restorePermissions, boolean restoreTimes,
                            String backupRef) {
        this.tree = new TargetTree(Objects.requireNonNull(realRoot, "realRoot"));
        this.includes = Objects.requireNonNull(includes, "includes");
        this.restorePermissions = restorePermissions;
        this.restoreTimes = restoreTimes;
        this.backupRef = backupRef;
        this.umask = restorePermissions ? ProcessUmask.read() : ProcessUmask.UNKNOWN;
    }

    /**
     * Extracts {@code payload} and reads it to its end; does not close it.
     *
     * @return the target, the number of files, hard links and symlinks restored, and the bytes of file content
     * @throws UnsafeArchiveException   naming the first entry that could escape the target
     * @throws RestoreConflictException when an entry's path is taken by something of another kind
     */
    public RestoreOutcome extract(InputStream payload) throws IOException {
        RestoreOutcome outcome = extractContents(payload);
        finishDirectories(tree.root());
        return outcome;
    }

    /**
     * Extracts {@code payload} and reads it to its end like {@link #extract}, but leaves the directories' permission
     * bits and mtimes for {@link #finishDirectories(Path)}, so that the tree can first be moved elsewhere (every
     * directory stays writable by its owner until then).
     */
    public RestoreOutcome extractContents(InputStream payload) throws IOException {
        TarEntryReader tar = new TarEntryReader(payload);
        TarArchiveEntry entry;
        while ((entry = tar.next()) != null) {
            extract(entry, tar.isSparse(), tar.data());
        }
        payload.transferTo(OutputStream.nullOutputStream());
        return new RestoreOutcome(tree.root().toString(), items, bytes);
    }

    private void extract(TarArchiveEntry entry, boolean sparse, InputStream data) throws IOException {
        String name = entry.getName();
        List<String> parts = components(name, name, "");
        if (parts.isEmpty()) {
            if (!entry.isDirectory()) {
                throw unsafe(name, "it names the target directory itself");
            }
            return;
        }
        String relative = ArchivePaths.normalized(name, parts);
        boolean included = includes.isEmpty() || includes.matchesSelfOrAncestor(relative);
        try {
            if (entry.isSymbolicLink()) {
                symlink(entry, name, parts, included);
            } else if (entry.isLink()) {
                hardLink(entry, name, parts, included);
            } else if (entry.isDirectory()) {
                directory(entry, name, parts, included);
            } else if (sparse) {
                LOG.warn("skipping sparse file '{}': sparse files are not restored", name);
            } else if (isRegularFile(entry)) {
                regularFiles.add(relative);
                if (included) {
                    file(entry, name, parts, data);
                }
            } else {
                LOG.warn("skipping tar entry '{}' of type '{}': only files, directories and links are restored", name,
                        (char) entry.getLinkFlag());
            }
        } catch (TargetTree.ThroughSymlinkException e) {
            throw unsafe(name, "it would be written through the symlink '" + e.getMessage() + "'");
        } catch (TargetTree.TypeConflictException e) {
            throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, backupRef, Stage.RESTORE,
                    "cannot restore tar entry '" + name + "' into " + tree.root() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private void file(TarArchiveEntry entry, String name, List<String> parts, InputStream data) throws IOException {
        Path path = tree.prepareParents(parts);
        int mode = entry.getMode() & 0777;
        boolean modeAtCreation = createsWithFinalMode(mode);
        try (OutputStream out = Channels.newOutputStream(tree.createFile(path, NEW_FILE,
                newFileAttributes(mode, modeAtCreation)))) {
            int n;
            while ((n = data.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                bytes += n;
            }
        }
        applyAttributes(path, restorePermissions && !modeAtCreation, mode, entry.getLastModifiedTime());
        items++;
    }

    /**
     * Whether a new file gets its permission bits {@code mode} when it is created: permissions are restored, the
     * umask would not change them, and its owner may read it (setting its mtime opens it for reading).
     */
    private boolean createsWithFinalMode(int mode) {
        return umask != ProcessUmask.UNKNOWN && (mode & umask) == 0 && (mode & 0400) != 0;
    }

    /** A new file has its final permission bits, or is readable by its owner only until its content is in place. */
    private FileAttribute<?>[] newFileAttributes(int mode, boolean modeAtCreation) {
        if (!restorePermissions) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {modeAtCreation
                ? PosixFilePermissions.asFileAttribute(PosixModes.toPermissions(mode)) : OWNER_ONLY};
    }

    private void directory(TarArchiveEntry entry, String name, List<String> parts, boolean included)
            throws IOException {
        if (!included) {
            directories.add(new PendingDirectory(path(parts), entry.getMode(), entry.getLastModifiedTime(), true));
            return;
        }
        Path path = tree.prepareParents(parts);
        if (!tree.clear(path, true)) {
            Files.createDirectory(path);
        }
        directories.add(new PendingDirectory(path, entry.getMode(), entry.getLastModifiedTime(), false));
    }

    private void symlink(TarArchiveEntry entry, String name, List<String> parts, boolean included)
            throws IOException {
        String target = entry.getLinkName();
        try {
            ArchivePaths.checkSymlinkTarget(target, parts.size() - 1);
        } catch (ArchivePaths.UnsafePathException e) {
            throw unsafe(name, "it is a symlink to '" + target + "' and " + e.getMessage());
        }
        if (!included) {
            return;
        }
        Path path = tree.prepareParents(parts);
        tree.clear(path, false);
        Files.createSymbolicLink(path, Path.of(target));
        if (restoreTimes) {
            setTimeQuietly(path, entry.getLastModifiedTime());
        }
        items++;
    }

    private void hardLink(TarArchiveEntry entry, String name, List<String> parts, boolean included)
            throws IOException {
        String target = entry.getLinkName();
        List<String> targetParts = components(target, name, "it is a hard link to '" + target + "' and ");
        if (targetParts.isEmpty() || !regularFiles.contains(ArchivePaths.normalized(target, targetParts))) {
            throw unsafe(name, "it is a hard link to '" + target + "', which is not an earlier file of this archive");
        }
        regularFiles.add(ArchivePaths.normalized(name, parts));
        if (!included || targetParts.equals(parts)) {
            return;
        }
        Path existing = tree.existingRegularFile(targetParts);
        if (existing == null) {
            LOG.warn("skipping hard link '{}': its target '{}' was not restored", name, target);
            return;
        }
        Path path = tree.prepareParents(parts);
        tree.clear(path, false);
        Files.createLink(path, existing);
        items++;
    }

    private List<String> components(String path, String entryName, String context) {
        try {
            return ArchivePaths.components(path);
        } catch (ArchivePaths.UnsafePathException e) {
            throw unsafe(entryName, context + e.getMessage());
        }
    }

    private Path path(List<String> parts) {
        Path path = tree.root();
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    /**
     * Sets the mtime (and the access time, to the restore's start: passing both spares the file system a look at the
     * old ones) and then, when {@code setPermissions}, the permission bits, which may take away the owner's right to
     * read that setting the times needs.
     */
    private void applyAttributes(Path path, boolean setPermissions, int mode, FileTime mtime) throws IOException {
        if (restoreTimes) {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, started, null);
        }
        if (setPermissions) {
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PosixModes.toPermissions(mode));
        }
    }

    private void setTimeQuietly(Path symlink, FileTime mtime) {
        try {
            Files.getFileAttributeView(symlink, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, started, null);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot set the mtime of symlink {}: {}", symlink, e.toString());
        }
    }

    /**
     * Applies directory permissions and mtimes, innermost and latest first, after all contents are in place. The
     * tree extracted under this extractor's root now lives under {@code root} (the same directory unless it was
     * moved).
     */
    public void finishDirectories(Path root) throws IOException {
        for (int i = directories.size() - 1; i >= 0; i--) {
            PendingDirectory directory = directories.get(i);
            if (directory.onlyIfCreated && !tree.createdAsParent(directory.path)) {
                continue;
            }
            Path path = root.resolve(tree.root().relativize(directory.path));
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                applyAttributes(path, restorePermissions, directory.mode, directory.mtime);
            }
        }
    }

    private UnsafeArchiveException unsafe(String entryName, String reason) {
        return new UnsafeArchiveException(ErrorCode.UNSAFE_ARCHIVE, backupRef, Stage.RESTORE,
                "refusing tar entry '" + entryName + "': " + reason);
    }

    /** A directory whose permissions and mtime are applied at the end. */
    private record PendingDirectory(Path path, int mode, FileTime mtime, boolean onlyIfCreated) {
    }
}
