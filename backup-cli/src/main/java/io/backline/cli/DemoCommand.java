package io.backline.cli;

import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.BackupReport;
import io.backline.analytics.ReportFormat;
import io.backline.analytics.ReportRenderer;
import io.backline.core.BackupCatalog;
import io.backline.core.BackupManager;
import io.backline.core.BackupQuery;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.BackupSummary;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import io.backline.core.RestoreResult;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.storage.LocalStorage;
import io.backline.jdbc.H2Source;
import io.backline.verify.BackupVerifier;
import io.backline.verify.VerificationLevel;
import io.backline.verify.VerificationReport;
import io.backline.jdbc.H2Target;
import io.backline.jdbc.RestoreMode;
import io.backline.jdbc.SqliteSource;
import io.backline.jdbc.SqliteTarget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code backline demo}: the main job on an embedded default. With no setup it makes a sample tree, generates an age
 * key, backs the tree up (zstd, age-encrypted to the key's public recipient) into a local repository, lists it,
 * restores it with the identity into a new place, compares; then does the same with an embedded SQLite and H2
 * database, and prints what happened.
 */
@Command(name = "demo", description = "Back up, list and restore a sample tree in a temp directory.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Work in DIR instead of a new temp directory.")
    Path dir;

    /** Backs up and restores the embedded databases (SQLite, H2) the way a host application would. */
    private static boolean embeddedDatabases(PrintWriter out, Path work, BackupManager manager,
                                             BackupRestorer restorer) throws Exception {
        Path sqlite = work.resolve("app.sqlite");
        String sqliteUrl = SampleDatabases.sqliteUrl(sqlite);
        SampleDatabases.fill(sqliteUrl, 5_000);
        BackupResult sqliteBackup = manager.backup(SqliteSource.builder().name("demo-sqlite").file(sqlite).build())
                .orThrow();
        Path sqliteCopy = work.resolve("restored.sqlite");
        restorer.restore(sqliteBackup.id(), SqliteTarget.builder().file(sqliteCopy).mode(RestoreMode.CREATE_NEW)
                .build()).orThrow();
        boolean sqliteSame = SampleDatabases.fingerprint(sqliteUrl)
                .equals(SampleDatabases.fingerprint(SampleDatabases.sqliteUrl(sqliteCopy)));

        String h2Url = SampleDatabases.h2Url(work.resolve("app-h2"));
        SampleDatabases.fill(h2Url, 5_000);
        BackupResult h2Backup = manager.backup(H2Source.builder().name("demo-h2").jdbcUrl(h2Url).build()).orThrow();
        String h2CopyUrl = SampleDatabases.h2Url(work.resolve("restored-h2"));
        restorer.restore(h2Backup.id(), H2Target.builder().jdbcUrl(h2CopyUrl).mode(RestoreMode.CREATE_NEW).build())
                .orThrow();
        boolean h2Same = SampleDatabases.fingerprint(h2Url).equals(SampleDatabases.fingerprint(h2CopyUrl));

        out.printf(Locale.ROOT, "6. Embedded databases: SQLite %s (%s stored) and H2 %s (%s stored) backed up,"
                        + " restored into new files and compared: %s%n", sqliteBackup.id(),
                Sizes.bytes(sqliteBackup.storedBytes()), h2Backup.id(), Sizes.bytes(h2Backup.storedBytes()),
                sqliteSame && h2Same ? "identical" : "MISMATCH");
        return sqliteSame && h2Same;
    }

    /** Verifies every backup of the demo with a test restore into scratch places that are removed afterwards. */
    private static boolean verifyAll(PrintWriter out, Path work, Path repo, AgeIdentity identity) throws Exception {
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        BackupVerifier verifier = BackupVerifier.builder()
                .storage(LocalStorage.at(repo))
                .encryption(BackupEncryption.withIdentities(identity))
                .scratchTargets(DemoScratch.targets(scratch))
                .build();
        VerificationReport report = verifier.verifyRecent(java.time.Duration.ofDays(1),
                VerificationLevel.TEST_RESTORE);
        out.printf(Locale.ROOT, "7. Verified %d backups with test restores (checksum, decryption, decompression,"
                        + " content, restore): %d passed, %d failed, %d skipped, pass rate %.0f%%%n",
                report.results().size(), report.passed(), report.failed(), report.skipped(),
                report.passRate() * 100);
        for (VerificationReport.Failure failure : report.failures()) {
            out.println("   FAILED " + failure.ref() + " at " + failure.stage() + ": " + failure.message());
        }
        return report.failed() == 0 && report.passed() == report.results().size();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("backline-demo-");
        Path data = work.resolve("data");
        Path repo = work.resolve("repository");
        Path restored = work.resolve("restored");
        Path keyFile = work.resolve("demo-key.txt");

        out.println("Backline demo in " + work);
        SampleTree.write(data);
        try (AgeIdentity identity = AgeKeys.generate()) {
            Files.deleteIfExists(keyFile);
            Files.createFile(keyFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, identity.toKeyFile(java.time.Instant.now()),
                    java.nio.charset.StandardCharsets.US_ASCII);
            String recipient = identity.recipient().toString();
            out.println("1. Generated an age key: recipient " + recipient);
            out.println("   identity (secret) written to " + keyFile + " (mode 0600)");

            BackupManager manager = BackupManager.builder()
                    .storage(LocalStorage.at(repo))
                    .compression(Compression.zstd(3))
                    .encryption(BackupEncryption.toRecipients(recipient))
                    .build();
            BackupResult result = manager.backup(FileSource.of("demo-files", data)).orThrow();
            BackupManifest manifest = result.manifest().orElseThrow();
            long content = manifest.artifact().contentBytes();
            long stored = manifest.artifact().storedBytes();
            out.printf(Locale.ROOT, "2. Backed up %s: %d files, %d dirs, %d symlinks, %s of tar in %s -> %s stored"
                            + " (ratio %.2f), zstd:3 + age%n", data, manifest.files().fileCount(),
                    manifest.files().dirCount(), manifest.files().symlinkCount(), Sizes.bytes(content),
                    Sizes.duration(result.duration()), Sizes.bytes(stored), content / (double) Math.max(1, stored));
            out.println("   backup id " + result.id() + ", artifact " + manifest.artifact().name());

            List<BackupSummary> listed = BackupCatalog.of(LocalStorage.at(repo), java.time.Clock.systemUTC())
                    .list(BackupQuery.all());
            out.println("3. Listed the repository: " + listed.size() + " backup(s), newest " + listed.get(0).id()
                    + " " + listed.get(0).status());

            BackupRestorer restorer = BackupRestorer.builder()
                    .storage(LocalStorage.at(repo))
                    .encryption(BackupEncryption.withIdentities(identity))
                    .build();
            RestoreResult restore = restorer.restoreFiles(result.id(), restored).orThrow();
            out.println("4. Restored into " + restored + ": " + restore.items() + " entries, "
                    + Sizes.bytes(restore.bytes()) + " in " + Sizes.duration(restore.duration()));

            Map<String, String> before = TreeDigest.of(data);
            Map<String, String> after = TreeDigest.of(restored);
            if (!before.equals(after)) {
                out.println("5. MISMATCH: the restored tree differs from the original");
                out.flush();
                return ExitCodes.FAILED;
            }
            out.println("5. Compared: all " + before.size() + " entries identical (content, permissions, links)");
            if (!embeddedDatabases(out, work, manager, restorer)) {
                out.flush();
                return ExitCodes.FAILED;
            }
            if (!verifyAll(out, work, repo, identity)) {
                out.flush();
                return ExitCodes.VERIFICATION_FAILED;
            }
            Path html = work.resolve("backline-report.html");
            BackupReport report = BackupAnalyticsEngine.builder().storage(LocalStorage.at(repo)).build()
                    .report(java.time.LocalDate.now().minusDays(6), java.time.LocalDate.now());
            try (java.io.Writer writer = Files.newBufferedWriter(html, java.nio.charset.StandardCharsets.UTF_8)) {
                ReportRenderer.render(report, ReportFormat.HTML, writer);
            }
            out.println("8. Wrote the HTML report (charts of storage, outcomes and durations): " + html);
            out.println();
            out.println("Repository: " + repo);
            out.println("Restore it without Backline:");
            out.println("  age -d -i " + keyFile + " " + repo.resolve("demo-files").resolve(
                    manifest.artifact().name()) + " | zstd -d | tar -x -C /some/dir");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
