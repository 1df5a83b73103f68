package io.backline.core.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Storage} must show. Subclass it, implement {@link #newStorage()} and every test runs
 * against your implementation. Nothing here assumes files: the same suite runs against object stores.
 */
public abstract class StorageContract {
    private static final int MIB = 1024 * 1024;

    /** A new, empty storage; called once per test. */
    protected abstract Storage newStorage() throws Exception;

    protected Storage storage;

    @BeforeEach
    void createStorage() throws Exception {
        storage = newStorage();
    }

    // ---- create / commit / abort -------------------------------------------------------------------------------

    @Test
    void create_isInvisibleUntilCommit() throws Exception {
        try (BlobWriter writer = storage.create("src/a.bin")) {
            writer.write(bytes("first half "));
            writer.flush();

            assertThatThrownBy(() -> storage.get("src/a.bin")).isInstanceOf(BlobNotFoundException.class);
            assertThat(storage.stat("src/a.bin")).isEmpty();
            assertThat(storage.list("")).isEmpty();
            assertThat(storage.list("src/")).isEmpty();

            writer.write(bytes("second half"));
            writer.commit();
        }
        assertThat(text(storage.readAll("src/a.bin"))).isEqualTo("first half second half");
        assertThat(keys(storage.list(""))).containsExactly("src/a.bin");
    }

    @Test
    void close_withoutCommitDiscardsEverything() throws Exception {
        try (BlobWriter writer = storage.create("src/aborted.bin")) {
            writer.write(bytes("never to be seen"));
        }
        assertThat(storage.stat("src/aborted.bin")).isEmpty();
        assertThat(storage.list("")).isEmpty();
        assertThatThrownBy(() -> storage.get("src/aborted.bin")).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void close_withoutCommitKeepsThePreviousBlob() throws Exception {
        storage.put("src/a.bin", bytes("old"));
        try (BlobWriter writer = storage.create("src/a.bin")) {
            writer.write(bytes("new but abandoned"));
        }
        assertThat(text(storage.readAll("src/a.bin"))).isEqualTo("old");
    }

    @Test
    void commit_replacesExistingBlobOnlyWhenItReturns() throws Exception {
        storage.put("src/a.bin", bytes("old"));
        try (BlobWriter writer = storage.create("src/a.bin")) {
            writer.write(bytes("new content"));
            assertThat(text(storage.readAll("src/a.bin"))).isEqualTo("old");
            writer.commit();
        }
        assertThat(text(storage.readAll("src/a.bin"))).isEqualTo("new content");
        assertThat(storage.stat("src/a.bin")).map(BlobInfo::size).contains(11L);
    }

    @Test
    void commit_ofEmptyBlobStoresZeroBytes() throws Exception {
        try (BlobWriter writer = storage.create("src/empty")) {
            writer.commit();
        }
        assertThat(storage.readAll("src/empty")).isEmpty();
        assertThat(storage.stat("src/empty")).map(BlobInfo::size).contains(0L);
    }

    @Test
    void bytesWritten_countsEveryByteAndSurvivesCommit() throws Exception {
        try (BlobWriter writer = storage.create("src/counted")) {
            writer.write(7);
            writer.write(new byte[100], 10, 50);
            writer.write(new byte[3]);
            assertThat(writer.bytesWritten()).isEqualTo(54);
            writer.commit();
            assertThat(writer.bytesWritten()).isEqualTo(54);
        }
        assertThat(storage.stat("src/counted")).map(BlobInfo::size).contains(54L);
    }

    @Test
    void writer_refusesWritesAndCommitsOnceCommittedOrClosed() throws Exception {
        BlobWriter committed = storage.create("src/committed");
        committed.write(1);
        committed.commit();
        assertThatThrownBy(() -> committed.write(2)).isInstanceOf(IOException.class);
        assertThatThrownBy(committed::commit).isInstanceOf(IOException.class);
        committed.close();
        committed.close();

        BlobWriter closed = storage.create("src/closed");
        closed.write(1);
        closed.close();
        assertThatThrownBy(closed::commit).isInstanceOf(IOException.class);
        assertThat(storage.stat("src/closed")).isEmpty();
        assertThat(storage.readAll("src/committed")).containsExactly(1);
    }

    @Test
    void commit_ofConcurrentWritersLeavesOneWholeBlob() throws Exception {
        byte[] first = filled(300_000, (byte) 'a');
        byte[] second = filled(200_000, (byte) 'b');
        BlobWriter one = storage.create("src/contested");
        BlobWriter two = storage.create("src/contested");
        one.write(first);
        two.write(second);
        one.commit();
        two.commit();
        one.close();
        two.close();
        assertThat(storage.readAll("src/contested")).isEqualTo(second);
    }

    @Test
    void put_replacesAndReadAllReturnsTheBytes() throws Exception {
        storage.put("src/x.json", bytes("{\"v\":1}"));
        storage.put("src/x.json", bytes("{\"v\":2}"));
        assertThat(text(storage.readAll("src/x.json"))).isEqualTo("{\"v\":2}");
    }

    @Test
    void put_copiesTheArraySoLaterChangesDoNotLeakIn() throws Exception {
        byte[] content = bytes("abc");
        storage.put("src/copy", content);
        content[0] = 'z';
        assertThat(text(storage.readAll("src/copy"))).isEqualTo("abc");
    }

    // ---- putIfAbsent --------------------------------------------------------------------------------------------

    @Test
    void putIfAbsent_storesWhenNothingIsThere() throws Exception {
        storage.putIfAbsent("locks/orders-db.lock", bytes("owner=a"));
        assertThat(text(storage.readAll("locks/orders-db.lock"))).isEqualTo("owner=a");
        assertThat(keys(storage.list("locks/"))).containsExactly("locks/orders-db.lock");
    }

    @Test
    void putIfAbsent_refusesAnExistingKeyAndKeepsItsContent() throws Exception {
        storage.put("locks/orders-db.lock", bytes("owner=a"));
        assertThatThrownBy(() -> storage.putIfAbsent("locks/orders-db.lock", bytes("owner=b")))
                .isInstanceOf(BlobExistsException.class)
                .satisfies(e -> assertThat(((BlobExistsException) e).key()).isEqualTo("locks/orders-db.lock"))
                .hasMessageContaining("locks/orders-db.lock");
        assertThat(text(storage.readAll("locks/orders-db.lock"))).isEqualTo("owner=a");
        assertThat(keys(storage.list(""))).containsExactly("locks/orders-db.lock");
    }

    @Test
    void putIfAbsent_succeedsAgainAfterDelete() throws Exception {
        storage.putIfAbsent("locks/l", bytes("one"));
        assertThat(storage.delete("locks/l")).isTrue();
        storage.putIfAbsent("locks/l", bytes("two"));
        assertThat(text(storage.readAll("locks/l"))).isEqualTo("two");
    }

    @Test
    void putIfAbsent_letsExactlyOneRacerWin() throws Exception {
        int racers = 8;
        for (int round = 0; round < 5; round++) {
            String key = "locks/race-" + round;
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    byte[] content = bytes("racer-" + i);
                    Callable<Boolean> racer = () -> {
                        start.await();
                        try {
                            storage.putIfAbsent(key, content);
                            return true;
                        } catch (BlobExistsException e) {
                            return false;
                        }
                    };
                    outcomes.add(pool.submit(racer));
                }
                start.countDown();
                List<Integer> winners = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    if (outcomes.get(i).get(30, TimeUnit.SECONDS)) {
                        winners.add(i);
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(text(storage.readAll(key))).isEqualTo("racer-" + winners.get(0));
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(storage.list("locks/")).hasSize(5);
    }

    @Test
    void concurrentWritesAndDeletes_underOnePrefixNeverGetInEachOthersWay() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int done = 0;
                    for (int i = 0; i < 150; i++) {
                        String key = "shared/dir/t" + thread + "-" + i;
                        storage.put(key, bytes(key));
                        assertThat(text(storage.readAll(key))).isEqualTo(key);
                        assertThat(storage.delete(key)).isTrue();
                        done++;
                    }
                    return done;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(150);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storage.list("")).isEmpty();
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Test
    void get_withRangeReadsFromStartMiddleAndEnd() throws Exception {
        storage.put("src/digits", bytes("0123456789"));
        assertThat(text(read(storage.get("src/digits", 0, 4)))).isEqualTo("0123");
        assertThat(text(read(storage.get("src/digits", 3, 4)))).isEqualTo("3456");
        assertThat(text(read(storage.get("src/digits", 6, 4)))).isEqualTo("6789");
        assertThat(text(read(storage.get("src/digits", 0, 10)))).isEqualTo("0123456789");
    }

    @Test
    void get_withRangePastTheEndReturnsWhatThereIs() throws Exception {
        storage.put("src/digits", bytes("0123456789"));
        assertThat(text(read(storage.get("src/digits", 7, 100)))).isEqualTo("789");
        assertThat(text(read(storage.get("src/digits", 2, Long.MAX_VALUE)))).isEqualTo("23456789");
        assertThat(read(storage.get("src/digits", 10, 5))).isEmpty();
        assertThat(read(storage.get("src/digits", 1_000, 5))).isEmpty();
    }

    @Test
    void get_withZeroLengthReturnsNothing() throws Exception {
        storage.put("src/digits", bytes("0123456789"));
        assertThat(read(storage.get("src/digits", 4, 0))).isEmpty();
        assertThat(read(storage.get("src/digits", 0, 0))).isEmpty();
    }

    @Test
    void get_withNegativeRangeIsRefused() throws Exception {
        storage.put("src/digits", bytes("0123456789"));
        assertThatThrownBy(() -> storage.get("src/digits", -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.get("src/digits", 0, -3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void get_ofMissingKeyThrowsBlobNotFoundNamingTheKey() throws Exception {
        storage.put("src/present", bytes("x"));
        for (Callable<?> call : List.<Callable<?>>of(
                () -> storage.get("src/missing"),
                () -> storage.get("src/missing", 0, 1),
                () -> storage.get("src/missing", 0, 0),
                () -> storage.readAll("src/missing"),
                () -> storage.get("src"))) {
            assertThatThrownBy(call::call).isInstanceOf(BlobNotFoundException.class).hasMessageContaining("src");
        }
        assertThatThrownBy(() -> storage.get("src/missing"))
                .satisfies(e -> assertThat(((BlobNotFoundException) e).key()).isEqualTo("src/missing"));
    }

    @Test
    void keys_belowABlobAreMissingNotErrors() throws Exception {
        storage.put("src/a", bytes("a"));
        assertThatThrownBy(() -> storage.get("src/a/b")).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> storage.get("src/a/b", 0, 1)).isInstanceOf(BlobNotFoundException.class);
        assertThat(storage.stat("src/a/b")).isEmpty();
        assertThat(storage.delete("src/a/b")).isFalse();
        assertThat(storage.list("src/a/")).isEmpty();
        assertThat(text(storage.readAll("src/a"))).isEqualTo("a");
    }

    @Test
    void stat_reportsSizeAndTimeOrNothing() throws Exception {
        storage.put("src/a", bytes("12345"));
        Optional<BlobInfo> info = storage.stat("src/a");
        assertThat(info).isPresent();
        assertThat(info.get().key()).isEqualTo("src/a");
        assertThat(info.get().size()).isEqualTo(5);
        assertThat(info.get().lastModified()).isNotNull();
        assertThat(storage.stat("src/b")).isEmpty();
        assertThat(storage.stat("src")).isEmpty();
    }

    @Test
    void largeBlob_isStreamedInAndOutIntact() throws Exception {
        long size = 20L * MIB + 12_345;
        byte[] chunk = new byte[64 * 1024];
        SplittableRandom random = new SplittableRandom(42);
        MessageDigest written = sha256();
        try (BlobWriter writer = storage.create("src/big.tar.zst")) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(chunk.length - 7, left); // odd chunk size: crosses buffer boundaries
                for (int i = 0; i < n; i++) {
                    chunk[i] = (byte) random.nextInt(256);
                }
                writer.write(chunk, 0, n);
                written.update(chunk, 0, n);
                left -= n;
            }
            assertThat(writer.bytesWritten()).isEqualTo(size);
            writer.commit();
        }
        assertThat(storage.stat("src/big.tar.zst")).map(BlobInfo::size).contains(size);
        assertThat(storage.list("src/")).extracting(BlobInfo::size).containsExactly(size);

        MessageDigest read = sha256();
        long total = 0;
        try (InputStream in = storage.get("src/big.tar.zst")) {
            byte[] buffer = new byte[8192 + 3];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.update(buffer, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(size);
        assertThat(read.digest()).isEqualTo(written.digest());

        try (InputStream tail = storage.get("src/big.tar.zst", size - 10, 100)) {
            assertThat(tail.readAllBytes()).hasSize(10);
        }
    }

    // ---- list ---------------------------------------------------------------------------------------------------

    @Test
    void list_returnsCommittedKeysWithThePrefixSortedByKey() throws Exception {
        for (String key : List.of("orders-db/b.json", "ab", "orders-db/a.json", "orders-db/sub/c", "orders-dbx/z",
                "orders-db/a.json.sha256", "uploads/1", "a")) {
            storage.put(key, bytes(key));
        }
        assertThat(keys(storage.list("orders-db/"))).containsExactly(
                "orders-db/a.json", "orders-db/a.json.sha256", "orders-db/b.json", "orders-db/sub/c");
        assertThat(keys(storage.list("orders-db"))).containsExactly(
                "orders-db/a.json", "orders-db/a.json.sha256", "orders-db/b.json", "orders-db/sub/c", "orders-dbx/z");
        assertThat(keys(storage.list("orders-db/a"))).containsExactly("orders-db/a.json", "orders-db/a.json.sha256");
        assertThat(keys(storage.list("a"))).containsExactly("a", "ab");
        assertThat(keys(storage.list(""))).containsExactly("a", "ab", "orders-db/a.json", "orders-db/a.json.sha256",
                "orders-db/b.json", "orders-db/sub/c", "orders-dbx/z", "uploads/1");
        assertThat(storage.list("orders-db/")).extracting(BlobInfo::size).containsExactly(16L, 23L, 16L, 15L);
    }

    @Test
    void list_ofUnknownPrefixIsEmpty() throws Exception {
        storage.put("src/a", bytes("x"));
        assertThat(storage.list("nothing/")).isEmpty();
        assertThat(storage.list("nothing/deeper/still")).isEmpty();
        assertThat(storage.list("src/b")).isEmpty();
    }

    @Test
    void list_excludesUncommittedAndAbortedBlobs() throws Exception {
        storage.put("src/done", bytes("x"));
        try (BlobWriter open = storage.create("src/open")) {
            open.write(bytes("pending"));
            try (BlobWriter aborted = storage.create("src/aborted")) {
                aborted.write(bytes("gone"));
            }
            assertThat(keys(storage.list("src/"))).containsExactly("src/done");
            open.commit();
        }
        assertThat(keys(storage.list("src/"))).containsExactly("src/done", "src/open");
    }

    // ---- delete -------------------------------------------------------------------------------------------------

    @Test
    void delete_returnsTrueOnceThenFalse() throws Exception {
        storage.put("src/a", bytes("x"));
        assertThat(storage.delete("src/a")).isTrue();
        assertThat(storage.delete("src/a")).isFalse();
        assertThat(storage.delete("src/never")).isFalse();
        assertThat(storage.stat("src/a")).isEmpty();
        assertThatThrownBy(() -> storage.get("src/a")).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void delete_leavesSiblingsAndAllowsRewriting() throws Exception {
        storage.put("src/deep/er/a", bytes("a"));
        storage.put("src/deep/er/b", bytes("b"));
        storage.put("src/top", bytes("t"));
        assertThat(storage.delete("src/deep/er/a")).isTrue();
        assertThat(keys(storage.list(""))).containsExactly("src/deep/er/b", "src/top");
        assertThat(storage.delete("src/deep/er/b")).isTrue();
        assertThat(keys(storage.list(""))).containsExactly("src/top");
        assertThat(storage.delete("src")).isFalse();
        storage.put("src/deep/er/a", bytes("again"));
        assertThat(text(storage.readAll("src/deep/er/a"))).isEqualTo("again");
    }

    @Test
    void nestedKeys_areIndependentBlobs() throws Exception {
        storage.put("a/b/c/d/e/f.bin", bytes("deep"));
        storage.put("a/b/x", bytes("shallow"));
        storage.put("top", bytes("top"));
        assertThat(text(storage.readAll("a/b/c/d/e/f.bin"))).isEqualTo("deep");
        assertThat(keys(storage.list("a/b/"))).containsExactly("a/b/c/d/e/f.bin", "a/b/x");
        assertThat(keys(storage.list("a/b/c/d/e/"))).containsExactly("a/b/c/d/e/f.bin");
    }

    @Test
    void keys_withDotsDashesAndUnicodeWork() throws Exception {
        String key = "orders-db/20261129T060000Z-k3v9q2xa.pgdump.zst.age";
        String unicode = "fichiers/été-ü.tar.gz";
        storage.put(key, bytes("1"));
        storage.put(unicode, bytes("2"));
        storage.put(".hidden/.x", bytes("3"));
        assertThat(text(storage.readAll(key))).isEqualTo("1");
        assertThat(text(storage.readAll(unicode))).isEqualTo("2");
        assertThat(keys(storage.list(""))).containsExactly(".hidden/.x", "fichiers/été-ü.tar.gz", key);
    }

    // ---- invalid keys -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a/../b", "..", "a/..", "x..y", "a/./b", ".", "./a", "a\\b", "a\0b", "a//b",
            "a/", "/"})
    void invalidKeys_areRejectedByEveryOperation(String key) {
        List<Callable<?>> calls = List.of(
                () -> storage.create(key),
                () -> {
                    storage.put(key, bytes("x"));
                    return null;
                },
                () -> {
                    storage.putIfAbsent(key, bytes("x"));
                    return null;
                },
                () -> storage.get(key),
                () -> storage.get(key, 0, 1),
                () -> storage.stat(key),
                () -> storage.delete(key));
        for (Callable<?> call : calls) {
            assertThatThrownBy(call::call).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + key.replace("\0", "\\0") + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/abs", "a/../", "a//", "a\\", "./"})
    void invalidPrefixes_areRejectedByList(String prefix) {
        assertThatThrownBy(() -> storage.list(prefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(prefix);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    protected static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    protected static List<String> keys(List<BlobInfo> infos) {
        return infos.stream().map(BlobInfo::key).toList();
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] filled(int size, byte value) {
        byte[] content = new byte[size];
        java.util.Arrays.fill(content, value);
        return content;
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}
