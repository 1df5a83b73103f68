package io.backline.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.spi.BlobWriter;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timeouts bound each request, not the reading of an answer: a restore that reads a large object for longer than the
 * call timeout (because decompression or the target is slow) is not cut off.
 */
class S3TimeoutsTest {
    private static S3TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.inMemory();
        server.createBucket("timeouts");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void slowReader_outlastingTheCallTimeout_readsTheWholeObject() throws Exception {
        byte[] content = new byte[24 * 1024 * 1024]; // more than socket buffers hold
        Arrays.fill(content, (byte) 7);
        try (S3Storage writing = server.storage("timeouts").conditionalWrites(ConditionalWrites.EMULATED).build();
             BlobWriter writer = writing.create("slow/object")) {
            writer.write(content);
            writer.commit();
        }
        try (S3Storage storage = server.storage("timeouts").apiCallTimeout(Duration.ofMillis(700))
                .apiCallAttemptTimeout(Duration.ofMillis(700)).build()) {
            try (InputStream in = storage.get("slow/object")) {
                byte[] head = in.readNBytes(1024 * 1024);
                Thread.sleep(1_500);
                byte[] rest = in.readAllBytes();
                assertThat(head.length + rest.length).isEqualTo(content.length);
            }
        }
    }
}
