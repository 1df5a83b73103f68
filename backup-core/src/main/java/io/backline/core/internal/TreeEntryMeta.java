package io.backline.core.internal;

import java.nio.file.attribute.FileTime;

/**
 * What one {@code lstat} tells about a path in a tree: its type, permission bits, owner and group, size and mtime.
 *
 * @param type      what the path is; a symlink is never followed
 * @param mode      the permission bits, {@code 07777}
 * @param uid       the numeric owner, or -1 when unknown
 * @param gid       the numeric group, or -1 when unknown
 * @param userName  the owner's name, or null when unknown
 * @param groupName the group's name, or null when unknown
 * @param size      the size in bytes (for a regular file)
 * @param mtime     the last modification time
 */
record TreeEntryMeta(Type type, int mode, long uid, long gid, String userName, String groupName, long size,
                     FileTime mtime) {

    /** The kinds of path a tree can hold. */
    enum Type {
        DIRECTORY("directory"),
        REGULAR("regular file"),
        SYMLINK("symbolic link"),
        FIFO("FIFO"),
        SOCKET("socket"),
        CHARACTER_DEVICE("character device"),
        BLOCK_DEVICE("block device"),
        OTHER("special file");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** Words for messages, e.g. {@code FIFO}. */
        String label() {
            return label;
        }

        /** Whether the archive skips this type. */
        boolean special() {
            return this != DIRECTORY && this != REGULAR && this != SYMLINK;
        }
    }
}
