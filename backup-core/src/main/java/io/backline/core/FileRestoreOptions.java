package io.backline.core;

import io.backline.core.internal.TreeGlobs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a file-tree backup is restored into a directory by {@link DirectoryTarget}. Immutable.
 *
 * <ul>
 *   <li>{@link #overwrite()} (default false): without it, a non-empty target directory is refused. With it, the
 *       archive is merged into the existing tree: existing directories are kept, existing files and symlinks at an
 *       entry's path are replaced, and nothing else is deleted.</li>
 *   <li>{@link #includes()} (default: everything): restore only entries whose path (relative, {@code a/b.txt})
 *       matches one of these globs or lies under a directory that matches; the directories leading to them are
 *       created too. Same glob syntax as {@link FileSource.Builder#include(String...)}.</li>
 *   <li>{@link #restorePermissions()} and {@link #restoreTimes()} (default true): apply the archived permission bits
 *       and mtimes. Owners are never changed; set-id and sticky bits are not restored.</li>
 * </ul>
 */
public final class FileRestoreOptions {
    private static final FileRestoreOptions DEFAULTS = builder().build();

    private final boolean overwrite;
    private final List<String> includes;
    private final boolean restorePermissions;
    private final boolean restoreTimes;

    private FileRestoreOptions(Builder builder) {
        this.overwrite = builder.overwrite;
        this.includes = List.copyOf(builder.includes);
        this.restorePermissions = builder.restorePermissions;
        this.restoreTimes = builder.restoreTimes;
    }

    /** Everything, into an empty or missing directory, with permissions and mtimes. */
    public static FileRestoreOptions defaults() {
        return DEFAULTS;
    }

    /** The defaults, but merging into a non-empty directory. */
    public static FileRestoreOptions overwriting() {
        return builder().overwrite(true).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder().overwrite(overwrite).include(includes.toArray(String[]::new))
                .restorePermissions(restorePermissions).restoreTimes(restoreTimes);
    }

    /** Whether a non-empty target is merged into rather than refused. */
    public boolean overwrite() {
        return overwrite;
    }

    /** The include globs; empty means everything. */
    public List<String> includes() {
        return includes;
    }

    /** Whether permission bits are restored. */
    public boolean restorePermissions() {
        return restorePermissions;
    }

    /** Whether mtimes are restored. */
    public boolean restoreTimes() {
        return restoreTimes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileRestoreOptions o && o.overwrite == overwrite && o.includes.equals(includes)
                && o.restorePermissions == restorePermissions && o.restoreTimes == restoreTimes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(overwrite, includes, restorePermissions, restoreTimes);
    }

    @Override
    public String toString() {
        return "FileRestoreOptions[overwrite=" + overwrite + ", includes=" + includes + ", restorePermissions="
                + restorePermissions + ", restoreTimes=" + restoreTimes + "]";
    }

    /** Builds {@link FileRestoreOptions}; each setter validates its argument. Not thread safe. */
    public static final class Builder {
        private boolean overwrite;
        private final List<String> includes = new ArrayList<>();
        private boolean restorePermissions = true;
        private boolean restoreTimes = true;

        private Builder() {
        }

        /** Whether to merge into a non-empty target directory (default false: refuse it). */
        public Builder overwrite(boolean value) {
            this.overwrite = value;
            return this;
        }

        /**
         * Restores only entries matching one of {@code globs} (or under a matching directory). Adds to earlier calls.
         *
         * @throws IllegalArgumentException for a blank, absolute or malformed glob
         */
        public Builder include(String... globs) {
            Objects.requireNonNull(globs, "globs");
            TreeGlobs.compile("include", Arrays.asList(globs));
            includes.addAll(Arrays.asList(globs));
            return this;
        }

        /** Whether to restore permission bits (default true). */
        public Builder restorePermissions(boolean value) {
            this.restorePermissions = value;
            return this;
        }

        /** Whether to restore mtimes (default true). */
        public Builder restoreTimes(boolean value) {
            this.restoreTimes = value;
            return this;
        }

        /** The immutable options. */
        public FileRestoreOptions build() {
            return new FileRestoreOptions(this);
        }
    }
}
