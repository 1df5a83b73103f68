package io.backline.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessUmaskTest {
    @TempDir
    Path temp;

    @Test
    void parse_readsTheOctalMaskOfTheUmaskLine() {
        assertThat(ProcessUmask.parse(List.of("Name:\tjava", "Umask:\t0022", "State:\tR (running)"))).isEqualTo(022);
        assertThat(ProcessUmask.parse(List.of("Umask:\t0077"))).isEqualTo(077);
        assertThat(ProcessUmask.parse(List.of("Umask:\t0000"))).isZero();
    }

    @Test
    void parse_isUnknownWithoutAUsableUmaskLine() {
        assertThat(ProcessUmask.parse(List.of("Name:\tjava"))).isEqualTo(ProcessUmask.UNKNOWN);
        assertThat(ProcessUmask.parse(List.of("Umask:\tnope"))).isEqualTo(ProcessUmask.UNKNOWN);
        assertThat(ProcessUmask.parse(List.of("Umask:\t01777"))).isEqualTo(ProcessUmask.UNKNOWN);
        assertThat(ProcessUmask.parse(List.of())).isEqualTo(ProcessUmask.UNKNOWN);
    }

    @Test
    void read_agreesWithWhatTheFileSystemDoesToANewFile() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc here");
        Path probe = Files.createFile(temp.resolve("probe"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        int granted = 0;
        for (var permission : Files.getPosixFilePermissions(probe)) {
            granted |= 0400 >> permission.ordinal();
        }

        assertThat(ProcessUmask.read()).isEqualTo(0777 & ~granted);
    }
}
