package io.backline.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Records what reaches it, on which thread, and whether it was closed. */
    private static final class RecordingSink extends ByteArrayOutputStream {
        final AtomicReference<String> writerThread = new AtomicReference<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writerThread.set(Thread.currentThread().getName());
            super.write(b, off, len);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Property(tries = 50)
    void theSinkReceivesExactlyTheBytesWritten_inOrder_whateverTheChunkAndWriteSizes(
            @ForAll @IntRange(max = 300_000) int size, @ForAll @IntRange(min = 1, max = 70_000) int chunk,
            @ForAll @IntRange(min = 1, max = 9_000) int write) throws IOException {
        byte[] expected = random(size);
        RecordingSink sink = new RecordingSink();
        try (WriteBehind behind = new WriteBehind(sink, chunk, 3, "t")) {
            for (int off = 0; off < size; off += write) {
                behind.write(expected, off, Math.min(write, size - off));
            }
        }
        assertThat(sink.toByteArray()).isEqualTo(expected);
        assertThat(sink.closed).as("closed once everything was written").isTrue();
    }

    @Test
    void theSinkIsWrittenOnTheWriteBehindThread() throws IOException {
        RecordingSink sink = new RecordingSink();
        try (WriteBehind behind = new WriteBehind(sink, 64, 2, "backline-write-test")) {
            behind.write(random(1000));
        }
        assertThat(sink.writerThread).hasValue("backline-write-test");
    }

    @Test
    void aSinkFailure_reachesTheWriter_unchanged_andTheSinkIsNotClosedAsIfComplete() throws InterruptedException {
        IOException boom = new StageFailure(Stage.STORE, new IOException("disk full"));
        AtomicBoolean closed = new AtomicBoolean();
        OutputStream failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) {
                throw new AssertionError("not used");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 10_000) {
                    throw boom;
                }
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThatThrownBy(() -> {
            try (WriteBehind behind = new WriteBehind(failing, 1024, 2, "backline-write-failing")) {
                byte[] block = random(4096);
                for (int i = 0; i < 1000; i++) {
                    behind.write(block);
                }
            }
        }).isSameAs(boom);
        assertThat(closed).isFalse();
        assertThat(threadEnds("backline-write-failing")).as("the write-behind thread ended").isTrue();
    }

    @Test
    void aFailureClosingTheSink_isThrownByClose_andTheWriteBehindThreadEnds() throws Exception {
        IOException boom = new IOException("commit refused");
        OutputStream failingOnClose = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void close() throws IOException {
                throw boom;
            }
        };
        WriteBehind behind = new WriteBehind(failingOnClose, 64, 2, "backline-write-close");
        behind.write(random(1000));

        assertThatThrownBy(behind::close).isSameAs(boom);
        assertThat(threadEnds("backline-write-close")).isTrue();
    }

    private static boolean threadEnds(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean alive = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals(name) && t.isAlive());
            if (!alive) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Test
    void abort_stopsAWriteBehindThreadThatIsStuck_withoutClosingTheSink() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("not used");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                entered.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        WriteBehind behind = new WriteBehind(stuck, 16, 2, "t");
        behind.write(random(16));

        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        behind.abort();

        assertThatThrownBy(() -> behind.write(1)).isInstanceOf(IOException.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!interrupted.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(interrupted).as("the write-behind thread was interrupted").isTrue();
        assertThat(closed).isFalse();
    }
}
