package io.backline.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryStorageTest extends StorageContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }

    @Test
    void lastModified_comesFromTheInjectedClock() throws Exception {
        Instant then = Instant.parse("2026-11-29T06:00:00Z");
        InMemoryStorage fixed = InMemoryStorage.create(Clock.fixed(then, ZoneOffset.UTC));
        fixed.put("src/a", bytes("x"));
        fixed.putIfAbsent("src/b", bytes("y"));
        assertThat(fixed.list("src/")).extracting(BlobInfo::lastModified).containsExactly(then, then);
    }

    @Test
    void describe_namesTheInstanceWithoutContent() {
        assertThat(InMemoryStorage.create().describe()).startsWith("memory:");
    }
}
