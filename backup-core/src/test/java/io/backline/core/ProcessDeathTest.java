package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.manifest.BackupStatus;
import io.backline.core.storage.LocalStorage;
import io.backline.core.testing.ChildBackup;
import io.backline.core.testing.ChildJvm;
import io.backline.core.testing.GeneratedSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup whose process dies (SIGKILL) mid-way must never list as completed, and must not block the next one. */
class ProcessDeathTest {
    @TempDir
    Path temp;

    @Test
    void backupKilledMidway_readsAsInterrupted_andTheNextBackupTakesOverTheLock() throws Exception {
        Path repo = temp.resolve("repo");
        Process child = ChildJvm.start(List.of("-Xmx128m"), ChildBackup.class, "hang", repo.toString(),
                String.valueOf(8L << 20));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("HALFWAY");
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        BackupCatalog catalog = BackupCatalog.of(LocalStorage.at(repo), java.time.Clock.systemUTC());
        List<BackupSummary> backups = catalog.list(BackupQuery.source("victim"));
        assertThat(backups).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BackupStatus.INTERRUPTED);
            assertThat(b.manifest().artifact()).isNull();
        });
        assertThat(catalog.latestCompleted("victim")).isEmpty();
        assertThat(LocalStorage.at(repo).list("victim/")).extracting(b -> b.key())
                .as("the half-written artifact is not visible")
                .noneMatch(key -> key.endsWith(".bin.zst") || key.endsWith(".sha256"));

        BackupManager manager = BackupManager.builder().storage(LocalStorage.at(repo)).build();
        BackupResult next = manager.backup(GeneratedSource.of("victim", 1000));
        assertThat(next.succeeded()).as("the dead writer's lock is taken over").isTrue();
        assertThat(manager.catalog().list(BackupQuery.source("victim"))).extracting(BackupSummary::status)
                .containsExactly(BackupStatus.COMPLETED, BackupStatus.INTERRUPTED);
    }
}
