package io.backline.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a regular file of a tree for reading. The default opens it without following a symlink in its last
 * component; tests substitute their own to simulate files that cannot be read or that change while being read.
 */
@FunctionalInterface
public interface FileOpener {

    /** The opener used in production. */
    FileOpener DEFAULT = file -> Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    /** Opens {@code file}; the caller closes the stream. */
    InputStream open(Path file) throws IOException;
}
