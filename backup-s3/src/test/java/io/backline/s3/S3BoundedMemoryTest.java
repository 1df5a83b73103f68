package io.backline.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN promise 4 on S3: a 2 GiB backup streams to the server and back through a JVM limited to 64 MiB of heap.
 * The server runs here, in the test's JVM, and keeps the objects as files in a temporary directory.
 */
class S3BoundedMemoryTest {
    @TempDir
    Path temp;

    @Test
    void twoGibibyteBackupAndRestore_streamThroughS3WithSixtyFourMebibytesOfHeap() throws Exception {
        long size = 2L << 30;
        try (S3TestServer server = S3TestServer.onDisk(temp.resolve("server"))) {
            server.createBucket("bounded");
            Process child = ChildJvm.start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"), S3ChildBackup.class,
                    server.endpoint().toString(), "bounded", String.valueOf(size));
            String line;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                line = out.readLine();
            }
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as("child output: " + line).isZero();
            assertThat(line).startsWith("OK content=" + size + " ").contains("restored=" + size);
            assertThat(server.multipartUploads("bounded")).isEmpty();
        }
    }
}
