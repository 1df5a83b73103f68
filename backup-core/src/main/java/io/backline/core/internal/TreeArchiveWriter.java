package io.backline.core.internal;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a directory tree as a POSIX (pax) tar, streaming, in a deterministic order: depth first, the names of each
 * directory sorted, every directory before its contents. The root itself has no entry; entry names are relative
 * ({@code a/b.txt}, {@code a/}).
 *
 * <p>Regular files are copied through a fixed buffer, never held in memory. Symlinks are stored as links and never
 * followed. Sockets, FIFOs and devices are left out and recorded. A file that cannot be opened, or a directory that
 * cannot be listed, fails the backup or is left out and recorded, as the policy says. A file whose length differs
 * from the length seen before its header was written fails the backup ({@link ErrorCode#SOURCE_CHANGED}), or, when
 * skipping, is padded or cut to the header's length (a tar entry cannot be taken back) and recorded.
 *
 * <p>Hard links are stored as separate files (their content appears once per name). Extended attributes, ACLs and
 * set-id bits beyond what tar's mode field carries are not archived. Not thread safe; one instance per backup.
 */
public final class TreeArchiveWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TreeArchiveWriter.class);
    private static final int BUFFER = 128 * 1024;
    static final String CHANGED = "changed while being read";

    private final Path root;
    private final TreeGlobs includes;
    private final TreeGlobs excludes;
    private final boolean skipUnreadable;
    private final FileOpener opener;
    private final String backupRef;
    private final TreeEntryMetaReader metaReader = new TreeEntryMetaReader();
    private final SkippedEntries skipped = new SkippedEntries();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final byte[] buffer = new byte[BUFFER];
    private TarArchiveOutputStream tar;
    private long files;
    private long dirs;
    private long symlinks;
    private long bytes;
    private long entryBytes;

    /**
     * @param root           the directory whose contents are archived
     * @param includes       when not empty, only paths matching (or under a directory matching) one are archived
     * @param excludes       paths matching one are left out; a matching directory is not entered
     * @param skipUnreadable whether unreadable or changing files are recorded and skipped rather than failing
     * @param opener         opens regular files
     * @param backupRef      the backup, for error messages
     */
    public TreeArchiveWriter(Path root, TreeGlobs includes, TreeGlobs excludes, boolean skipUnreadable,
                             FileOpener opener, String backupRef) {
        this.root = Objects.requireNonNull(root, "root");
        this.includes = Objects.requireNonNull(includes, "includes");
        this.excludes = Objects.requireNonNull(excludes, "excludes");
        this.skipUnreadable = skipUnreadable;
        this.opener = Objects.requireNonNull(opener, "opener");
        this.backupRef = backupRef;
    }

    /**
     * Writes the whole tar, end-of-archive records included, to {@code out}, which is flushed but not closed.
     *
     * @return counts and the skipped paths
     * @throws BackupException for an unreadable or changing file under the fail policy, or an unlistable root
     */
    public FilesInfo write(OutputStream out) throws IOException {
        tar = new TarArchiveOutputStream(new NonClosingOutputStream(out), "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        List<String> top;
        try {
            top = list(root);
        } catch (IOException e) {
            throw new BackupException(ErrorCode.SOURCE_FAILED, backupRef, Stage.SOURCE,
                    "cannot list the root directory " + root + ": " + describe(e), e);
        }
        stack.push(new Frame(root, "", null, top.iterator(), true));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (!frame.children.hasNext()) {
                stack.pop();
                continue;
            }
            String name = frame.children.next();
            visit(frame.dir.resolve(name), frame.relative.isEmpty() ? name : frame.relative + "/" + name);
        }
        tar.finish();
        tar.flush();
        return new FilesInfo(root.toString(), files, dirs, symlinks, bytes, skipped.toList());
    }

    private void visit(Path path, String relative) throws IOException {
        if (excludes.matches(relative)) {
            LOG.trace("excluded {}", relative);
            return;
        }
        TreeEntryMeta meta;
        try {
            meta = metaReader.read(path);
        } catch (IOException e) {
            unreadable(relative, e);
            return;
        }
        boolean included = includes.isEmpty() || includes.matchesSelfOrAncestor(relative);
        switch (meta.type()) {
            case DIRECTORY:
                enterDirectory(path, relative, meta, included);
                break;
            case REGULAR:
                if (included) {
                    writeFile(path, relative, meta);
                }
                break;
            case SYMLINK:
                if (included) {
                    writeSymlink(path, relative, meta);
                }
                break;
            default:
                if (included) {
                    LOG.info("skipping {} '{}': not archived", meta.type().label(), relative);
                    skipped.add(relative, meta.type().label() + " not archived");
                }
                break;
        }
    }

    private void enterDirectory(Path path, String relative, TreeEntryMeta meta, boolean included) throws IOException {
        List<String> children;
        try {
            children = list(path);
        } catch (IOException e) {
            unreadable(relative, e);
            return;
        }
        Frame frame = new Frame(path, relative, meta, children.iterator(), false);
        stack.push(frame);
        if (included) {
            writePendingDirectories();
        }
    }

    /** Writes the headers of the directories on the stack that have none yet, outermost first. */
    private void writePendingDirectories() throws IOException {
        Iterator<Frame> outermostFirst = stack.descendingIterator();
        while (outermostFirst.hasNext()) {
            Frame frame = outermostFirst.next();
            if (!frame.headerWritten) {
                TarArchiveEntry entry = header(frame.relative + "/", TarConstants.LF_DIR, 0040000, frame.meta);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
                frame.headerWritten = true;
                dirs++;
            }
        }
    }

    private void writeSymlink(Path path, String relative, TreeEntryMeta meta) throws IOException {
        String target;
        try {
            target = Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            unreadable(relative, e);
            return;
        }
        writePendingDirectories();
        TarArchiveEntry entry = header(relative, TarConstants.LF_SYMLINK, 0120000, meta);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        symlinks++;
    }

    private void writeFile(Path path, String relative, TreeEntryMeta meta) throws IOException {
        InputStream in;
        try {
            in = opener.open(path);
        } catch (IOException e) {
            unreadable(relative, e);
            return;
        }
        try (in) {
            writePendingDirectories();
            TarArchiveEntry entry = header(relative, TarConstants.LF_NORMAL, 0100000, meta);
            entry.setSize(meta.size());
            tar.putArchiveEntry(entry);
            entryBytes = 0;
            boolean grew;
            try {
                copy(in, meta.size());
                grew = entryBytes == meta.size() && in.read() >= 0;
            } catch (IOException e) {
                padAndClose(meta.size(), entryBytes);
                unreadable(relative, e);
                return;
            }
            long copied = entryBytes;
            padAndClose(meta.size(), copied);
            if (copied != meta.size() || grew) {
                changed(relative, meta.size(), copied, grew);
                return;
            }
            files++;
            bytes += copied;
        }
    }

    /** Copies at most {@code size} bytes of {@code in} into the current entry, counting them in entryBytes. */
    private void copy(InputStream in, long size) throws IOException {
        while (entryBytes < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - entryBytes));
            if (n < 0) {
                return;
            }
            tar.write(buffer, 0, n);
            entryBytes += n;
        }
    }

    /** Fills the current entry with zeros from {@code written} up to {@code size} and closes it. */
    private void padAndClose(long size, long written) throws IOException {
        if (written < size) {
            Arrays.fill(buffer, (byte) 0);
            long missing = size - written;
            while (missing > 0) {
                int n = (int) Math.min(buffer.length, missing);
                tar.write(buffer, 0, n);
                missing -= n;
            }
        }
        tar.closeArchiveEntry();
    }

    private TarArchiveEntry header(String name, byte linkFlag, int typeBits, TreeEntryMeta meta) {
        TarArchiveEntry entry = new TarArchiveEntry(name, linkFlag);
        entry.setMode(typeBits | meta.mode());
        entry.setLastModifiedTime(meta.mtime());
        if (meta.uid() >= 0) {
            entry.setUserId(meta.uid());
        }
        if (meta.gid() >= 0) {
            entry.setGroupId(meta.gid());
        }
        if (meta.userName() != null) {
            entry.setUserName(meta.userName());
        }
        if (meta.groupName() != null) {
            entry.setGroupName(meta.groupName());
        }
        return entry;
    }

    private void unreadable(String relative, IOException e) {
        String reason = describe(e);
        if (!skipUnreadable) {
            throw new BackupException(ErrorCode.SOURCE_FAILED, backupRef, Stage.SOURCE,
                    "cannot read '" + relative + "' under " + root + ": " + reason, e);
        }
        LOG.warn("skipping '{}' under {}: {}", relative, root, reason);
        skipped.add(relative, "unreadable: " + reason);
    }

    private void changed(String relative, long expected, long copied, boolean grew) {
        String how = grew ? "grew beyond " + expected + " bytes" : "shrank from " + expected + " to " + copied
                + " bytes";
        if (!skipUnreadable) {
            throw new BackupException(ErrorCode.SOURCE_CHANGED, backupRef, Stage.SOURCE,
                    "'" + relative + "' under " + root + " changed while being read (" + how + ")");
        }
        LOG.warn("'{}' under {} changed while being read ({}); its archived copy is not usable", relative, root, how);
        skipped.add(relative, CHANGED);
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        Collections.sort(names);
        return names;
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it disappeared while being backed up";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A directory being walked; its header is written once something in it is archived (or it is included). */
    private static final class Frame {
        final Path dir;
        final String relative;
        final TreeEntryMeta meta;
        final Iterator<String> children;
        boolean headerWritten;

        Frame(Path dir, String relative, TreeEntryMeta meta, Iterator<String> children, boolean headerWritten) {
            this.dir = dir;
            this.relative = relative;
            this.meta = meta;
            this.children = children;
            this.headerWritten = headerWritten;
        }
    }

    /** Passes writes through and turns {@code close()} into {@code flush()}: the caller owns the stream. */
    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
