package io.backline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.BackupCatalog;
import io.backline.core.storage.LocalStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduledBackupsTest {
    @TempDir
    Path temp;

    @Test
    void runOnce_backsUpAndAppliesRetention() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("upload.txt"), "hello");
        try (ScheduledBackups job = new ScheduledBackups(data, temp.resolve("repo"))) {
            assertThat(job.runOnce().succeeded()).isTrue();
            assertThat(job.runOnce().succeeded()).isTrue();
        }
        assertThat(BackupCatalog.of(LocalStorage.at(temp.resolve("repo")), Clock.systemUTC()).list())
                .as("keepDaily(7) keeps only the newest backup of today").hasSize(1);
    }
}
