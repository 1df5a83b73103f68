package io.backline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backline.core.manifest.ManifestCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code backline} command line, run in-process with captured output. */
class BacklineCliTest {
    @TempDir
    Path temp;

    private Path data;
    private Path repo;

    /** What one invocation printed and returned. */
    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        CommandLine line = Main.newCommandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void tree() throws IOException {
        data = Files.createDirectories(temp.resolve("data/sub"));
        Files.writeString(data.resolve("notes.txt"), "cli\n".repeat(1000));
        Files.writeString(temp.resolve("data/skip.tmp"), "temporary");
        data = temp.resolve("data");
        repo = temp.resolve("repo");
    }

    @Test
    void everyHelpText_isAValidFormatString() {
        Deque<CommandLine> commands = new ArrayDeque<>(List.of(Main.newCommandLine()));
        int checked = 0;
        while (!commands.isEmpty()) {
            CommandLine command = commands.pop();
            commands.addAll(command.getSubcommands().values());
            List<String> texts = new ArrayList<>(List.of(command.getCommandSpec().usageMessage().description()));
            command.getCommandSpec().options().forEach(option -> texts.addAll(List.of(option.description())));
            for (String text : texts) {
                assertThat(text).as(command.getCommandName())
                        .satisfies(t -> String.format(Locale.ROOT, t.replace("${DEFAULT-VALUE}", "d")
                                .replace("${COMPLETION-CANDIDATES}", "c")));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void backupListRestore_roundTripThroughTheCommandLine() throws IOException {
        Run backup = run("backup", "files", "docs", data.toString(), "--repo", repo.toString(),
                "--compression", "gzip:6", "--exclude", "*.tmp");
        assertThat(backup.exit()).as(backup.err()).isZero();
        String id = backup.out().strip();
        assertThat(id).matches("\\d{8}T\\d{6}Z-[a-z0-9]{8}");

        Run list = run("list", "--repo", repo.toString(), "--kind", "files", "--days", "1");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(id).contains("docs").contains("COMPLETED");

        Run restore = run("restore", id, "--repo", repo.toString(), "--to", temp.resolve("out").toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(temp.resolve("out/sub/notes.txt")).hasSameTextualContentAs(data.resolve("sub/notes.txt"));
        assertThat(temp.resolve("out/skip.tmp")).doesNotExist();
    }

    @Test
    void jsonOutputs_areParseable() throws IOException {
        Run backup = run("backup", "files", "docs", data.toString(), "--repo", repo.toString(), "--json");
        JsonNode result = ManifestCodec.mapper().readTree(backup.out());
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("manifest").path("artifact").path("name").asText()).endsWith(".tar.zst");

        JsonNode list = ManifestCodec.mapper().readTree(run("list", "--repo", repo.toString(), "--json").out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asText()).isEqualTo(result.path("id").asText());
    }

    @Test
    void restoreIntoANonEmptyDirectory_failsWithOneLine_unlessOverwriteIsGiven() throws IOException {
        String id = run("backup", "files", "docs", data.toString(), "--repo", repo.toString()).out().strip();
        Path target = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(target.resolve("keep.txt"), "mine");

        Run refused = run("restore", id, "--repo", repo.toString(), "--to", target.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(refused.err()).contains("docs/" + id).contains("not empty").doesNotContain("\tat ");

        Run forced = run("restore", id, "--repo", repo.toString(), "--to", target.toString(), "--overwrite");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(target.resolve("keep.txt")).hasContent("mine");
        assertThat(target.resolve("sub/notes.txt")).exists();
    }

    @Test
    void usageErrors_exitWithTwo() {
        assertThat(run("list").exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("backup", "files", "Bad Name", data.toString(), "--repo", repo.toString()).exit())
                .isEqualTo(2);
        assertThat(run("backup", "files", "docs", data.toString(), "--repo", repo.toString(), "--compression",
                "zstd:42").err()).contains("zstd level needs to be between 1 and 19, not 42");
    }

    @Test
    void aCommandLineNamingASubcommand_buildsOnlyThatSubcommand() {
        assertThat(Main.newCommandLine("--debug", "verify", "20261129T060000Z-k3v9q2xa").getSubcommands())
                .containsOnlyKeys("verify");
        assertThat(Main.newCommandLine("--help").getSubcommands().keySet()).containsExactly("backup", "list",
                "restore", "verify", "health", "report", "forecast", "forget", "keygen", "demo");
        assertThat(Main.newCommandLine("verfy").getSubcommands()).hasSize(10);
    }

    @Test
    void help_listsEverySubcommand_andAnUnknownOneIsAUsageError() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("backup", "list", "restore", "verify", "health", "report", "forecast",
                "forget", "keygen", "demo");
        Run typo = run("verfy", "--repo", repo.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Unmatched arguments from index 0: 'verfy'")
                .contains("Try 'backline --help' for more information.");
    }

    @Test
    void aSubcommandBuiltAlone_answersAMistakeWithTheUsageHandler() {
        Run run = run("verify", "--no-such-option", "--repo", repo.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("backline: usage error: Unknown option: '--no-such-option'")
                .contains("Try 'backline verify --help' for more information.");
    }

    @Test
    void debug_printsTheStackTrace() {
        Run run = run("backup", "files", "docs", data.toString(), "--repo", repo.toString(), "--compression",
                "lz4", "--debug");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void keygenThenEncryptedBackup_restoresOnlyWithTheIdentity() throws IOException {
        Path key = temp.resolve("key.txt");
        Run keygen = run("keygen", "-o", key.toString());
        assertThat(keygen.exit()).isZero();
        String recipient = keygen.out().strip();
        assertThat(recipient).startsWith("age1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).contains("AGE-SECRET-KEY-1").contains("# public key: " + recipient);
        assertThat(run("keygen", "-o", key.toString()).exit()).as("never overwrites a key").isEqualTo(2);

        String id = run("backup", "files", "docs", data.toString(), "--repo", repo.toString(), "--recipient",
                recipient).out().strip();
        Run withoutKey = run("restore", id, "--repo", repo.toString(), "--to", temp.resolve("a").toString());
        assertThat(withoutKey.exit()).isEqualTo(1);
        assertThat(withoutKey.err()).contains("age-encrypted").doesNotContain("AGE-SECRET-KEY");

        Run withKey = run("restore", id, "--repo", repo.toString(), "--to", temp.resolve("b").toString(),
                "--identity", key.toString());
        assertThat(withKey.exit()).as(withKey.err()).isZero();
        assertThat(temp.resolve("b/sub/notes.txt")).exists();
    }

    @Test
    void passphraseFiles_encryptAndDecrypt() throws IOException {
        Path secret = temp.resolve("pass.txt");
        Files.writeString(secret, "a long and secret passphrase\n");
        Run backup = run("backup", "files", "docs", data.toString(), "--repo", repo.toString(),
                "--passphrase-file", secret.toString(), "--json");
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("scrypt").doesNotContain("a long and secret passphrase");
        String id = ManifestCodec.mapper().readTree(backup.out()).path("id").asText();

        Run restore = run("restore", id, "--repo", repo.toString(), "--to", temp.resolve("c").toString(),
                "--passphrase-file", secret.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
    }

    @Test
    void forget_dryRunShowsThePlan_andApplyingKeepsTheNewest() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertThat(run("backup", "files", "docs", data.toString(), "--repo", repo.toString()).exit()).isZero();
        }
        Run dry = run("forget", "--repo", repo.toString(), "--source", "docs", "--keep-last", "1", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would delete").contains("dry run: 2 backups would be deleted");
        assertThat(run("list", "--repo", repo.toString(), "--source", "docs").out().lines()
                .filter(l -> l.contains("COMPLETED"))).hasSize(3);

        Run applied = run("forget", "--repo", repo.toString(), "--source", "docs", "--keep-last", "1", "--json");
        assertThat(ManifestCodec.mapper().readTree(applied.out()).path("deleted")).hasSize(2);
        assertThat(run("list", "--repo", repo.toString(), "--source", "docs").out().lines()
                .filter(l -> l.contains("COMPLETED"))).hasSize(1);
    }

    @Test
    void databaseBackupAndRestore_ofAnSqliteFile() throws Exception {
        Path db = temp.resolve("app.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO t (v) VALUES ('a'), ('b')");
        }
        Run backup = run("backup", "db", "app-db", "jdbc:sqlite:" + db, "--repo", repo.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        String id = backup.out().strip();
        assertThat(run("list", "--repo", repo.toString(), "--kind", "database").out()).contains(id);

        Path copy = temp.resolve("copy.db");
        Run restore = run("restore", id, "--repo", repo.toString(), "--to-db", "jdbc:sqlite:" + copy, "--mode",
                "new");
        assertThat(restore.exit()).as(restore.err()).isZero();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy); var s = c.createStatement();
             var rows = s.executeQuery("SELECT count(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
        Run again = run("restore", id, "--repo", repo.toString(), "--to-db", "jdbc:sqlite:" + copy);
        assertThat(again.exit()).as("mode new refuses an existing database").isEqualTo(1);
        assertThat(run("restore", id, "--repo", repo.toString(), "--to-db", "jdbc:sqlite:" + copy, "--mode",
                "sideways").exit()).isEqualTo(2);
    }

    @Test
    void verifyAndHealth_reportDamageWithExitCodes() throws Exception {
        String id = run("backup", "files", "docs", data.toString(), "--repo", repo.toString()).out().strip();

        Run before = run("health", "--repo", repo.toString());
        assertThat(before.out()).contains("docs: DEGRADED");
        assertThat(before.exit()).as("no verification yet").isEqualTo(1);

        Run drill = run("verify", id, "--repo", repo.toString(), "--level", "restore");
        assertThat(drill.exit()).as(drill.err()).isZero();
        assertThat(drill.out()).startsWith("PASSED").contains("TEST_RESTORE");
        Run healthy = run("health", "--repo", repo.toString(), "--json");
        assertThat(healthy.exit()).as(healthy.out()).isZero();
        assertThat(ManifestCodec.mapper().readTree(healthy.out()).path("status").asText()).isEqualTo("UP");

        Path artifact;
        try (var files = Files.list(repo.resolve("docs"))) {
            artifact = files.filter(p -> p.toString().endsWith(".tar.zst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 1;
        Files.write(artifact, bytes);
        Run damaged = run("verify", "--recent", "1d", "--repo", repo.toString());
        assertThat(damaged.exit()).isEqualTo(3);
        assertThat(damaged.out()).contains("FAILED").contains("CHECKSUM").contains("0 passed, 1 failed");

        Thread.sleep(1100);
        assertThat(run("health", "--repo", repo.toString(), "--max-age", "1s").exit()).as("older than the RPO")
                .isEqualTo(3);
    }

    @Test
    void reportAndForecast_renderTheRepository() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThat(run("backup", "files", "docs", data.toString(), "--repo", repo.toString()).exit()).isZero();
        }
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        Run text = run("report", "--from", today, "--to", today, "--repo", repo.toString(), "--zone", "UTC");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("Attempts:        2 (completed 2").contains("docs");

        Run csv = run("report", "--from", today, "--to", today, "--repo", repo.toString(), "--zone", "UTC",
                "--format", "csv");
        assertThat(csv.out().lines()).hasSize(3);

        Path html = temp.resolve("report.html");
        Run page = run("report", "daily", "--repo", repo.toString(), "--format", "html", "-o", html.toString());
        assertThat(page.exit()).as(page.err()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg");

        Run forecast = run("forecast", "--days", "30", "--repo", repo.toString(), "--capacity", "1GiB", "--json");
        assertThat(forecast.exit()).as(forecast.err()).isZero();
        assertThat(ManifestCodec.mapper().readTree(forecast.out()).path("outcome").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(run("report", "yearly", "--repo", repo.toString()).exit()).isEqualTo(2);
        assertThat(run("forecast", "--repo", repo.toString(), "--capacity", "lots").exit()).isEqualTo(2);
    }

    @Test
    void demo_backsUpListsRestoresAndCompares() {
        Run demo = run("demo", "--dir", temp.resolve("demo").toString());

        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Generated an age key").contains("Compared: all")
                .contains("entries identical").contains("age -d -i")
                .contains("Embedded databases").contains("compared: identical")
                .contains("3 passed, 0 failed, 0 skipped").contains("backline-report.html");
    }
}
