package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams a ~200 MB table through {@link PostgresSource} in a separate JVM limited to {@code -Xmx64m}: a source
 * that buffered the payload would die of {@link OutOfMemoryError}.
 */
class PostgresMemoryTest {
    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String database;

    @BeforeEach
    void createLargeTable() throws Exception {
        scratch = TestDatabases.Scratch.postgres();
        database = scratch.create("bl_pg_big");
        try (Connection c = scratch.connect(database)) {
            PostgresInspect.run(c, """
                    CREATE UNLOGGED TABLE big (id int PRIMARY KEY, payload text);
                    ALTER TABLE big ALTER COLUMN payload SET STORAGE EXTERNAL;
                    INSERT INTO big SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 200000) g;
                    """);
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void largeTable_streamsThroughPgDumpWithA64MiBHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Commands.Result result = Commands.run(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), scratch.url(database), dir.toString()), null);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String[] parts = result.stdout().strip().split(" ");
        assertThat(Long.parseLong(parts[0])).as("payload bytes").isGreaterThan(200_000_000L);
        assertThat(Long.parseLong(parts[1])).as("rows in the manifest").isEqualTo(200_000L);
    }

    /** Runs in the small-heap JVM: backs up into a counting sink, prints "bytes rows". */
    public static final class MemoryProbe {
        public static void main(String[] args) throws Exception {
            CountingSink sink = new CountingSink();
            var report = PostgresSource.builder().jdbcUrl(args[0]).build()
                    .writeTo(sink, Payloads.sourceContext(Path.of(args[1])));
            System.out.println(sink.bytes() + " " + report.database().tables().get(0).rows());
        }
    }
}
