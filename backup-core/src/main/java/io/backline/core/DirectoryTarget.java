package io.backline.core;

import io.backline.core.internal.TarTreeExtractor;
import io.backline.core.internal.TreeGlobs;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.core.spi.StagedRestore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory as the target of a file-tree restore: extracts a POSIX tar (as written by {@link FileSource}, GNU tar
 * or bsdtar) into it.
 *
 * <p>Guarantees: nothing is written outside the directory. Entries with absolute names or {@code ..} components,
 * symlinks whose target is absolute or climbs out, entries that would be written through a symlink, and hard links
 * to anything but an earlier regular file of the same archive are refused with an {@link UnsafeArchiveException}
 * naming the entry. A non-empty directory is refused with a {@link RestoreConflictException} unless
 * {@link FileRestoreOptions#overwrite()} is set; a missing one is created. Files, directories, symlinks and hard
 * links are restored with their permission bits and mtimes (directories' at the end) as the options say; other entry
 * types are skipped with a warning.
 *
 * <p>Not guaranteed: a refused archive stops the restore at the offending entry, leaving what came before it in
 * place inside the directory (use a fresh directory, or the restorer's safe-replace mode, for all-or-nothing).
 * Owners, set-id bits, extended attributes and ACLs are not restored. Absolute symlinks are refused even when they
 * point back into the tree. The directory must not be changed by anyone else during the restore.
 */
public final class DirectoryTarget implements RestoreTarget {
    private final Path dir;
    private final FileRestoreOptions options;
    private final TreeGlobs includes;

    private DirectoryTarget(Path dir, FileRestoreOptions options) {
        this.dir = dir;
        this.options = options;
        this.includes = TreeGlobs.compile("include", options.includes());
    }

    /** A target restoring into {@code dir} as {@code options} say. */
    public static DirectoryTarget of(Path dir, FileRestoreOptions options) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        return new DirectoryTarget(dir.toAbsolutePath().normalize(), options);
    }

    /** A target restoring everything into the empty or missing {@code dir}. */
    public static DirectoryTarget of(Path dir) {
        return of(dir, FileRestoreOptions.defaults());
    }

    /** The directory restored into, absolute. */
    public Path dir() {
        return dir;
    }

    /** How the restore is done. */
    public FileRestoreOptions options() {
        return options;
    }

    @Override
    public String describe() {
        return "directory " + dir;
    }

    /**
     * Checks that the backup holds a tar, and that the directory is missing, empty, or may be overwritten; creates it
     * when missing.
     *
     * @throws RestoreConflictException when the directory is not empty and overwriting was not asked for, or the path
     *                                  is not a directory
     */
    @Override
    public void prepare(BackupManifest manifest, RestoreContext context) throws IOException {
        String ref = context.backupRef();
        checkFormat(manifest, ref);
        checkAndCreate(ref);
    }

    /**
     * Extracts the tar in {@code payload} and reads the stream to its end.
     *
     * @throws UnsafeArchiveException   naming the first entry that could escape the directory
     * @throws RestoreConflictException when the directory is not empty and overwriting was not asked for
     */
    @Override
    public RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context)
            throws IOException {
        Objects.requireNonNull(payload, "payload");
        checkAndCreate(context.backupRef());
        TarTreeExtractor extractor = new TarTreeExtractor(dir.toRealPath(), includes, options.restorePermissions(),
                options.restoreTimes(), context.backupRef());
        return extractor.extract(payload);
    }

    /**
     * Stages the restore when the directory is missing or empty (see the class documentation); a non-empty directory
     * that may be overwritten is restored in place instead (empty result).
     *
     * @throws RestoreConflictException as {@link #prepare} does
     */
    @Override
    public Optional<StagedRestore> stage(BackupManifest manifest, RestoreContext context) throws IOException {
        String ref = context.backupRef();
        checkFormat(manifest, ref);
        boolean missing = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        if (!missing) {
            checkDirectory(ref);
            if (!isEmpty(dir)) {
                return Optional.empty();
            }
        }
        return Optional.of(new StagedDirectoryRestore(dir, missing, includes, options, ref));
    }

    private static void checkFormat(BackupManifest manifest, String ref) {
        if (manifest != null && manifest.payload() != null && manifest.payload().format() != null
                && !manifest.payload().format().startsWith("tar")) {
            throw new BackupException(ErrorCode.UNSUPPORTED_FORMAT, ref, Stage.RESTORE, "backup holds a '"
                    + manifest.payload().format() + "' payload, which cannot be restored into a directory");
        }
    }

    private void checkAndCreate(String ref) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            return;
        }
        checkDirectory(ref);
    }

    /** The existing {@link #dir} must be a directory, and empty unless overwriting was asked for. */
    private void checkDirectory(String ref) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE,
                    "cannot restore into " + dir + ": it exists and is not a directory");
        }
        if (!options.overwrite() && !isEmpty(dir)) {
            throw new RestoreConflictException(ErrorCode.RESTORE_CONFLICT, ref, Stage.RESTORE,
                    "cannot restore into " + dir + ": the directory is not empty (ask for overwrite to merge into it)");
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    @Override
    public String toString() {
        return "DirectoryTarget[" + dir + " " + options + "]";
    }
}
