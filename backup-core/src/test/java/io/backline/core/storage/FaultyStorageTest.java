package io.backline.core.storage;

import static io.backline.core.storage.FaultyStorage.keyEndsWith;
import static io.backline.core.storage.FaultyStorage.keyStartsWith;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import io.backline.core.storage.FaultyStorage.Fault;
import io.backline.core.storage.FaultyStorage.InjectedFault;
import io.backline.core.storage.FaultyStorage.Op;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultyStorageTest {
    private final InMemoryStorage backing = InMemoryStorage.create();
    private final FaultyStorage faulty = FaultyStorage.wrap(backing);

    /** The write order of DESIGN §4, as the backup pipeline will do it. */
    private static void writeBackup(Storage storage) throws IOException {
        storage.put("src/b1.manifest.json", bytes("RUNNING"));
        try (BlobWriter artifact = storage.create("src/b1.tar.zst")) {
            for (int i = 0; i < 10; i++) {
                artifact.write(new byte[1000]);
            }
            artifact.commit();
        }
        storage.put("src/b1.sha256", bytes("abc  b1.tar.zst\n"));
        storage.put("src/b1.manifest.json", bytes("COMPLETED"));
    }

    @Test
    void failNth_commitStopsTheWriteOrderAtEachStep() throws Exception {
        List<List<String>> visibleAfterFailureAt = List.of(
                List.of(),
                List.of("src/b1.manifest.json"),
                List.of("src/b1.manifest.json", "src/b1.tar.zst"),
                List.of("src/b1.manifest.json", "src/b1.sha256", "src/b1.tar.zst"));
        for (int step = 1; step <= 4; step++) {
            InMemoryStorage memory = InMemoryStorage.create();
            FaultyStorage storage = FaultyStorage.wrap(memory);
            Fault fault = storage.on(Op.COMMIT).nth(step).fail();

            assertThatThrownBy(() -> writeBackup(storage)).isInstanceOf(InjectedFault.class);

            assertThat(fault.triggered()).isEqualTo(1);
            assertThat(memory.list("").stream().map(BlobInfo::key).toList())
                    .as("visible after a failure at step %d", step)
                    .isEqualTo(visibleAfterFailureAt.get(step - 1));
            if (step > 1) {
                assertThat(new String(memory.readAll("src/b1.manifest.json"), UTF_8)).isEqualTo("RUNNING");
            }
        }
    }

    @Test
    void failNth_countsOnlyCallsWhoseKeyMatches() throws Exception {
        Fault completed = faulty.on(Op.PUT).keys(keyEndsWith(".manifest.json")).nth(2).fail();
        assertThatThrownBy(() -> writeBackup(faulty)).isInstanceOf(InjectedFault.class)
                .hasMessageContaining("PUT of 'src/b1.manifest.json'");
        assertThat(completed.triggered()).isEqualTo(1);
        assertThat(new String(backing.readAll("src/b1.manifest.json"), UTF_8)).isEqualTo("RUNNING");
        assertThat(backing.stat("src/b1.sha256")).isPresent();
    }

    @Test
    void from_failsEveryLaterCallUntilRemoved() throws Exception {
        Fault down = faulty.on(Op.DELETE).from(2).fail();
        backing.put("a", bytes("1"));
        backing.put("b", bytes("2"));
        backing.put("c", bytes("3"));
        assertThat(faulty.delete("a")).isTrue();
        assertThatThrownBy(() -> faulty.delete("b")).isInstanceOf(InjectedFault.class);
        assertThatThrownBy(() -> faulty.delete("c")).isInstanceOf(InjectedFault.class);
        down.remove();
        assertThat(faulty.delete("c")).isTrue();
        assertThat(down.triggered()).isEqualTo(2);
        assertThat(backing.stat("b")).isPresent();
    }

    @Test
    void failAfterEffect_commitsAndStillThrows() throws Exception {
        Fault ambiguous = faulty.on(Op.COMMIT).keys(keyEndsWith(".tar.zst")).failAfterEffect();
        assertThatThrownBy(() -> writeBackup(faulty)).isInstanceOf(InjectedFault.class)
                .hasMessageContaining("after it took effect");
        assertThat(backing.stat("src/b1.tar.zst")).map(BlobInfo::size).contains(10_000L);
        assertThat(backing.stat("src/b1.sha256")).isEmpty();
        assertThat(ambiguous.triggered()).isEqualTo(1);
    }

    @Test
    void cutAfter_breaksTheWriterMidStreamAndNothingBecomesVisible() throws Exception {
        Fault cut = faulty.on(Op.WRITE).keys(keyEndsWith(".tar.zst")).cutAfter(2_500);
        assertThatThrownBy(() -> writeBackup(faulty)).isInstanceOf(InjectedFault.class)
                .hasMessageContaining("cut after 2500 bytes");
        assertThat(cut.triggered()).isEqualTo(1);
        assertThat(backing.list("").stream().map(BlobInfo::key)).containsExactly("src/b1.manifest.json");
        assertThat(faulty.journal()).containsExactly("put src/b1.manifest.json", "create src/b1.tar.zst",
                "cut src/b1.tar.zst@2500 !", "abort src/b1.tar.zst");
    }

    @Test
    void fail_onWriteThrowsAtTheFirstByte() throws Exception {
        faulty.on(Op.WRITE).fail();
        try (BlobWriter writer = faulty.create("k")) {
            assertThatThrownBy(() -> writer.write(1)).isInstanceOf(InjectedFault.class);
        }
        assertThat(backing.stat("k")).isEmpty();
    }

    @Test
    void truncateAt_onWriteStoresAShortBlobSilently() throws Exception {
        Fault shortWrite = faulty.on(Op.WRITE).keys(keyStartsWith("src/b1.tar")).truncateAt(4_321);
        writeBackup(faulty);
        assertThat(backing.stat("src/b1.tar.zst")).map(BlobInfo::size).contains(4_321L);
        assertThat(shortWrite.triggered()).isEqualTo(1);
    }

    @Test
    void corruptAt_onWriteFlipsOneStoredByte() throws Exception {
        faulty.on(Op.WRITE).keys(keyEndsWith(".tar.zst")).corruptAt(1_500);
        writeBackup(faulty);
        byte[] stored = backing.readAll("src/b1.tar.zst");
        assertThat(stored).hasSize(10_000);
        for (int i = 0; i < stored.length; i++) {
            assertThat(stored[i]).as("byte %d", i).isEqualTo(i == 1_500 ? (byte) 0xff : 0);
        }
    }

    @Test
    void corruptAt_onGetUsesBlobPositionsAlsoForRangedReads() throws Exception {
        backing.put("k", bytes("0123456789"));
        Fault rot = faulty.on(Op.GET).corruptAt(5);
        assertThat(faulty.readAll("k")[5]).isEqualTo((byte) ('5' ^ 0xff));
        try (InputStream in = faulty.get("k", 4, 3)) {
            byte[] range = in.readAllBytes();
            assertThat(range).containsExactly('4', '5' ^ 0xff, '6');
        }
        try (InputStream in = faulty.get("k", 6, 3)) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("678");
        }
        assertThat(rot.triggered()).isEqualTo(2);
    }

    @Test
    void truncateAt_onGetEndsTheStreamEarly() throws Exception {
        backing.put("k", bytes("0123456789"));
        faulty.on(Op.GET).nth(1).truncateAt(4);
        assertThat(new String(faulty.readAll("k"), UTF_8)).isEqualTo("0123");
        assertThat(new String(faulty.readAll("k"), UTF_8)).isEqualTo("0123456789");
    }

    @Test
    void cutAfter_onGetThrowsMidRead() throws Exception {
        backing.put("k", bytes("0123456789"));
        faulty.on(Op.GET).cutAfter(6);
        try (InputStream in = faulty.get("k")) {
            byte[] first = new byte[6];
            assertThat(in.readNBytes(first, 0, 6)).isEqualTo(6);
            assertThat(new String(first, UTF_8)).isEqualTo("012345");
            assertThatThrownBy(in::read).isInstanceOf(InjectedFault.class);
        }
    }

    @Test
    void fail_onReadsStatListAndPutIfAbsent() throws Exception {
        backing.put("src/a", bytes("x"));
        faulty.on(Op.GET).fail();
        faulty.on(Op.STAT).fail();
        faulty.on(Op.LIST).keys(keyStartsWith("src")).fail();
        faulty.on(Op.PUT_IF_ABSENT).fail();
        assertThatThrownBy(() -> faulty.get("src/a")).isInstanceOf(InjectedFault.class);
        assertThatThrownBy(() -> faulty.stat("src/a")).isInstanceOf(InjectedFault.class);
        assertThatThrownBy(() -> faulty.list("src/")).isInstanceOf(InjectedFault.class);
        assertThat(faulty.list("other/")).isEmpty();
        assertThatThrownBy(() -> faulty.putIfAbsent("src/lock", bytes("l"))).isInstanceOf(InjectedFault.class);
        assertThat(backing.stat("src/lock")).isEmpty();
        faulty.heal();
        assertThat(faulty.readAll("src/a")).isEqualTo(bytes("x"));
    }

    @Test
    void journal_recordsEveryCallInOrderAndMarksFaults() throws Exception {
        faulty.on(Op.STAT).nth(1).fail();
        writeBackup(faulty);
        assertThatThrownBy(() -> faulty.stat("src/b1.sha256"));
        faulty.get("src/b1.tar.zst", 10, 20).close();
        faulty.list("src/");
        faulty.delete("src/b1.tar.zst");
        assertThat(faulty.journal()).containsExactly(
                "put src/b1.manifest.json",
                "create src/b1.tar.zst",
                "commit src/b1.tar.zst",
                "put src/b1.sha256",
                "put src/b1.manifest.json",
                "stat src/b1.sha256 !",
                "get src/b1.tar.zst[10+20]",
                "list src/",
                "delete src/b1.tar.zst");
    }

    @Test
    void faultSpec_refusesByteFaultsOnCallsWithoutStreams() {
        assertThatThrownBy(() -> faulty.on(Op.COMMIT).cutAfter(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COMMIT");
        assertThatThrownBy(() -> faulty.on(Op.GET).failAfterEffect()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faulty.on(Op.GET).nth(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n needs to be >= 1, not 0");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
