package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourcePreparation;
import io.backline.core.spi.SourceReport;
import io.backline.core.storage.InMemoryStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A source's preparation: started with the backup, on its own thread, handed to writeTo or closed. */
class SourcePreparationTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final BackupManager manager = BackupManager.builder().storage(storage).build();

    /** What a preparation hands over; counts how often it is closed. */
    static final class Handle implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();
        final String preparedOn = Thread.currentThread().getName();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** A source whose preparation runs {@code work}, and whose writeTo takes the handle and writes a few bytes. */
    static final class PreparingSource implements BackupSource {
        final Callable<? extends AutoCloseable> work;
        final AtomicReference<Optional<Handle>> taken = new AtomicReference<>();

        PreparingSource(Callable<? extends AutoCloseable> work) {
            this.work = work;
        }

        @Override
        public Callable<? extends AutoCloseable> preparation(String backupRef) {
            return work;
        }

        @Override
        public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
            Optional<Handle> handle = context.preparation().take(Handle.class);
            taken.set(handle);
            handle.ifPresent(Handle::close);
            out.write("payload".getBytes(StandardCharsets.UTF_8));
            return SourceReport.ofDatabase(new DatabaseInfo("test", "1", "none", "1", "orders", List.of()));
        }

        @Override
        public String name() {
            return "orders";
        }

        @Override
        public SourceKind kind() {
            return SourceKind.DATABASE;
        }

        @Override
        public String description() {
            return "a test database";
        }

        @Override
        public String payloadFormat() {
            return "test";
        }

        @Override
        public String payloadExtension() {
            return "bin";
        }
    }

    @Test
    void thePreparation_runsOnAThreadOfItsOwn_andWriteToTakesItOver() {
        AtomicReference<Handle> made = new AtomicReference<>();
        PreparingSource source = new PreparingSource(() -> {
            made.set(new Handle());
            return made.get();
        });

        BackupResult result = manager.backup(source);

        assertThat(result.succeeded()).isTrue();
        assertThat(source.taken.get()).containsSame(made.get());
        assertThat(made.get().preparedOn).startsWith("backline-prepare-orders/");
        assertThat(made.get().closed).as("closed once, by writeTo, its owner").hasValue(1);
    }

    @Test
    void thePreparation_runsWhileTheBackupTakesItsLock() {
        // the preparation waits for the lock: it could never see it if the backup ran it first, on its own thread
        AtomicReference<Boolean> sawTheLock = new AtomicReference<>(false);
        PreparingSource source = new PreparingSource(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && !sawTheLock.get()) {
                sawTheLock.set(storage.stat("orders/lock.json").isPresent());
                Thread.sleep(1);
            }
            return new Handle();
        });

        assertThat(manager.backup(source).succeeded()).isTrue();

        assertThat(sawTheLock.get()).isTrue();
    }

    @Test
    void aFailedPreparation_failsTheBackupWithItsOwnException_inTheSourceStage() {
        BackupException refused = new BackupException(ErrorCode.SOURCE_FAILED, "orders/x", Stage.SOURCE,
                "the server refused the connection");
        PreparingSource source = new PreparingSource(() -> {
            throw refused;
        });

        BackupResult result = manager.backup(source);

        assertThat(result.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(result.error().orElseThrow()).hasMessageContaining("the server refused the connection");
        assertThat(result.error().orElseThrow().stage()).contains(Stage.SOURCE);
    }

    @Test
    void whenTheBackupFailsBeforeWriting_thePreparedValueIsClosed() throws Exception {
        String lease = "{\"owner\":\"20261129T050000Z-otherhst\",\"host\":\"db-replica-7\",\"pid\":4242,"
                + "\"acquiredAt\":\"2026-11-29T05:00:00Z\",\"expiresAt\":\"" + Instant.now().plusSeconds(600) + "\"}";
        storage.put("orders/lock.json", lease.getBytes(StandardCharsets.UTF_8));
        Handle handle = new Handle();
        PreparingSource source = new PreparingSource(() -> handle);

        BackupResult result = manager.backup(source);

        assertThat(result.error().orElseThrow()).isInstanceOf(BackupLockedException.class);
        assertThat(source.taken.get()).as("writeTo never ran").isNull();
        awaitClosed(handle);
    }

    @Test
    void aPreparationThatFinishesAfterItWasDiscarded_isClosedWhenItFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Handle handle = new Handle();
        PreparingSource source = new PreparingSource(() -> {
            release.await();
            return handle;
        });
        SourcePreparation preparation = SourcePreparation.start(source, "orders/x");

        preparation.discard();
        assertThat(handle.closed).hasValue(0);
        release.countDown();

        awaitClosed(handle);
        assertThat(preparation.take(Handle.class)).as("nothing to take once discarded").isEmpty();
    }

    @Test
    void aTakenValue_isNotClosedByDiscard_andCannotBeTakenTwice() throws Exception {
        Handle handle = new Handle();
        SourcePreparation preparation = SourcePreparation.start(new PreparingSource(() -> handle), "orders/x");

        assertThat(preparation.take(Handle.class)).containsSame(handle);
        assertThat(preparation.take(Handle.class)).isEmpty();
        preparation.discard();

        Thread.sleep(50);
        assertThat(handle.closed).hasValue(0);
    }

    @Test
    void aValueOfAnotherType_isNotHandedOver_andIsClosedByDiscard() throws Exception {
        Handle handle = new Handle();
        SourcePreparation preparation = SourcePreparation.start(new PreparingSource(() -> handle), "orders/x");

        assertThat(preparation.take(String.class)).isEmpty();
        preparation.discard();

        awaitClosed(handle);
    }

    @Test
    void aSourceWithoutPreparation_getsNone_andTakeFindsNothing() throws Exception {
        SourcePreparation preparation = SourcePreparation.start(new PreparingSource(null), "orders/x");

        assertThat(preparation).isSameAs(SourcePreparation.none());
        assertThat(preparation.take(Handle.class)).isEmpty();
    }

    @Test
    void aCheckedFailure_reachesTakeAsAnIOException() {
        SourcePreparation preparation = SourcePreparation.start(new PreparingSource(() -> {
            throw new java.sql.SQLException("no route to host");
        }), "orders/x");

        assertThatThrownBy(() -> preparation.take(Handle.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("no route to host");
    }

    private static void awaitClosed(Handle handle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handle.closed.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(handle.closed).hasValue(1);
    }
}
