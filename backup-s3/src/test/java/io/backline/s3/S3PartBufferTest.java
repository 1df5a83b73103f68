package io.backline.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-memory part: fills up to its capacity across chunk boundaries, re-reads for retries, knows its MD5. */
class S3PartBufferTest {
    @Test
    void filledInOddPieces_readsBackTheSameBytesAsOftenAsAsked_withTheirMd5() throws Exception {
        int capacity = 3 * PartBuffer.MAX_CHUNK + 12_345;
        byte[] content = new byte[capacity];
        new SplittableRandom(3).nextBytes(content);
        PartBuffer part = new PartBuffer(capacity);

        int offset = 0;
        while (offset < capacity) {
            int piece = Math.min(70_001, capacity - offset);
            assertThat(part.write(content, offset, piece)).isEqualTo(piece);
            offset += piece;
        }

        assertThat(part.isFull()).isTrue();
        assertThat(part.seal()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(content)));
        assertThat(part.newStream().readAllBytes()).isEqualTo(content);
        assertThat(part.newStream().readAllBytes()).isEqualTo(content);
    }

    @Test
    void write_takesOnlyWhatFits() {
        PartBuffer part = new PartBuffer(10);
        assertThat(part.write(new byte[25], 0, 25)).isEqualTo(10);
        assertThat(part.write(new byte[5], 0, 5)).isZero();
        assertThat(part.size()).isEqualTo(10);
    }

    @Test
    void smallContent_isReadBackWithoutFillingThePart() throws Exception {
        PartBuffer part = new PartBuffer(16L * 1024 * 1024);
        part.write(new byte[100], 0, 100);
        assertThat(part.newStream().readAllBytes()).hasSize(100);
        assertThat(part.isFull()).isFalse();
    }
}
