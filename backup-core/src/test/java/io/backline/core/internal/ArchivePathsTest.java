package io.backline.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexical rules for tar entry names: their components, what is refused, and the normalized name. */
class ArchivePathsTest {

    @Test
    void components_dropDotsEmptyPartsAndTrailingSlashes() throws Exception {
        assertThat(ArchivePaths.components("./a//b/")).containsExactly("a", "b");
        assertThat(ArchivePaths.components("a/./b/.")).containsExactly("a", "b");
        assertThat(ArchivePaths.components("dir/file.txt")).containsExactly("dir", "file.txt");
        assertThat(ArchivePaths.components(".")).isEmpty();
        assertThat(ArchivePaths.components("./")).isEmpty();
    }

    @Test
    void components_keepNamesThatOnlyStartWithDots() throws Exception {
        assertThat(ArchivePaths.components(".hidden/..x/.../x..")).containsExactly(".hidden", "..x", "...", "x..");
    }

    @Test
    void components_refuseParentsAbsolutePathsNulsAndEmptyNames() {
        for (String name : List.of("..", "../a", "a/..", "a/../b", "./..", "a//../b", "a/../")) {
            assertThatThrownBy(() -> ArchivePaths.components(name)).as(name)
                    .isInstanceOf(ArchivePaths.UnsafePathException.class).hasMessageContaining("'..'");
        }
        assertThatThrownBy(() -> ArchivePaths.components("/etc/passwd")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ArchivePaths.components("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> ArchivePaths.components("")).hasMessageContaining("empty");
    }

    @Test
    void normalized_isTheNameItself_whenNothingWasDropped() throws Exception {
        String name = "small/d00/e07/f14940.txt";

        assertThat(ArchivePaths.normalized(name, ArchivePaths.components(name))).isSameAs(name);
    }

    @Test
    void normalized_joinsTheComponents_whenSomethingWasDropped() throws Exception {
        for (String name : List.of("./a/b", "a//b", "a/./b", "a/b/", "a/b/.")) {
            assertThat(ArchivePaths.normalized(name, ArchivePaths.components(name))).as(name).isEqualTo("a/b");
        }
    }
}
