package io.backline.verify.internal;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.BackupManifest.SkippedEntry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a POSIX tar entry by entry (every entry's data to its end) and compares its regular files, directories,
 * symlinks and bytes with the manifest's {@code files} counts. Entries the manifest lists as skipped (a file that
 * changed while it was archived) are in the tar but not in the counts, so they are left out here too.
 *
 * <p>Catches a tar whose last entries were cut (fewer files or bytes than the manifest records) and a tar cut inside
 * an entry (commons-compress reports the truncation).
 */
public final class TarInspector implements ContentInspector {

    @Override
    public Inspection inspect(InputStream payload, BackupManifest manifest) throws IOException, ContentMismatch {
        Set<String> skipped = new HashSet<>();
        FilesInfo expected = manifest.files();
        if (expected != null) {
            for (SkippedEntry entry : expected.skipped()) {
                skipped.add(normalize(entry.path()));
            }
        }
        TreeTally tally = new TreeTally();
        byte[] buffer = new byte[1 << 16];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new KeepOpen(payload), "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                long read = 0;
                int n;
                while ((n = tar.read(buffer)) >= 0) {
                    read += n;
                }
                String name = normalize(entry.getName());
                if (name.isEmpty() || skipped.contains(name)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    tally.dirs++;
                } else if (entry.isSymbolicLink()) {
                    tally.symlinks++;
                } else if (entry.isLink()) {
                    tally.files++;
                } else if (entry.isFile()) {
                    if (read != entry.getSize()) {
                        throw new ContentMismatch("tar entry '" + entry.getName() + "' holds " + read
                                + " bytes, its header says " + entry.getSize());
                    }
                    tally.files++;
                    tally.bytes += read;
                }
            }
        } catch (IOException e) {
            throw new ContentMismatch("the tar cannot be read to its end after " + tally + ": " + e.getMessage(), e);
        }
        if (expected == null) {
            return Inspection.passed("tar read to its end: " + tally + " (the manifest records no file counts)");
        }
        if (tally.files != expected.fileCount() || tally.bytes != expected.totalBytes()
                || tally.dirs != expected.dirCount() || tally.symlinks != expected.symlinkCount()) {
            throw new ContentMismatch("the tar holds " + tally + " but the manifest records " + expected.fileCount()
                    + " files (" + expected.totalBytes() + " bytes), " + expected.dirCount() + " directories and "
                    + expected.symlinkCount() + " symlinks");
        }
        return Inspection.passed("tar holds " + tally + " as the manifest records");
    }

    private static String normalize(String name) {
        String result = name;
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static final class TreeTally {
        long files;
        long dirs;
        long symlinks;
        long bytes;

        @Override
        public String toString() {
            return files + " files (" + bytes + " bytes), " + dirs + " directories and " + symlinks + " symlinks";
        }
    }

    /** Lets the caller drain and verify the payload after the tar reader is closed. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the payload belongs to the caller
        }
    }
}
