package io.backline.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.jdbc.CountingSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The counter buffers an archive's table of contents only up to a bound, so a backup stays in bounded memory. */
class PgArchiveRowCounterBoundTest {

    @Test
    void stopsCountingWhenTheTableOfContentsOutgrowsTheBoundButPassesEveryByteOn() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes("PGDMP".getBytes(StandardCharsets.US_ASCII));
        head.writeBytes(new byte[] {1, 14, 0, 4, 8, 1});      // archive 1.14, int 4, offset 8, custom format
        for (int i = 0; i < 8; i++) {                          // compression level 0 and the 7 date fields
            head.writeBytes(new byte[] {0, 0, 0, 0, 0});
        }
        int hugeName = PgArchiveRowCounter.MAX_HEAD * 2;       // the database name: a string longer than the bound
        head.writeBytes(new byte[] {0, (byte) hugeName, (byte) (hugeName >> 8), (byte) (hugeName >> 16), 0});
        CountingSink sink = new CountingSink();
        PgArchiveRowCounter counter = new PgArchiveRowCounter(sink);

        counter.write(head.toByteArray(), 0, head.size());
        byte[] filler = new byte[64 * 1024];
        long written = head.size();
        for (int i = 0; i < hugeName / filler.length; i++) {
            counter.write(filler, 0, filler.length);
            written += filler.length;
        }

        assertThat(counter.counts()).isEmpty();
        assertThat(counter.failure()).contains("larger than");
        assertThat(sink.bytes()).isEqualTo(written);
    }
}
