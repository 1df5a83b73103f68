package io.backline.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends StorageContract {
    @TempDir
    Path temp;

    private Path root() {
        return temp.resolve("repo");
    }

    @Override
    protected Storage newStorage() {
        return LocalStorage.at(root());
    }

    @Test
    void at_createsAMissingRootAndDescribesItAbsolutely() {
        Path nested = temp.resolve("not/yet/there");
        LocalStorage local = LocalStorage.at(nested);
        assertThat(nested).isDirectory();
        assertThat(local.describe()).isEqualTo(nested.toAbsolutePath().toString());
        assertThat(local.root()).isEqualTo(nested.toAbsolutePath());
    }

    @Test
    void keys_mapToFilesUnderTheRoot() throws Exception {
        storage.put("orders-db/20261129T060000Z-k3v9q2xa.manifest.json", bytes("{}"));
        assertThat(root().resolve("orders-db/20261129T060000Z-k3v9q2xa.manifest.json")).hasContent("{}");
    }

    @Test
    void commit_leavesNoPendingFile() throws Exception {
        try (BlobWriter writer = storage.create("src/a/b.bin")) {
            writer.write(bytes("content"));
            assertThat(pendingFiles()).hasSize(1);
            assertThat(pendingFiles().get(0).getParent()).isEqualTo(root().resolve("src/a"));
            assertThat(pendingFiles().get(0).getFileName().toString()).startsWith("pending-").endsWith("-b.bin");
            writer.commit();
        }
        storage.putIfAbsent("src/lock", bytes("me"));
        assertThat(pendingFiles()).isEmpty();
        assertThat(allFiles()).containsExactlyInAnyOrder(root().resolve("src/a/b.bin"), root().resolve("src/lock"));
    }

    @Test
    void abort_leavesNoPendingFileAndNoDirectory() throws Exception {
        try (BlobWriter writer = storage.create("src/a/b.bin")) {
            writer.write(bytes("content"));
        }
        assertThat(root().resolve("src")).doesNotExist();
        storage.put("src/lock", bytes("taken"));
        assertThatThrownBy(() -> storage.putIfAbsent("src/lock", bytes("x"))).isInstanceOf(BlobExistsException.class);
        assertThat(pendingFiles()).isEmpty();
        assertThat(allFiles()).containsExactly(root().resolve("src/lock"));
    }

    @Test
    void pendingLeftByACrash_isInvisibleAndRemovedByCleanup() throws Exception {
        LocalStorage local = (LocalStorage) storage;
        storage.put("orders-db/a.manifest.json", bytes("{}"));
        Path crashed = root().resolve("orders-db/pending-zzzzzzzzzz-b.pgdump.zst");
        Files.write(crashed, bytes("half an artifact"));
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path crashedAlone = root().resolve("lonely/dir/pending-yyyyyyyyyy-c.tar.zst");
        Files.createDirectories(crashedAlone.getParent());
        Files.write(crashedAlone, bytes("x"));
        Files.setLastModifiedTime(crashedAlone, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        Path fresh = root().resolve("orders-db/pending-xxxxxxxxxx-d.pgdump.zst");
        Files.write(fresh, bytes("a writer in another process"));

        assertThat(keys(storage.list(""))).containsExactly("orders-db/a.manifest.json");
        assertThat(keys(storage.list("orders-db/pending"))).isEmpty();

        assertThat(local.cleanupPending(Duration.ofHours(1))).isEqualTo(2);

        assertThat(crashed).doesNotExist();
        assertThat(root().resolve("lonely")).doesNotExist();
        assertThat(fresh).exists();
        assertThat(root().resolve("orders-db/a.manifest.json")).exists();
        assertThat(local.cleanupPending(Duration.ofHours(1))).isZero();
    }

    @Test
    void cleanupPending_neverRemovesThePendingFileOfAnOpenWriter() throws Exception {
        LocalStorage local = (LocalStorage) storage;
        try (BlobWriter writer = storage.create("src/slow")) {
            writer.write(bytes("still writing"));
            writer.flush();
            assertThat(local.cleanupPending(Duration.ZERO)).isZero();
            writer.commit();
        }
        assertThat(text(storage.readAll("src/slow"))).isEqualTo("still writing");
    }

    @Test
    void keys_namedLikePendingFilesAreRefused() {
        assertThatThrownBy(() -> storage.put("src/pending-x", bytes("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("src/pending-x");
        assertThatThrownBy(() -> storage.create("pending-"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pending-");
    }

    @Test
    void delete_removesEmptyParentsButNeverTheRoot() throws Exception {
        storage.put("src/a/b/c.bin", bytes("c"));
        storage.put("src/keep.bin", bytes("k"));
        assertThat(storage.delete("src/a/b/c.bin")).isTrue();
        assertThat(root().resolve("src/a")).doesNotExist();
        assertThat(root().resolve("src")).isDirectory();
        assertThat(storage.delete("src/keep.bin")).isTrue();
        assertThat(root()).isDirectory().isEmptyDirectory();
    }

    @Test
    void delete_ofADirectoryKeyIsFalseAndTouchesNothing() throws Exception {
        storage.put("src/a/b", bytes("b"));
        Files.createDirectories(root().resolve("empty/dir"));
        assertThat(storage.delete("src/a")).isFalse();
        assertThat(storage.delete("empty/dir")).isFalse();
        assertThat(root().resolve("empty/dir")).isDirectory();
        assertThat(root().resolve("src/a/b")).exists();
    }

    @Test
    void commit_forcesTheTargetDirectoryAndEveryNewParent() throws Exception {
        List<Path> synced = new CopyOnWriteArrayList<>();
        LocalStorage local = new LocalStorage(root(), directory -> {
            synced.add(directory);
            DirectorySync.FSYNC.sync(directory);
        });
        local.put("src/new/a.bin", bytes("a"));
        assertThat(synced).containsExactly(root().resolve("src/new"), root().resolve("src"), root());

        synced.clear();
        local.put("src/new/b.bin", bytes("b"));
        assertThat(synced).containsExactly(root().resolve("src/new"));

        synced.clear();
        local.putIfAbsent("src/new/lock", bytes("l"));
        assertThat(synced).containsExactly(root().resolve("src/new"));

        synced.clear();
        try (BlobWriter aborted = local.create("src/new/c.bin")) {
            aborted.write(1);
        }
        assertThat(synced).isEmpty();

        local.delete("src/new/a.bin");
        local.delete("src/new/b.bin");
        synced.clear();
        local.delete("src/new/lock");
        assertThat(synced).containsExactly(root());
    }

    @Test
    void directorySync_toleratesDirectoriesThatCannotBeForced() throws Exception {
        DirectorySync.FSYNC.sync(root());
        DirectorySync.FSYNC.sync(temp.resolve("does-not-exist"));
    }

    @Test
    void write_intoAKeyThatIsADirectoryFailsWithoutLeavingPendingFiles() throws Exception {
        storage.put("src/a/b", bytes("b"));
        try (BlobWriter writer = storage.create("src/a")) {
            writer.write(bytes("x"));
            assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
        }
        assertThat(pendingFiles()).isEmpty();
        assertThat(text(storage.readAll("src/a/b"))).isEqualTo("b");
    }

    @Test
    void create_belowAKeyThatIsABlobFailsAtOnce() throws Exception {
        storage.put("src/a", bytes("a"));
        assertThatThrownBy(() -> storage.create("src/a/b")).isInstanceOf(IOException.class);
        assertThat(text(storage.readAll("src/a"))).isEqualTo("a");
        assertThat(pendingFiles()).isEmpty();
    }

    private List<Path> pendingFiles() throws IOException {
        return allFiles().stream().filter(p -> p.getFileName().toString().startsWith("pending-")).toList();
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
