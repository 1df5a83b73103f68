package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.testing.ChildBackup;
import io.backline.core.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN promise 4: a 2 GiB backup and its restore stream through a JVM limited to 64 MiB of heap. */
class BoundedMemoryTest {
    @TempDir
    Path temp;

    @Test
    void twoGibibyteBackupAndRestore_succeedWithSixtyFourMebibytesOfHeap() throws Exception {
        long size = 2L << 30;
        Process child = ChildJvm.start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"), ChildBackup.class,
                "roundtrip", temp.resolve("repo").toString(), String.valueOf(size));
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as("child output: " + line).isZero();
        assertThat(line).startsWith("OK content=" + size + " ").contains("restored=" + size);
    }
}
