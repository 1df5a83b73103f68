package io.backline.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@link TreeEntryMeta} without following symlinks. Uses the JDK's {@code unix} attribute view where it exists
 * (numeric ids and the raw mode, which tells FIFOs, sockets and devices apart), else the POSIX or basic view. Owner
 * and group names are looked up once per id. Not thread safe.
 */
final class TreeEntryMetaReader {
    private static final int S_IFMT = 0170000;
    private static final String UNIX_ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime";

    private final Map<Long, String> userNames = new HashMap<>();
    private final Map<Long, String> groupNames = new HashMap<>();
    private boolean unixView = true;

    TreeEntryMeta read(Path path) throws IOException {
        if (unixView) {
            try {
                return readUnix(path);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = false;
            }
        }
        return readPortable(path);
    }

    private TreeEntryMeta readUnix(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int rawMode = (Integer) attributes.get("mode");
        long uid = ((Number) attributes.get("uid")).longValue();
        long gid = ((Number) attributes.get("gid")).longValue();
        TreeEntryMeta.Type type = typeOf(rawMode);
        String user = userNames.computeIfAbsent(uid, id -> ownerName(path));
        String group = groupNames.computeIfAbsent(gid, id -> groupName(path));
        return new TreeEntryMeta(type, rawMode & 07777, uid, gid, user, group, (Long) attributes.get("size"),
                (FileTime) attributes.get("lastModifiedTime"));
    }

    private static TreeEntryMeta.Type typeOf(int rawMode) {
        switch (rawMode & S_IFMT) {
            case 0040000:
                return TreeEntryMeta.Type.DIRECTORY;
            case 0100000:
                return TreeEntryMeta.Type.REGULAR;
            case 0120000:
                return TreeEntryMeta.Type.SYMLINK;
            case 0010000:
                return TreeEntryMeta.Type.FIFO;
            case 0140000:
                return TreeEntryMeta.Type.SOCKET;
            case 0020000:
                return TreeEntryMeta.Type.CHARACTER_DEVICE;
            case 0060000:
                return TreeEntryMeta.Type.BLOCK_DEVICE;
            default:
                return TreeEntryMeta.Type.OTHER;
        }
    }

    private static String ownerName(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).owner().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String groupName(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static TreeEntryMeta readPortable(Path path) throws IOException {
        BasicFileAttributes basic;
        int mode;
        String user = null;
        String group = null;
        try {
            PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            basic = posix;
            mode = PosixModes.toMode(posix.permissions());
            user = posix.owner().getName();
            group = posix.group().getName();
        } catch (UnsupportedOperationException e) {
            basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            mode = basic.isDirectory() ? 0755 : 0644;
        }
        TreeEntryMeta.Type type = basic.isDirectory() ? TreeEntryMeta.Type.DIRECTORY
                : basic.isRegularFile() ? TreeEntryMeta.Type.REGULAR
                : basic.isSymbolicLink() ? TreeEntryMeta.Type.SYMLINK : TreeEntryMeta.Type.OTHER;
        return new TreeEntryMeta(type, mode, -1, -1, user, group, basic.size(), basic.lastModifiedTime());
    }
}
