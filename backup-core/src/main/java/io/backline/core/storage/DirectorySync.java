package io.backline.core.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a directory's entries (a new, renamed or removed name) durable. Replaceable so tests can watch it. */
@FunctionalInterface
interface DirectorySync {

    /** The real thing: open the directory and force it to disk. */
    DirectorySync FSYNC = DirectorySync::fsync;

    void sync(Path directory) throws IOException;

    private static void fsync(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            // Some platforms and filesystems cannot open a directory; the rename is still atomic there.
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to fsync a directory (EINVAL); nothing better can be done there.
        }
    }
}
