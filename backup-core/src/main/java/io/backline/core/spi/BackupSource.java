package io.backline.core.spi;

import io.backline.core.manifest.SourceKind;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;

/**
 * Something that can be backed up: a file tree, a database. Implementations write a standard payload (a POSIX tar,
 * a {@code pg_dump} archive, a SQL script, …) into the stream they are given and report what it holds.
 *
 * <p>The stream leads into compression, encryption, hashing and storage; a source never closes it and never writes
 * plaintext anywhere else. A source that throws fails the backup; nothing becomes visible.
 */
public interface BackupSource {

    /** The source's name in the repository: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    String name();

    /** Whether this is a database or a file tree. */
    io.backline.core.manifest.SourceKind kind();

    /** A human-readable description without credentials, e.g. {@code postgresql://db1:5432/orders}. */
    String description();

    /** The payload format recorded in the manifest, e.g. {@code tar-pax}. */
    String payloadFormat();

    /** The payload's part of the artifact name, e.g. {@code tar} in {@code <id>.tar.zst.age}. */
    String payloadExtension();

    /**
     * Writes the payload.
     *
     * @param out     where the payload goes; not to be closed
     * @param context the backup id, temp directory and clock
     * @return what the payload holds, for the manifest
     */
    SourceReport writeTo(OutputStream out, SourceContext context) throws IOException;

    /**
     * Work this source can do before its backup is allowed to run, so that it overlaps the repository lock, the
     * RUNNING manifest and the set-up of compression and encryption: opening a connection, probing the dump tool. The
     * manager runs it on a thread of its own as the backup starts, and {@link #writeTo} takes the result over with
     * {@code context.headStart().take(type)}. The work must change nothing anyone can see (no writes to the source,
     * nothing in the repository) and must fail, if it does, with the exception {@code writeTo} would have thrown
     * doing it; what {@code writeTo} does not take is closed.
     *
     * @param backupRef the backup, for messages
     * @return the work, or null (the default) when there is nothing worth preparing
     */
    default Callable<? extends AutoCloseable> headStart(String backupRef) {
        return null;
    }

    /** Convenience for implementations: whether {@link #kind()} is {@link SourceKind#DATABASE}. */
    default boolean isDatabase() {
        return kind() == SourceKind.DATABASE;
    }
}
