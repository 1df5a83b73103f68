package io.backline.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Property(tries = 50)
    void readsExactlyTheSourceBytes_whateverTheChunkAndReadSizes(@ForAll @IntRange(max = 300_000) int size,
                                                                 @ForAll @IntRange(min = 1, max = 70_000) int chunk,
                                                                 @ForAll @IntRange(min = 1, max = 9_000) int read)
            throws IOException {
        byte[] expected = random(size);
        try (ReadAhead ahead = new ReadAhead(new ByteArrayInputStream(expected), () -> { }, chunk, 3, "t")) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[read];
            int n;
            while ((n = ahead.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            assertThat(out.toByteArray()).isEqualTo(expected);
            assertThat(ahead.read()).isEqualTo(-1);
        }
    }

    @Test
    void atEnd_runsBeforeTheReaderSeesTheEnd() throws IOException {
        AtomicBoolean ran = new AtomicBoolean();
        try (ReadAhead ahead = new ReadAhead(new ByteArrayInputStream(random(1000)), () -> ran.set(true), 64, 2,
                "t")) {
            ahead.readAllBytes();
            assertThat(ran).isTrue();
        }
    }

    @Test
    void upstreamFailure_reachesTheReaderAfterTheBytesBeforeIt_unchanged() throws IOException {
        IOException boom = new StageFailure(io.backline.core.Stage.DECRYPT, new IOException("bad chunk"));
        InputStream failing = new InputStream() {
            private int left = 100;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 7;
                }
                throw boom;
            }
        };
        try (ReadAhead ahead = new ReadAhead(failing, () -> { }, 10, 2, "t")) {
            byte[] first = ahead.readNBytes(100);
            assertThat(first).hasSize(100).containsOnly((byte) 7);
            assertThatThrownBy(ahead::read).isSameAs(boom);
        }
    }

    @Test
    void close_stopsTheUpstreamThread_whichClosesTheSource() throws Exception {
        CountDownLatch closedSource = new CountDownLatch(1);
        InputStream endless = new FilterInputStream(InputStream.nullInputStream()) {
            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }

            @Override
            public void close() {
                closedSource.countDown();
            }
        };
        ReadAhead ahead = new ReadAhead(endless, () -> { }, 1024, 2, "t");
        assertThat(ahead.read(new byte[10])).isEqualTo(10);

        ahead.close();

        assertThat(closedSource.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(ahead::read).isInstanceOf(IOException.class);
    }
}
