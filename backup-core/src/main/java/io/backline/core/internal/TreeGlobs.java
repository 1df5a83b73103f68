package io.backline.core.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * A set of {@code glob:} patterns matched against paths relative to a tree's root, written with {@code /}.
 *
 * <p>Patterns follow {@link java.nio.file.FileSystem#getPathMatcher(String)}: {@code *} stays within one name,
 * {@code **} crosses directories. For convenience a pattern starting with {@code **}{@code /} also matches at the
 * top level, so {@code **}{@code /*.tmp} matches {@code a.tmp} as well as {@code x/y/a.tmp}.
 */
public final class TreeGlobs {
    private final List<String> patterns;
    private final List<PathMatcher> matchers;

    private TreeGlobs(List<String> patterns, List<PathMatcher> matchers) {
        this.patterns = patterns;
        this.matchers = matchers;
    }

    /**
     * Compiles {@code patterns}.
     *
     * @param what what the patterns are for, e.g. {@code exclude}, for the error message
     * @throws IllegalArgumentException when a pattern is blank or not a valid glob
     */
    public static TreeGlobs compile(String what, List<String> patterns) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException(what + " glob needs to be a non-blank pattern, not '" + pattern
                        + "'");
            }
            if (pattern.startsWith("/")) {
                throw new IllegalArgumentException(what + " glob needs to be relative to the root, not '" + pattern
                        + "'");
            }
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                if (pattern.startsWith("**/") && pattern.length() > 3) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(what + " glob needs to be a valid glob, not '" + pattern + "' ("
                        + e.getDescription() + ")", e);
            }
        }
        return new TreeGlobs(List.copyOf(patterns), List.copyOf(matchers));
    }

    /** Whether there is no pattern at all. */
    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    /** The patterns as given. */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether {@code relativePath} ({@code a/b/c}) matches one of the patterns. */
    public boolean matches(String relativePath) {
        Path path = Path.of(relativePath);
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code relativePath} or one of its ancestors ({@code a}, {@code a/b}) matches one of the patterns. */
    public boolean matchesSelfOrAncestor(String relativePath) {
        if (matchers.isEmpty()) {
            return false;
        }
        int slash = relativePath.indexOf('/');
        while (slash > 0) {
            if (matches(relativePath.substring(0, slash))) {
                return true;
            }
            slash = relativePath.indexOf('/', slash + 1);
        }
        return matches(relativePath);
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
