package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property: any set of file sizes around the 64 KiB and 128 KiB boundaries survives a round trip byte for byte. */
class FileSourcePropertiesTest {

    @Provide
    Arbitrary<List<Integer>> sizes() {
        Arbitrary<Integer> nearBoundary = Arbitraries.of(0, 65536, 131072, 196608)
                .flatMap(edge -> Arbitraries.integers().between(-600, 600).map(delta -> Math.max(0, edge + delta)));
        return Arbitraries.oneOf(nearBoundary, Arbitraries.integers().between(0, 300_000)).list().ofMinSize(1)
                .ofMaxSize(5);
    }

    @Property(tries = 25)
    void roundTrip_preservesContentForAnySizes(@ForAll("sizes") List<Integer> sizes) throws IOException {
        Path temp = Files.createTempDirectory("backline-prop");
        try {
            Path source = Files.createDirectories(temp.resolve("source"));
            for (int i = 0; i < sizes.size(); i++) {
                TarTestSupport.write(source, "d" + (i % 2) + "/f" + i, TarTestSupport.randomBytes(sizes.get(i), i));
            }
            byte[] tar = TarTestSupport.archiveBytes(FileSource.of("files", source), temp);
            Path restored = temp.resolve("restored");
            DirectoryTarget.of(restored).restore(new ByteArrayInputStream(tar), null,
                    TarTestSupport.restoreContext(temp));

            assertThat(tar.length % 512).isZero();
            assertThat(TreeSnapshot.of(restored)).isEqualTo(TreeSnapshot.of(source));
        } finally {
            try (Stream<Path> paths = Files.walk(temp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
