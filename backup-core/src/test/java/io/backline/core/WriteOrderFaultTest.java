package io.backline.core;

import static io.backline.core.storage.FaultyStorage.keyEndsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.internal.StoredChecksum;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.spi.BlobInfo;
import io.backline.core.storage.FaultyStorage;
import io.backline.core.storage.FaultyStorage.Fault;
import io.backline.core.storage.FaultyStorage.Op;
import io.backline.core.storage.InMemoryStorage;
import io.backline.core.testing.GeneratedSource;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fails storage at each step of the write order (manifest RUNNING → artifact → sidecar → manifest COMPLETED) and
 * checks that the catalog tells the truth afterwards: no COMPLETED manifest points at a bad or missing artifact,
 * and the attempt reads as FAILED (or INTERRUPTED when not even its FAILED manifest could be written).
 */
class WriteOrderFaultTest {

    enum Step {
        RUNNING_MANIFEST(s -> s.on(Op.PUT_IF_ABSENT).keys(keyEndsWith(".manifest.json")).fail(), BackupStatus.FAILED),
        ARTIFACT_CREATE(s -> s.on(Op.CREATE).keys(keyEndsWith(".bin.zst")).fail(), BackupStatus.FAILED),
        ARTIFACT_STREAM_CUT(s -> s.on(Op.WRITE).keys(keyEndsWith(".bin.zst")).cutAfter(10_000), BackupStatus.FAILED),
        ARTIFACT_COMMIT(s -> s.on(Op.COMMIT).keys(keyEndsWith(".bin.zst")).fail(), BackupStatus.FAILED),
        SIDECAR(s -> s.on(Op.COMMIT).keys(keyEndsWith(".sha256")).fail(), BackupStatus.FAILED),
        COMPLETED_MANIFEST(s -> s.on(Op.COMMIT).keys(keyEndsWith(".manifest.json")).nth(1).fail(),
                BackupStatus.FAILED),
        COMPLETED_MANIFEST_AMBIGUOUS(s -> s.on(Op.COMMIT).keys(keyEndsWith(".manifest.json")).nth(1)
                .failAfterEffect(), BackupStatus.FAILED),
        EVERY_MANIFEST_AFTER_RUNNING(s -> s.on(Op.COMMIT).keys(keyEndsWith(".manifest.json")).from(1).fail(),
                BackupStatus.INTERRUPTED);

        final Function<FaultyStorage, Fault> inject;
        final BackupStatus expected;

        Step(Function<FaultyStorage, Fault> inject, BackupStatus expected) {
            this.inject = inject;
            this.expected = expected;
        }
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void failureAtEachStep_leavesNoCompletedBackup_andTheCatalogTellsTheTruth(Step step) throws IOException {
        FaultyStorage storage = FaultyStorage.wrap(InMemoryStorage.create());
        BackupManager manager = BackupManager.builder().storage(storage).compression(Compression.zstd(1)).build();
        manager.backup(GeneratedSource.of("orders", 200_000)).orThrow();
        Fault fault = step.inject.apply(storage);

        BackupResult result = manager.backup(GeneratedSource.of("orders", 300_000));

        assertThat(fault.triggered()).as("the fault happened").isGreaterThan(0);
        assertThat(result.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("orders/" + result.id());
        storage.heal();
        List<BackupSummary> all = manager.catalog().list(BackupQuery.source("orders"));
        assertThat(all).hasSize(2);
        BackupSummary failed = all.get(0);
        assertThat(failed.id()).isEqualTo(result.id());
        assertThat(failed.status()).isEqualTo(step.expected);
        for (BackupSummary summary : all) {
            if (summary.status() == BackupStatus.COMPLETED) {
                StoredChecksum.check(storage, summary.manifest());
            }
        }
        assertThat(storage.stat("orders/lock.json")).as("the lock is released").isEmpty();
        if (step.expected == BackupStatus.FAILED) {
            assertThat(storage.list("orders/" + result.id())).extracting(BlobInfo::key)
                    .as("a failed attempt leaves only its manifest")
                    .containsExactly("orders/" + result.id() + ".manifest.json");
        }
    }
}
