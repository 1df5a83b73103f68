package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.HeadStart;
import io.backline.core.spi.SourceReport;
import io.backline.core.storage.InMemoryStorage;
import java.io.IOException;
import java.io.InputStream;
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

/** Head starts: a source's or target's early work, on its own thread, handed over or closed. */
class HeadStartTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final BackupManager manager = BackupManager.builder().storage(storage).build();

    /** What a head start hands over; counts how often it is closed. */
    static final class Handle implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();
        final String preparedOn = Thread.currentThread().getName();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** A source whose head start runs {@code work}, and whose writeTo takes the handle and writes a few bytes. */
    static final class HeadStartingSource implements BackupSource {
        final Callable<? extends AutoCloseable> work;
        final AtomicReference<Optional<Handle>> taken = new AtomicReference<>();

        HeadStartingSource(Callable<? extends AutoCloseable> work) {
            this.work = work;
        }

        @Override
        public Callable<? extends AutoCloseable> headStart(String backupRef) {
            return work;
        }

        @Override
        public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
            Optional<Handle> handle = context.headStart().take(Handle.class);
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
    void aSourcesHeadStart_runsOnAThreadOfItsOwn_andWriteToTakesItOver() {
        AtomicReference<Handle> made = new AtomicReference<>();
        HeadStartingSource source = new HeadStartingSource(() -> {
            made.set(new Handle());
            return made.get();
        });

        BackupResult result = manager.backup(source);

        assertThat(result.succeeded()).isTrue();
        assertThat(source.taken.get()).containsSame(made.get());
        assertThat(made.get().preparedOn).startsWith("backline-head-start-orders/");
        assertThat(made.get().closed).as("closed once, by writeTo, its owner").hasValue(1);
    }

    @Test
    void aSourcesHeadStart_runsWhileTheBackupTakesItsLock() {
        // the head start waits for the lock: it could never see it if the backup ran it first, on its own thread
        AtomicReference<Boolean> sawTheLock = new AtomicReference<>(false);
        HeadStartingSource source = new HeadStartingSource(() -> {
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
    void aFailedHeadStart_failsTheBackupWithItsOwnException_inTheSourceStage() {
        BackupException refused = new BackupException(ErrorCode.SOURCE_FAILED, "orders/x", Stage.SOURCE,
                "the server refused the connection");
        HeadStartingSource source = new HeadStartingSource(() -> {
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
        HeadStartingSource source = new HeadStartingSource(() -> handle);

        BackupResult result = manager.backup(source);

        assertThat(result.error().orElseThrow()).isInstanceOf(BackupLockedException.class);
        assertThat(source.taken.get()).as("writeTo never ran").isNull();
        awaitClosed(handle);
    }

    @Test
    void aHeadStartThatFinishesAfterItWasDiscarded_isClosedWhenItFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Handle handle = new Handle();
        HeadStartingSource source = new HeadStartingSource(() -> {
            release.await();
            return handle;
        });
        HeadStart headStart = HeadStart.start(source, "orders/x");

        headStart.discard();
        assertThat(handle.closed).hasValue(0);
        release.countDown();

        awaitClosed(handle);
        assertThat(headStart.take(Handle.class)).as("nothing to take once discarded").isEmpty();
    }

    @Test
    void aTakenValue_isNotClosedByDiscard_andCannotBeTakenTwice() throws Exception {
        Handle handle = new Handle();
        HeadStart headStart = HeadStart.start(new HeadStartingSource(() -> handle), "orders/x");

        assertThat(headStart.take(Handle.class)).containsSame(handle);
        assertThat(headStart.take(Handle.class)).isEmpty();
        headStart.discard();

        Thread.sleep(50);
        assertThat(handle.closed).hasValue(0);
    }

    @Test
    void aValueOfAnotherType_isNotHandedOver_andIsClosedByDiscard() throws Exception {
        Handle handle = new Handle();
        HeadStart headStart = HeadStart.start(new HeadStartingSource(() -> handle), "orders/x");

        assertThat(headStart.take(String.class)).isEmpty();
        headStart.discard();

        awaitClosed(handle);
    }

    @Test
    void aSourceWithoutHeadStart_getsNone_andTakeFindsNothing() throws Exception {
        HeadStart headStart = HeadStart.start(new HeadStartingSource(null), "orders/x");

        assertThat(headStart).isSameAs(HeadStart.none());
        assertThat(headStart.take(Handle.class)).isEmpty();
    }

    @Test
    void aCheckedFailure_reachesTakeAsAnIOException() {
        HeadStart headStart = HeadStart.start(new HeadStartingSource(() -> {
            throw new java.sql.SQLException("no route to host");
        }), "orders/x");

        assertThatThrownBy(() -> headStart.take(Handle.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("no route to host");
    }

    /** A target whose head start runs {@code work}; prepare takes the handle and closes it, restore counts bytes. */
    static final class HeadStartingTarget implements RestoreTarget {
        final Callable<? extends AutoCloseable> work;
        final AtomicReference<Optional<Handle>> taken = new AtomicReference<>();
        final AtomicReference<String> restoredRef = new AtomicReference<>();

        HeadStartingTarget(Callable<? extends AutoCloseable> work) {
            this.work = work;
        }

        @Override
        public Callable<? extends AutoCloseable> headStart(String backupRef) {
            return work;
        }

        @Override
        public String describe() {
            return "a test target";
        }

        @Override
        public void prepare(BackupManifest manifest, RestoreContext context) throws IOException {
            Optional<Handle> handle = context.headStart().take(Handle.class);
            taken.set(handle);
            handle.ifPresent(Handle::close);
        }

        @Override
        public RestoreOutcome restore(InputStream payload, BackupManifest manifest, RestoreContext context)
                throws IOException {
            restoredRef.set(context.backupRef());
            return new RestoreOutcome(describe(), 1, payload.transferTo(OutputStream.nullOutputStream()));
        }
    }

    @Test
    void aTargetsHeadStart_reachesTheRestore_underTheBackupsFullReference() {
        BackupResult backup = manager.backup(new HeadStartingSource(null));
        AtomicReference<Handle> made = new AtomicReference<>();
        HeadStartingTarget target = new HeadStartingTarget(() -> {
            made.set(new Handle());
            return made.get();
        });

        RestoreResult restore = BackupRestorer.builder().storage(storage).verifyBeforeRestore(false).build()
                .restore(backup.id(), target);

        assertThat(restore.succeeded()).as(String.valueOf(restore.error())).isTrue();
        Handle handle = made.get();
        assertThat(target.taken.get()).containsSame(handle);
        assertThat(handle.preparedOn).isEqualTo("backline-head-start-restore-" + backup.id());
        assertThat(target.restoredRef.get()).isEqualTo("orders/" + backup.id());
        assertThat(handle.closed).hasValue(1);
    }

    @Test
    void aTargetsHeadStart_isClosed_whenTheRestoreFailsBeforeUsingIt() throws Exception {
        Handle handle = new Handle();
        HeadStartingTarget target = new HeadStartingTarget(() -> handle);

        RestoreResult restore = BackupRestorer.builder().storage(storage).build()
                .restore("orders/20261129T000000Z-missing0", target);

        assertThat(restore.succeeded()).isFalse();
        assertThat(target.taken.get()).isNull();
        awaitClosed(handle);
    }

    private static void awaitClosed(Handle handle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handle.closed.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(handle.closed).hasValue(1);
    }
}
