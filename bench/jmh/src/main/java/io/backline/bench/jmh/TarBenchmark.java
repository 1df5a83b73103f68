package io.backline.bench.jmh;

import io.backline.bench.GenTree;
import io.backline.core.FileSource;
import io.backline.core.spi.SourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Tar writing of a file tree through {@link FileSource#writeTo} (directory walk, metadata, pax headers, file reads)
 * into a discarding sink. The tree is {@link GenTree}'s mix scaled to {@code sizeMiB} (at 64 MiB: about 1,250 small
 * files in nested directories plus a few large ones), generated once in the temp directory, so after the first
 * iteration it is read from the page cache: this measures the CPU cost of the tar stage, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TarBenchmark {
    @Param("64")
    public int sizeMiB;

    private Path dir;
    private FileSource source;
    private SourceContext context;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("backline-jmh-tree");
        GenTree.generateTree(dir.resolve("tree"), (long) sizeMiB << 20, 42);
        source = FileSource.of("jmh", dir.resolve("tree"));
        context = new SourceContext("jmh/tar", dir, Clock.systemUTC());
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public long tar() throws IOException {
        CountingSink sink = new CountingSink();
        source.writeTo(sink, context);
        return sink.count;
    }
}
