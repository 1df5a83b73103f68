package io.backline.verify;

import io.backline.core.DirectoryTarget;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.SkippedEntry;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.RestoreTarget;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContents.TreeCounts;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import io.backline.verify.spi.ScratchTargets;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Scratch directories for test restores of file-tree backups: each drill extracts into a new directory
 * {@code <parent>/backline_verify_<id>} (refused if it exists), counts its regular files, directories, symlinks and
 * bytes, and deletes it afterwards without following symlinks.
 *
 * <p>The parent should be on a disk with room for the largest tree and readable only by the backup user: a test
 * restore writes plaintext there for as long as the drill runs.
 */
public final class DirectoryScratchTargets implements ScratchTargets {
    private final Path parent;

    private DirectoryScratchTargets(Path parent) {
        this.parent = parent;
    }

    /** Scratch directories under {@code parent}, which is created when missing. */
    public static DirectoryScratchTargets under(Path parent) {
        return new DirectoryScratchTargets(Objects.requireNonNull(parent, "parent").toAbsolutePath().normalize());
    }

    /** File-tree backups whose payload is a tar. */
    @Override
    public boolean supports(BackupManifest manifest) {
        return manifest.source().kind() == SourceKind.FILES && manifest.payload() != null
                && manifest.payload().format() != null && manifest.payload().format().startsWith("tar");
    }

    @Override
    public ScratchTarget create(BackupManifest manifest, ScratchContext context) throws IOException {
        Files.createDirectories(parent);
        Path dir = parent.resolve(context.scratchName());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(dir.toString(), null,
                    "the scratch directory already exists (a drill of this backup is running, or one was not cleaned up)");
        }
        Set<String> skipped = new HashSet<>();
        if (manifest.files() != null) {
            for (SkippedEntry entry : manifest.files().skipped()) {
                skipped.add(entry.path());
            }
        }
        return new Scratch(dir, skipped);
    }

    @Override
    public String describe() {
        return "scratch directories under " + parent;
    }

    @Override
    public String toString() {
        return "DirectoryScratchTargets[" + parent + "]";
    }

    private static final class Scratch implements ScratchTarget {
        private final Path dir;
        private final Set<String> skipped;

        Scratch(Path dir, Set<String> skipped) {
            this.dir = dir;
            this.skipped = skipped;
        }

        @Override
        public String describe() {
            return "scratch directory " + dir;
        }

        @Override
        public RestoreTarget restoreTarget() {
            return DirectoryTarget.of(dir);
        }

        @Override
        public ScratchContents inspect() throws IOException {
            long[] counts = new long[4];
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes) {
                    if (!path.equals(dir) && !isSkipped(path)) {
                        counts[1]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
                    if (isSkipped(path)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attributes.isSymbolicLink()) {
                        counts[2]++;
                    } else if (attributes.isRegularFile()) {
                        counts[0]++;
                        counts[3] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return ScratchContents.ofFiles(new TreeCounts(counts[0], counts[1], counts[2], counts[3]));
        }

        private boolean isSkipped(Path path) {
            return !skipped.isEmpty() && skipped.contains(dir.relativize(path).toString().replace('\\', '/'));
        }

        @Override
        public void close() throws IOException {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes)
                        throws IOException {
                    // restored directories may lack the owner's write or search bit
                    path.toFile().setWritable(true, true);
                    path.toFile().setExecutable(true, true);
                    path.toFile().setReadable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                    Files.delete(path);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path path, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(path);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
