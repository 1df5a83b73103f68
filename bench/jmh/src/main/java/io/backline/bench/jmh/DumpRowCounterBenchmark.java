package io.backline.bench.jmh;

import io.backline.jdbc.internal.MySqlDumpRowCounter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counting the rows of a MariaDB dump as it streams past ({@link MySqlDumpRowCounter}, in 64 KiB writes as the
 * dump tool's pipe delivers them) over {@code sizeMiB} of dump text shaped like {@code bench/db-gen.sh}'s database:
 * an {@code events} table of JSON documents (escaped quotes every few bytes) and an {@code orders} table of
 * numbers, dates and short notes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DumpRowCounterBenchmark {
    @Param("64")
    public int sizeMiB;

    private byte[] dump;

    @Setup
    public void setUp() {
        dump = mariadbDump(sizeMiB << 20, new SplittableRandom(11));
    }

    @Benchmark
    public Map<String, Long> countRows() throws IOException {
        MySqlDumpRowCounter counter = new MySqlDumpRowCounter(OutputStream.nullOutputStream());
        int piece = 1 << 16;
        for (int off = 0; off < dump.length; off += piece) {
            counter.write(dump, off, Math.min(piece, dump.length - off));
        }
        return counter.rows();
    }

    /** About {@code size} bytes of dump: 20% events, 80% orders, 1,000 rows per INSERT statement. */
    static byte[] mariadbDump(int size, SplittableRandom random) {
        StringBuilder sql = new StringBuilder(size + 4096);
        appendTable(sql, "events", size / 5, random, true);
        appendTable(sql, "orders", size, random, false);
        return sql.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendTable(StringBuilder sql, String table, int until, SplittableRandom random,
                                    boolean events) {
        sql.append("LOCK TABLES `").append(table).append("` WRITE;\n");
        long id = 1;
        while (sql.length() < until) {
            sql.append("INSERT INTO `").append(table).append("` VALUES ");
            for (int row = 0; row < 1000; row++, id++) {
                sql.append(row == 0 ? "(" : ",(").append(id).append(',').append(random.nextInt(2_000_000));
                if (events) {
                    sql.append(",'updated','{\\\"by\\\": \\\"user").append(random.nextInt(500))
                            .append("\\\", \\\"items\\\": [").append(random.nextInt(999)).append(", ")
                            .append(random.nextInt(999)).append("], \\\"comment\\\": \\\"")
                            .append(Long.toHexString(random.nextLong()).repeat(1 + random.nextInt(4)))
                            .append("\\\"}')");
                } else {
                    sql.append(",'2026-03-10 03:32:52',").append(random.nextInt(100_000) / 100.0)
                            .append(",'shipped','order note ").append(id).append(' ')
                            .append("x".repeat(random.nextInt(40))).append("')");
                }
            }
            sql.append(";\n");
        }
        sql.append("UNLOCK TABLES;\n");
    }
}
