package io.backline.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical rules for the names and link targets found in a tar, before anything touches the disk.
 *
 * <p>An entry name is safe when it is relative and has no {@code ..} component; {@code .} and empty components
 * ({@code ./a//b}) are dropped. A symlink target is safe when it is relative, consists of some {@code ..} components
 * followed only by normal names (no {@code ..} after a name, since {@code x/..} need not lead back where it
 * started when {@code x} is itself a symlink), and climbs no higher than the directory holding the link. Together
 * with the extractor's refusal to write through symlinks, this keeps every restored symlink pointing inside the
 * target.
 */
final class ArchivePaths {
    private ArchivePaths() {
    }

    /** Why a name or target is refused. */
    static final class UnsafePathException extends Exception {
        UnsafePathException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The components of an entry name, {@code ./a//b/} giving {@code [a, b]}.
     *
     * @throws UnsafePathException when the name is absolute, has a {@code ..} component or a NUL character
     */
    static List<String> components(String name) throws UnsafePathException {
        if (name.isEmpty()) {
            throw new UnsafePathException("the name is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new UnsafePathException("the name contains a NUL character");
        }
        if (name.startsWith("/")) {
            throw new UnsafePathException("the path is absolute");
        }
        List<String> parts = meaningfulParts(name);
        if (parts.contains("..")) {
            throw new UnsafePathException("the path has a '..' component");
        }
        return parts;
    }

    /**
     * The components of a path other than empty ones and {@code .}, in order: {@code ./a//../b/} gives
     * {@code [a, .., b]}.
     */
    private static List<String> meaningfulParts(String path) {
        List<String> parts = new ArrayList<>(8);
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end > start && !(end - start == 1 && path.charAt(start) == '.')) {
                parts.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return parts;
    }

    /**
     * The name made of {@code parts} joined by {@code /}: {@code name} itself when it has nothing to drop (no
     * {@code .} or empty component, no trailing slash), which is the common case.
     */
    static String normalized(String name, List<String> parts) {
        int joinedLength = parts.size() - 1;
        for (String part : parts) {
            joinedLength += part.length();
        }
        return joinedLength == name.length() ? name : String.join("/", parts);
    }

    /**
     * Checks a symlink's target.
     *
     * @param depth how many directories lie between the target root and the link (0 for a link at the top level)
     * @throws UnsafePathException when the target is absolute or may resolve outside the root
     */
    static void checkSymlinkTarget(String target, int depth) throws UnsafePathException {
        if (target.isEmpty()) {
            throw new UnsafePathException("the link target is empty");
        }
        if (target.indexOf('\0') >= 0) {
            throw new UnsafePathException("the link target contains a NUL character");
        }
        if (target.startsWith("/")) {
            throw new UnsafePathException("the link target is absolute");
        }
        int climbs = 0;
        boolean descended = false;
        for (String part : meaningfulParts(target)) {
            if ("..".equals(part)) {
                if (descended) {
                    throw new UnsafePathException("the link target has a '..' after a name, which may escape");
                }
                climbs++;
            } else {
                descended = true;
            }
        }
        if (climbs > depth) {
            throw new UnsafePathException("the link target climbs above the target directory");
        }
    }
}
