package io.backline.core;

import io.backline.core.internal.FileOpener;
import io.backline.core.internal.TreeArchiveWriter;
import io.backline.core.internal.TreeGlobs;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A directory tree as a backup source: its contents become a POSIX (pax) tar that GNU tar, bsdtar and
 * {@link DirectoryTarget} extract.
 *
 * <pre>{@code
 * FileSource uploads = FileSource.builder("uploads", Path.of("/srv/uploads"))
 *     .exclude("**.tmp", "cache/**")
 *     .onUnreadable(UnreadablePolicy.SKIP)
 *     .build();
 * }</pre>
 *
 * <p>Guarantees: the tar is streamed (no file is held in memory or copied to disk) in a deterministic order
 * (depth first, names sorted, each directory before its contents); entry names are relative to the root, which has no
 * entry of its own; long and non-ASCII names, large sizes and sub-second mtimes use pax headers; directories,
 * regular files and symlinks (stored as links, never followed) keep their permission bits, mtime, numeric owner and
 * group and their names. Sockets, FIFOs and devices are left out and listed in the manifest's {@code files.skipped}.
 * Unreadable or changing files are handled by the {@link UnreadablePolicy} (default {@link UnreadablePolicy#FAIL}).
 *
 * <p>Not guaranteed: a consistent snapshot of a tree that changes during the backup (each file is read once, at its
 * turn); hard links are stored as independent copies; extended attributes, ACLs, set-id and sticky bits, and
 * access/change times are not archived. Globs use {@link java.nio.file.FileSystem#getPathMatcher(String) glob}
 * syntax against paths relative to the root, written with {@code /}; a pattern starting with {@code **}{@code /} also
 * matches at the top level. Instances are immutable and may be used for many backups.
 */
public final class FileSource implements BackupSource {
    /** The payload format recorded in manifests. */
    public static final String PAYLOAD_FORMAT = "tar-pax";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final String name;
    private final Path root;
    private final TreeGlobs includes;
    private final TreeGlobs excludes;
    private final UnreadablePolicy unreadablePolicy;
    private final FileOpener opener;

    private FileSource(Builder builder) {
        this.name = builder.name;
        this.root = builder.root;
        this.includes = TreeGlobs.compile("include", builder.includes);
        this.excludes = TreeGlobs.compile("exclude", builder.excludes);
        this.unreadablePolicy = builder.unreadablePolicy;
        this.opener = builder.opener;
    }

    /** A source for everything under {@code root}, failing on unreadable files. */
    public static FileSource of(String name, Path root) {
        return builder(name, root).build();
    }

    /** A builder for a source named {@code name} (see {@link BackupSource#name()}) for the tree under {@code root}. */
    public static Builder builder(String name, Path root) {
        return new Builder(name, root);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.FILES;
    }

    @Override
    public String description() {
        return root.toString();
    }

    @Override
    public String payloadFormat() {
        return PAYLOAD_FORMAT;
    }

    @Override
    public String payloadExtension() {
        return "tar";
    }

    /** The directory whose contents are backed up, absolute and normalized. */
    public Path root() {
        return root;
    }

    /** The include globs; empty means everything. */
    public List<String> includes() {
        return includes.patterns();
    }

    /** The exclude globs. */
    public List<String> excludes() {
        return excludes.patterns();
    }

    /** What happens to unreadable and changing files. */
    public UnreadablePolicy unreadablePolicy() {
        return unreadablePolicy;
    }

    /**
     * Writes the tar of the tree into {@code out}, including tar's end-of-archive records; {@code out} is flushed,
     * never closed.
     *
     * @throws BackupException with {@link ErrorCode#SOURCE_FAILED} or {@link ErrorCode#SOURCE_CHANGED} under the
     *                         fail policy, naming the path
     */
    @Override
    public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(context, "context");
        if (!Files.isDirectory(root)) {
            throw new BackupException(ErrorCode.SOURCE_FAILED, context.backupRef(), Stage.SOURCE,
                    "the root " + root + " is not a directory (any more)");
        }
        TreeArchiveWriter writer = new TreeArchiveWriter(root, includes, excludes,
                unreadablePolicy == UnreadablePolicy.SKIP, opener, context.backupRef());
        return SourceReport.ofFiles(writer.write(out));
    }

    /** A builder with a fresh copy of this source's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, root);
        builder.includes.addAll(includes.patterns());
        builder.excludes.addAll(excludes.patterns());
        builder.unreadablePolicy = unreadablePolicy;
        builder.opener = opener;
        return builder;
    }

    @Override
    public String toString() {
        return "FileSource[" + name + " " + root + (includes.isEmpty() ? "" : " include " + includes)
                + (excludes.isEmpty() ? "" : " exclude " + excludes) + " " + unreadablePolicy + "]";
    }

    /** Configures a {@link FileSource}; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private final String name;
        private final Path root;
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private UnreadablePolicy unreadablePolicy = UnreadablePolicy.FAIL;
        private FileOpener opener = FileOpener.DEFAULT;

        private Builder(String name, Path root) {
            this.name = name;
            this.root = root == null ? null : root.toAbsolutePath().normalize();
        }

        /**
         * Archives only paths matching one of {@code globs}, or lying under a directory that matches; the
         * directories leading to them are archived too. Adds to earlier calls.
         */
        public Builder include(String... globs) {
            includes.addAll(checked("include", globs));
            return this;
        }

        /** Leaves out paths matching one of {@code globs}; a matching directory is not entered. Adds to earlier calls. */
        public Builder exclude(String... globs) {
            excludes.addAll(checked("exclude", globs));
            return this;
        }

        /** What to do with unreadable and changing files; {@link UnreadablePolicy#FAIL} by default. */
        public Builder onUnreadable(UnreadablePolicy policy) {
            this.unreadablePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Test seam: how regular files are opened. */
        Builder opener(FileOpener fileOpener) {
            this.opener = Objects.requireNonNull(fileOpener, "fileOpener");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException when the name is not {@code [a-z0-9][a-z0-9._-]{0,62}}, the root is not an
         *                                  existing directory, or a glob is invalid
         */
        public FileSource build() {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("source name needs to match " + NAME.pattern() + ", not '" + name
                        + "'");
            }
            if (root == null) {
                throw new IllegalArgumentException("root needs to be a directory, not null");
            }
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("root needs to be an existing directory, not '" + root + "'"
                        + (Files.exists(root) ? " (not a directory)" : " (does not exist)"));
            }
            return new FileSource(this);
        }

        private static List<String> checked(String what, String... globs) {
            Objects.requireNonNull(globs, what);
            TreeGlobs.compile(what, Arrays.asList(globs));
            return Arrays.asList(globs);
        }
    }
}
