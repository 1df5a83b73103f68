package io.backline.core.internal;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Converts between numeric permission bits ({@code 0640}) and {@link PosixFilePermission} sets. */
final class PosixModes {
    private static final PosixFilePermission[] ORDER = PosixFilePermission.values();

    private PosixModes() {
    }

    /** The permission bits of {@code permissions}, e.g. 0640. */
    static int toMode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    /** The permissions of the low nine bits of {@code mode}; set-id and sticky bits are not representable. */
    static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : ORDER) {
            if ((mode & (0400 >> permission.ordinal())) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}
