package io.backline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.Stage;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.verify.spi.ScratchContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL dumps against the real server and tools: {@code pg_restore --list} at CONTENT, restore drills into
 * {@code backline_verify_<id>} at TEST_RESTORE, and the scratch database dropped after passing and failing drills.
 */
class VerificationPostgresTest {
    private static final List<TableInfo> TABLES = List.of(new TableInfo("public", "customers", 3, true),
            new TableInfo("public", "orders", 5, true));

    @TempDir
    Path temp;

    private TestPostgres postgres;
    private String database;
    private TestRepo repo;

    @BeforeEach
    void sourceDatabase() throws IOException {
        postgres = TestPostgres.require(temp);
        database = "backline_vt_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        postgres.psql("postgres", "CREATE DATABASE " + database);
        postgres.psql(database, "CREATE TABLE customers (id int PRIMARY KEY, name text);"
                + " INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 3) g;"
                + " CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers, total numeric);"
                + " INSERT INTO orders SELECT g, 1 + g % 3, g * 10.5 FROM generate_series(1, 5) g;");
        repo = new TestRepo(temp.resolve("repo"));
    }

    @AfterEach
    void dropSourceDatabase() throws IOException {
        if (postgres != null) {
            postgres.psql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            postgres.close();
        }
    }

    private BackupManifest backUp(String name, String... dumpOptions) {
        Path file = temp.resolve(name + ".pgdump");
        postgres.dump(database, file, dumpOptions);
        return repo.backup(StreamSource.pgDump(name, file, TABLES));
    }

    private BackupVerifier verifier(String pgRestore) {
        return BackupVerifier.builder().storage(repo.storage).tempDir(temp).pgRestoreCommand(pgRestore)
                .scratchTargets(new PsqlScratchTargets(postgres)).build();
    }

    @Test
    void verify_atTestRestore_passesACompleteDump_andDropsTheScratchDatabase() {
        BackupManifest manifest = backUp("orders-db");

        VerificationResult result = verifier("pg_restore").verify(manifest.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.PASSED);
        assertThat(result.stages().get(2).message()).contains("all 2 tables of the manifest have data entries");
        assertThat(result.stages().get(3).message()).contains("2 tables (8 rows) restored");
        assertThat(postgres.databaseExists(ScratchContext.scratchNameFor(manifest.id()))).isFalse();
    }

    @Test
    void verify_atContent_catchesADumpMadeWithMinusT_forATableTheManifestLists() {
        BackupManifest manifest = backUp("orders-db", "-T", "orders");

        VerificationResult result = verifier("pg_restore").verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.levelReached()).contains(VerificationLevel.INTEGRITY);
        assertThat(result.failedLevel()).contains(VerificationLevel.CONTENT);
        assertThat(result.stage()).contains(Stage.CONTENT);
        assertThat(result.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("public.orders (5 rows, not in it at all)"));
    }

    @Test
    void verify_atContent_catchesADumpWithATablesDataExcluded() {
        BackupManifest manifest = backUp("orders-db", "--exclude-table-data=orders");

        VerificationResult result = verifier("pg_restore").verify(manifest.ref(), VerificationLevel.CONTENT);

        assertThat(result.stage()).contains(Stage.CONTENT);
        assertThat(result.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("public.orders (5 rows, its definition is there but not its data)"));
    }

    @Test
    void verify_atTestRestore_catchesAMinusTDump_evenWithoutTheContentCheck_andDropsTheScratchDatabase() {
        BackupManifest manifest = backUp("orders-db", "-T", "orders");

        VerificationResult result = verifier("/nonexistent/pg_restore").verify(manifest.ref(),
                VerificationLevel.TEST_RESTORE);

        assertThat(result.stages()).extracting(s -> s.stage() + " " + s.outcome()).containsExactly(
                "CHECKSUM PASSED", "INTEGRITY PASSED", "CONTENT SKIPPED", "TEST_RESTORE FAILED");
        assertThat(result.stage()).contains(Stage.RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("public.orders is missing from the restored copy"));
        assertThat(postgres.databaseExists(ScratchContext.scratchNameFor(manifest.id()))).isFalse();
    }

    @Test
    void verify_onlyTestRestore_catchesADumpWhoseTableDataIsEmpty_whileTheManifestListsItsRows() {
        postgres.psql(database, "TRUNCATE orders");
        BackupManifest manifest = backUp("orders-db");
        BackupVerifier verifier = verifier("pg_restore");

        VerificationResult content = verifier.verify(manifest.ref(), VerificationLevel.CONTENT);
        VerificationResult drill = verifier.verify(manifest.ref(), VerificationLevel.TEST_RESTORE);

        assertThat(content.passed()).as("the table of contents looks complete").isTrue();
        assertThat(drill.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(drill.stage()).contains(Stage.RESTORE);
        assertThat(drill.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("public.orders has 0 rows restored, the manifest records 5"));
        assertThat(postgres.databaseExists(ScratchContext.scratchNameFor(manifest.id()))).isFalse();
    }

    @Test
    void verify_atTestRestore_dropsTheScratchDatabase_whenPgRestoreFails() {
        backUp("orders-db");
        Path cut = temp.resolve("cut.pgdump");
        byte[] full = TestRepo.read(temp.resolve("orders-db.pgdump"));
        TestRepo.write(cut, java.util.Arrays.copyOf(full, full.length - 40)); // the last table's data is cut short
        BackupManifest broken = repo.backup(StreamSource.pgDump("orders-db", cut, TABLES));

        VerificationResult result = verifier("/nonexistent/pg_restore").verify(broken.ref(),
                VerificationLevel.TEST_RESTORE);

        assertThat(result.failedLevel()).contains(VerificationLevel.TEST_RESTORE);
        assertThat(result.stage()).contains(Stage.RESTORE);
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("pg_restore exited"));
        assertThat(postgres.databaseExists(ScratchContext.scratchNameFor(broken.id()))).isFalse();
    }
}
