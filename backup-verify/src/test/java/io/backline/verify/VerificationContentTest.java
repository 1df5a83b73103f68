package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.ErrorCode;
import io.backline.core.FileSource;
import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.spi.SourceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTENT catches payloads that were damaged before they were checksummed — their digests agree with the manifest,
 * so CHECKSUM and INTEGRITY pass — and names the CONTENT stage.
 */
class VerificationContentTest {
    @TempDir
    Path temp;

    private TestRepo repo;
    private BackupVerifier verifier;

    @BeforeEach
    void repository() {
        repo = new TestRepo(temp.resolve("repo"));
        verifier = BackupVerifier.builder().storage(repo.storage).tempDir(temp).build();
    }

    @Test
    void verify_atContent_passesAFileTreeBackup() {
        BackupManifest manifest = repo.backupTree("site", TestRepo.tree(temp.resolve("site")));

        VerificationResult result = verifier.verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.passed()).isTrue();
        assertThat(result.levelReached()).contains(VerificationLevel.CONTENT);
        assertThat(result.stages().get(2).message()).contains("5 files", "2 directories", "1 symlinks");
    }

    @Test
    void verify_atContent_catchesATarWithItsLastEntriesCut() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TarArchiveOutputStream out = new TarArchiveOutputStream(tar);
        long total = 0;
        for (int i = 0; i < 5; i++) {
            byte[] content = ("file number " + i + "\n").repeat(50 + i).getBytes(StandardCharsets.UTF_8);
            total += content.length;
            if (i < 3) { // the last two entries and the end-of-archive records never made it
                TarArchiveEntry entry = new TarArchiveEntry("f" + i + ".txt");
                entry.setSize(content.length);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        out.flush();
        BackupManifest manifest = repo.backup(StreamSource.tar("cut", tar.toByteArray(),
                new FilesInfo("/srv/cut", 5, 0, 0, total, List.of())));

        assertThat(verifier.verify(manifest.ref(), VerificationLevel.INTEGRITY).passed()).isTrue();
        VerificationResult result = verifier.verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failedLevel()).contains(VerificationLevel.CONTENT);
        assertThat(result.stage()).contains(Stage.CONTENT);
        assertThat(result.levelReached()).contains(VerificationLevel.INTEGRITY);
        assertThat(result.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("the tar holds 3 files", "the manifest records 5 files"));
    }

    @Test
    void verify_atContent_catchesATarCutInsideAnEntry() throws IOException {
        Path tree = TestRepo.tree(temp.resolve("tree"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        FilesInfo files = FileSource.of("tree", tree).writeTo(tar,
                new SourceContext("tree/x", temp, Clock.systemUTC())).files();
        byte[] cut = Arrays.copyOf(tar.toByteArray(), 40 * 512); // inside docs/c.bin (70 000 bytes)
        BackupManifest manifest = repo.backup(StreamSource.tar("cut", cut, files));

        VerificationResult result = verifier.verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.failedLevel()).contains(VerificationLevel.CONTENT);
        assertThat(result.stage()).contains(Stage.CONTENT);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("cannot be read"));
    }

    @Test
    void verify_atContent_passesACompleteMysqlDump_andCatchesOneWithoutItsCompletionLine() {
        String dump = "-- MariaDB dump 10.19\n"
                + "CREATE TABLE `customers` (\n  `id` int NOT NULL\n);\n"
                + "INSERT INTO `customers` VALUES (1),(2),(3);\n"
                + "CREATE TABLE `orders` (\n  `id` int NOT NULL\n);\n"
                + "INSERT INTO `orders` VALUES (1);\n";
        List<TableInfo> tables = List.of(new TableInfo("shop", "customers", 3, true),
                new TableInfo("shop", "orders", 1, true));
        BackupManifest complete = repo.backup(StreamSource.database("shop", "mysqldump-sql", "sql",
                (dump + "\n-- Dump completed on 2026-11-29  6:00:01\n").getBytes(StandardCharsets.UTF_8), tables));
        BackupManifest cut = repo.backup(StreamSource.database("shop", "mysqldump-sql", "sql",
                dump.getBytes(StandardCharsets.UTF_8), tables));

        assertThat(verifier.verify(complete.ref(), VerificationLevel.CONTENT).passed()).isTrue();
        VerificationResult result = verifier.verify(cut.ref(), VerificationLevel.CONTENT);

        assertThat(result.stage()).contains(Stage.CONTENT);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("cut short"));
    }

    @Test
    void verify_atContent_catchesAMysqlDumpThatDoesNotCreateATableOfTheManifest() {
        String dump = "CREATE TABLE `customers` (`id` int);\n-- Dump completed on 2026-11-29\n";
        BackupManifest manifest = repo.backup(StreamSource.database("shop", "mysqldump-sql", "sql",
                dump.getBytes(StandardCharsets.UTF_8), List.of(new TableInfo("shop", "customers", 0, true),
                        new TableInfo("shop", "orders", 7, true))));

        VerificationResult result = verifier.verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.stage()).contains(Stage.CONTENT);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("shop.orders"));
    }

    @Test
    void verify_atContent_runsPragmaIntegrityCheckOnASqliteFile() throws Exception {
        Path db = temp.resolve("app.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            for (int i = 0; i < 200; i++) {
                statement.execute("INSERT INTO notes (body) VALUES ('" + "note ".repeat(40) + i + "')");
            }
            statement.execute("CREATE INDEX notes_body ON notes (body)");
        }
        List<TableInfo> tables = List.of(new TableInfo("main", "notes", 200, true));
        BackupManifest good = repo.backup(StreamSource.database("app", "sqlite-db", "sqlite", Files.readAllBytes(db),
                tables));
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.seek(4096); // pages 2 and 3: b-tree pages of the table and its index
            file.write(TestRepo.randomBytes(8192, 9));
        }
        BackupManifest damaged = repo.backup(StreamSource.database("app", "sqlite-db", "sqlite",
                Files.readAllBytes(db), tables));

        VerificationResult passed = verifier.verify(good.ref(), VerificationLevel.CONTENT);
        VerificationResult failed = verifier.verify(damaged.ref(), VerificationLevel.CONTENT);

        assertThat(passed.passed()).isTrue();
        assertThat(passed.stages().get(2).message()).contains("integrity_check: ok");
        assertThat(failed.failedLevel()).contains(VerificationLevel.CONTENT);
        assertThat(failed.stage()).contains(Stage.CONTENT);
        assertThat(Files.list(temp).filter(p -> p.getFileName().toString().startsWith("backline-verify-")))
                .as("the owner-only temp copy is deleted").isEmpty();
    }

    @Test
    void verify_atContent_skipsAPayloadFormatItCannotCheck_ratherThanPassingIt() {
        BackupManifest manifest = repo.backup(StreamSource.database("blob", "raw", "bin", new byte[] {1, 2, 3},
                List.of()));

        VerificationResult result = verifier.verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.levelReached()).contains(VerificationLevel.INTEGRITY);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT));
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("'raw'"));
        assertThat(result.record().outcome()).isEqualTo(Outcome.SKIPPED);
    }
}
