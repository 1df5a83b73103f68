package io.backline.jdbc;

import io.backline.core.BackupManager;
import io.backline.core.Compression;
import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.spi.BackupSource;
import io.backline.core.storage.LocalStorage;
import io.backline.verify.BackupVerifier;
import io.backline.verify.VerificationLevel;
import io.backline.verify.VerificationResult;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Restore drills as a host runs them: a real {@link BackupManager} (local storage, zstd, age to a fresh key) backs
 * up, and a real {@link BackupVerifier} with that key verifies at {@code TEST_RESTORE} into the scratch targets
 * given. The verifier's temp directory is empty when a drill starts, so a test can see what a drill left there.
 */
final class ScratchDrills implements AutoCloseable {
    private final Path repo;
    private final Path verifierTemp;
    private final AgeIdentity key;
    private final BackupManager manager;

    ScratchDrills(Path dir) throws IOException {
        this.repo = dir.resolve("repo");
        this.verifierTemp = Files.createDirectories(dir.resolve("verifier-tmp"));
        this.key = AgeKeys.generate();
        this.manager = BackupManager.builder().storage(LocalStorage.at(repo)).compression(Compression.zstd(3))
                .encryption(BackupEncryption.toRecipients(key.recipient().toString())).build();
    }

    /** Backs up {@code source}; fails the test when the backup fails. */
    BackupManifest backup(BackupSource source) {
        return manager.backup(source).orThrow().manifest().orElseThrow();
    }

    /** Verifies {@code manifest}'s backup at TEST_RESTORE with {@code scratch}. */
    VerificationResult drill(BackupManifest manifest, ScratchTargets scratch) {
        BackupVerifier verifier = BackupVerifier.builder().storage(LocalStorage.at(repo))
                .encryption(BackupEncryption.withIdentities(key)).tempDir(verifierTemp).scratchTargets(scratch)
                .build();
        return verifier.verify(manifest.ref(), VerificationLevel.TEST_RESTORE);
    }

    /** The verifier's temp directory. */
    Path verifierTemp() {
        return verifierTemp;
    }

    /** What the verifier's temp directory holds. */
    List<Path> leftInTemp() throws IOException {
        try (var files = Files.list(verifierTemp)) {
            return files.toList();
        }
    }

    /**
     * Rewrites the stored manifest with each table passed through {@code change}. The artifact, its sidecar and the
     * manifest's SHA-256 of it stay as they were: the checksum covers the artifact, not the manifest's JSON.
     */
    BackupManifest rewriteTables(BackupManifest manifest, UnaryOperator<TableInfo> change) throws IOException {
        DatabaseInfo db = manifest.database();
        BackupManifest changed = manifest.withContent(new DatabaseInfo(db.product(), db.serverVersion(), db.tool(),
                db.toolVersion(), db.database(), db.tables().stream().map(change).toList()), manifest.files());
        Files.write(repo.resolve(manifest.source().name()).resolve(manifest.id() + ".manifest.json"),
                ManifestCodec.write(changed));
        return changed;
    }

    /** The scratch database name of {@code manifest}'s drill. */
    static String scratchName(BackupManifest manifest) {
        return ScratchContext.scratchNameFor(manifest.id());
    }

    /** Whether the server of {@code serverUrl} has a database called {@code name}. */
    static boolean databaseExists(String serverUrl, String name) throws SQLException {
        boolean postgres = serverUrl.startsWith("jdbc:postgresql:");
        String sql = postgres ? "SELECT 1 FROM pg_database WHERE datname = ?"
                : "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
        try (Connection c = DriverManager.getConnection(serverUrl); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Drops {@code name} on the server when a failing test left it behind. */
    static void dropIfLeft(String serverUrl, String name) throws SQLException {
        boolean postgres = serverUrl.startsWith("jdbc:postgresql:");
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute(postgres ? "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS `" + name + "`");
        }
    }

    @Override
    public void close() {
        key.close();
    }
}
