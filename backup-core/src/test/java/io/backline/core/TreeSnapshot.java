package io.backline.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a directory tree holds, for comparing an original with its restored copy: every path (relative, with
 * {@code /}), its type, content SHA-256, permissions, mtime to the second, and symlink target. The root itself is not
 * listed. Symlinks' own permissions and mtimes are not compared.
 */
record TreeSnapshot(Map<String, Node> nodes) {

    record Node(String type, String sha256, String permissions, long mtimeSeconds, String linkTarget) {
    }

    static TreeSnapshot of(Path root) {
        Map<String, Node> nodes = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        nodes.put(relative(root, dir), node(dir, "dir", null));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink()) {
                        nodes.put(relative(root, file), new Node("symlink", null, null, 0,
                                Files.readSymbolicLink(file).toString()));
                    } else if (attrs.isRegularFile()) {
                        nodes.put(relative(root, file), node(file, "file", sha256(file)));
                    } else {
                        nodes.put(relative(root, file), new Node("other", null, null, 0, null));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TreeSnapshot(nodes);
    }

    /** The snapshot without the given paths and everything under them. */
    TreeSnapshot without(String... paths) {
        Map<String, Node> kept = new TreeMap<>(nodes);
        for (String path : paths) {
            kept.keySet().removeIf(key -> key.equals(path) || key.startsWith(path + "/"));
        }
        return new TreeSnapshot(kept);
    }

    private static Node node(Path path, String type, String sha256) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return new Node(type, sha256, PosixFilePermissions.toString(attributes.permissions()),
                attributes.lastModifiedTime().toInstant().getEpochSecond(), null);
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
