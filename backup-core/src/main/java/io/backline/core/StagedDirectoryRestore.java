package io.backline.core;

import io.backline.core.internal.TarTreeExtractor;
import io.backline.core.internal.TreeGlobs;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.StagedRestore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DirectoryTarget} restore into a missing or empty directory, all or nothing: the tar is extracted into a
 * hidden staging directory inside the target (same filesystem, so moving out of it is a rename), whose entries are
 * renamed into the target on {@link #commit()}; directory permissions and mtimes are applied after that, so every
 * staged directory stays writable until then. Without a commit, {@link #close()} deletes the staging directory, and
 * the target itself when this restore created it. Nobody else may change the target during the restore: if a move
 * fails because something appeared there, the entries moved before it stay and the error is reported.
 */
final class StagedDirectoryRestore implements StagedRestore {
    private static final Logger LOG = LoggerFactory.getLogger(StagedDirectoryRestore.class);
    private static final String STAGING_PREFIX = ".backline-restore-";

    private final Path dir;
    private final boolean createsDir;
    private final TreeGlobs includes;
    private final FileRestoreOptions options;
    private final String backupRef;
    private Path realDir;
    private Path staging;
    private TarTreeExtractor extractor;
    private boolean createdDir;
    private boolean committed;

    StagedDirectoryRestore(Path dir, boolean createsDir, TreeGlobs includes, FileRestoreOptions options,
                           String backupRef) {
        this.dir = dir;
        this.createsDir = createsDir;
        this.includes = includes;
        this.options = options;
        this.backupRef = backupRef;
    }

    @Override
    public RestoreOutcome restore(InputStream payload) throws IOException {
        if (createsDir) {
            Files.createDirectories(dir);
            createdDir = true;
        }
        realDir = dir.toRealPath();
        staging = Files.createTempDirectory(realDir, STAGING_PREFIX);
        extractor = new TarTreeExtractor(staging, includes, options.restorePermissions(), options.restoreTimes(),
                backupRef);
        RestoreOutcome staged = extractor.extractContents(payload);
        return new RestoreOutcome(dir.toString(), staged.items(), staged.bytes());
    }

    @Override
    public void commit() throws IOException {
        if (extractor == null) {
            throw new IllegalStateException("nothing was restored to commit");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            for (Path entry : entries) {
                Files.move(entry, realDir.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.delete(staging);
        committed = true;
        extractor.finishDirectories(realDir);
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            if (staging != null) {
                deleteTree(staging);
            }
            if (createdDir) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the staged restore of {} in {}: {}", backupRef, dir, e.toString());
        }
    }

    /** Deletes a tree without following symlinks. */
    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
