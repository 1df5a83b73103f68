package io.backline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code backline} launcher script and its start-up cache (JDK 25+ AOT cache), run as an operator runs it, on the
 * jar that {@code package} built. An integration test: it needs that jar, so it runs in {@code verify}, after
 * {@code package}.
 */
class LauncherStartupCacheIT {
    private static final Path LAUNCHER = Path.of(System.getenv().getOrDefault("BACKLINE_REPO_ROOT", ".."), "backline")
            .toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path temp;

    private Path cacheDir;
    private Path tree;
    private Path repo;
    private Path key;
    private String recipient;

    /** What one launcher run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void backupSetUp() throws Exception {
        cacheDir = temp.resolve("aot");
        tree = Files.createDirectories(temp.resolve("tree/sub"));
        Files.writeString(tree.resolve("notes.txt"), "launcher\n".repeat(500));
        tree = temp.resolve("tree");
        repo = temp.resolve("repo");
        key = temp.resolve("key.txt");
        Run keygen = launch(currentJava(), Map.of(), "keygen", "-o", key.toString());
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        try (AgeIdentity identity = AgeIdentity.readFile(key).get(0)) {
            recipient = identity.recipient().encoded();
        }
    }

    @Test
    void onJdk25_theFirstBackupRecordsTheCache_andTheNextOneStartsFromIt() throws Exception {
        Path jdk25 = jdk25();
        Path log = temp.resolve("aot.log");
        Map<String, String> logAotUse = Map.of("BACKLINE_JAVA_OPTS", "-Xlog:aot=info:file=" + log);

        Run first = launch(jdk25, logAotUse, backupArgs());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("recording a start-up cache for 'backup'");
        assertThat(json(first.out()).path("status").asText()).isEqualTo("COMPLETED");
        List<Path> caches = cacheFiles();
        assertThat(caches).hasSize(1);
        assertThat(caches.get(0).getFileName().toString()).startsWith("backup-").endsWith(".aot");

        Files.delete(log);
        Run second = launch(jdk25, logAotUse, backupArgs());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("start-up cache");
        assertThat(json(second.out()).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(Files.readString(log)).contains("Opened AOT cache " + caches.get(0));
        assertThat(cacheFiles()).containsExactlyElementsOf(caches);
    }

    @Test
    void onJdk25_restoreRecordsItsOwnCache_andRestoresTheTree() throws Exception {
        Path jdk25 = jdk25();
        Run backup = launch(jdk25, Map.of(), backupArgs());
        assertThat(backup.exit()).as(backup.err()).isZero();
        String id = json(backup.out()).path("id").asText();
        Path target = temp.resolve("restored");

        Run restore = launch(jdk25, Map.of(), "restore", id, "--repo", repo.toString(), "--to", target.toString(),
                "--identity", key.toString());

        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(target.resolve("sub/notes.txt")).hasSameTextualContentAs(tree.resolve("sub/notes.txt"));
        assertThat(cacheFiles()).extracting(p -> p.getFileName().toString().replaceAll("-.*", ""))
                .containsExactlyInAnyOrder("backup", "restore");
    }

    @Test
    void aDamagedCache_isIgnoredByTheJvm_andTheBackupStillRuns() throws Exception {
        Path jdk25 = jdk25();
        assertThat(launch(jdk25, Map.of(), backupArgs()).exit()).isZero();
        Path cache = cacheFiles().get(0);
        byte[] head = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(head, 4096));

        Run run = launch(jdk25, Map.of(), backupArgs());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(run.out()).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.out() + run.err()).doesNotContain("[error]").doesNotContain("[warning]");
    }

    @Test
    void withTheCacheTurnedOff_noCacheIsMade() throws Exception {
        Run off = launch(jdk25(), Map.of("BACKLINE_AOT", "off"), backupArgs());

        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.err()).doesNotContain("start-up cache");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void onAJdkBefore25_noCacheIsMade() throws Exception {
        Run older = launch(jdkBefore25(), Map.of(), backupArgs());

        assertThat(older.exit()).as(older.err()).isZero();
        assertThat(older.err()).doesNotContain("start-up cache");
        assertThat(cacheFiles()).isEmpty();
    }

    private String[] backupArgs() {
        return new String[] {"backup", "files", "notes", tree.toString(), "--repo", repo.toString(), "--recipient",
            recipient, "--json"};
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.sorted().toList();
        }
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private Run launch(Path java, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("BACKLINE_JAVA_OPTS");
        builder.environment().remove("BACKLINE_AOT");
        builder.environment().put("BACKLINE_JAVA", java.toString());
        builder.environment().put("BACKLINE_AOT_DIR", cacheDir.toString());
        builder.environment().putAll(env);
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the launcher did not finish in " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A JDK 25 or later: BACKLINE_TEST_JDK25, else Temurin 25's usual place; skips (fails under CI) without one. */
    private static Path jdk25() {
        Path home = Path.of(System.getenv().getOrDefault("BACKLINE_TEST_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        return ExternalTools.requireExecutable(home.resolve("bin/java"),
                "a JDK 25 (set BACKLINE_TEST_JDK25 to its home)");
    }

    /** A JDK older than 25: the one running the tests, else BACKLINE_TEST_JDK17 or Debian's JDK 17. */
    private static Path jdkBefore25() {
        if (Runtime.version().feature() < 25) {
            return currentJava();
        }
        Path home = Path.of(System.getenv().getOrDefault("BACKLINE_TEST_JDK17", "/usr/lib/jvm/java-17-openjdk-amd64"));
        return ExternalTools.requireExecutable(home.resolve("bin/java"),
                "a JDK 17 (set BACKLINE_TEST_JDK17 to its home)");
    }
}
