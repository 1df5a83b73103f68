package io.backline.s3;

import io.backline.core.spi.Storage;
import io.backline.core.storage.StorageContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract with {@link ConditionalWrites#NATIVE}: requests pass through {@link S3FaultProxy}, which gives
 * s3proxy the {@code If-None-Match: *} support it lacks, so the 412 path of {@code putIfAbsent} is what runs.
 */
class S3StorageNativeConditionalContractTest extends StorageContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3TestServer server;
    private static S3FaultProxy proxy;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.inMemory();
        server.createBucket("native");
        proxy = new S3FaultProxy(server.port()).emulateConditionalWrites(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        proxy.close();
        server.close();
    }

    @Override
    protected Storage newStorage() {
        return S3TestServer.storageAt(proxy.endpoint(), "native")
                .keyPrefix("run-" + PREFIXES.incrementAndGet())
                .partSize(5L * 1024 * 1024)
                .conditionalWrites(ConditionalWrites.NATIVE)
                .build();
    }

    @AfterEach
    void closeStorage() {
        ((S3Storage) storage).close();
    }
}
