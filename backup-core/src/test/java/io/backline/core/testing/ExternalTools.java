package io.backline.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards for tests that need a real command-line tool ({@code age}, {@code zstd}, {@code tar}, {@code pg_restore}…).
 *
 * <p>On a developer machine without the tool the test is skipped with a visible reason; under {@code CI=true} a
 * missing tool fails the test instead, because CI must run every interoperability test (DESIGN §8).
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** Whether we run under CI, where nothing may be skipped. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Finds {@code name} on the PATH, or skips (fails under CI) the calling test. */
    public static Path require(String name) {
        Path found = find(name);
        if (found == null) {
            String reason = "the '" + name + "' tool is not installed (run .ci/run or apt-get install it)";
            if (underCi()) {
                fail(reason + "; under CI=true tool tests must run");
            }
            assumeTrue(false, reason);
        }
        return found;
    }

    /**
     * The value of the environment variable {@code variable} (a test server's URL), or skips the calling test with
     * a reason that shows an {@code example} value — failing it instead under {@code CI=true}.
     */
    public static String requireEnv(String variable, String example) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            String reason = variable + " is not set (e.g. " + example + "); these tests need a real server";
            if (underCi()) {
                fail(reason + "; under CI=true they must run");
            }
            assumeTrue(false, reason);
        }
        return value;
    }

    /**
     * {@code executable} when it exists, or skips (fails under CI) the calling test, saying it needs {@code what}
     * (e.g. "a JDK 25 (set BACKLINE_TEST_JDK25 to its home)").
     */
    public static Path requireExecutable(Path executable, String what) {
        if (!Files.isExecutable(executable)) {
            String reason = "this test needs " + what + "; there is none at " + executable;
            if (underCi()) {
                fail(reason + "; under CI=true tool tests must run");
            }
            assumeTrue(false, reason);
        }
        return executable;
    }

    /** Finds {@code name} on the PATH, or null. */
    public static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
