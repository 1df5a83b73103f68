package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.manifest.BackupStatus;
import io.backline.core.storage.InMemoryStorage;
import io.backline.core.testing.GeneratedSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-source lock lease shared by processes on different hosts. */
class SourceLockTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final List<BackupEvent> events = new ArrayList<>();
    private final BackupManager manager = BackupManager.builder().storage(storage).listener(events::add).build();

    private void lockHeldElsewhere(Instant expiresAt) throws Exception {
        String lease = "{\"owner\":\"20261129T050000Z-otherhst\",\"host\":\"db-replica-7\",\"pid\":4242,"
                + "\"acquiredAt\":\"2026-11-29T05:00:00Z\",\"expiresAt\":\"" + expiresAt + "\"}";
        storage.put("orders/lock.json", lease.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void liveLeaseOfAnotherHost_blocksTheBackup_andNamesTheHolder() throws Exception {
        lockHeldElsewhere(Instant.now().plusSeconds(600));

        BackupResult result = manager.backup(GeneratedSource.of("orders", 100));

        assertThat(result.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(result.error().orElseThrow()).isInstanceOf(BackupLockedException.class)
                .hasMessageContaining("20261129T050000Z-otherhst").hasMessageContaining("db-replica-7");
        assertThat(result.error().orElseThrow().stage()).contains(Stage.LOCK);
        assertThat(manager.catalog().find(result.id()).orElseThrow().manifest().error().stage()).isEqualTo("LOCK");
        assertThat(storage.stat("orders/lock.json")).as("the other holder's lease is untouched").isPresent();
    }

    @Test
    void expiredLeaseOfAnotherHost_isTakenOver_andTheTakeoverIsReported() throws Exception {
        lockHeldElsewhere(Instant.now().minusSeconds(1));

        BackupResult result = manager.backup(GeneratedSource.of("orders", 100));

        assertThat(result.succeeded()).isTrue();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(BackupEvent.LockTakenOver.class,
                t -> assertThat(t.previousOwner()).contains("20261129T050000Z-otherhst")));
        assertThat(storage.stat("orders/lock.json")).as("released after the backup").isEmpty();
    }

    @Test
    void runningManifestOfAWriterWhoseLeaseLapsed_readsAsInterrupted() throws Exception {
        lockHeldElsewhere(Instant.now().minusSeconds(1));
        String running = "{\"id\":\"20261129T050000Z-otherhst\",\"formatVersion\":1,"
                + "\"source\":{\"name\":\"orders\",\"kind\":\"database\"},\"status\":\"RUNNING\","
                + "\"startedAt\":\"2026-11-29T05:00:00Z\"}";
        storage.put("orders/20261129T050000Z-otherhst.manifest.json", running.getBytes(StandardCharsets.UTF_8));
        storage.put("backline-repository.json", "{\"format\":\"backline\",\"version\":1}".getBytes(
                StandardCharsets.UTF_8));

        assertThat(manager.catalog().find("orders/20261129T050000Z-otherhst").orElseThrow().status())
                .isEqualTo(BackupStatus.INTERRUPTED);
        lockHeldElsewhere(Instant.now().plusSeconds(600));
        assertThat(manager.catalog().find("orders/20261129T050000Z-otherhst").orElseThrow().status())
                .isEqualTo(BackupStatus.RUNNING);
    }
}
