package io.backline.s3;

import io.backline.core.spi.Storage;
import io.backline.core.storage.StorageContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract against s3proxy, which ignores {@code If-None-Match} on writes, so conditional writes are
 * emulated here; {@link S3StorageNativeConditionalContractTest} covers the native path. Each test gets a fresh key
 * prefix in one bucket, with 5 MiB parts so that the large-blob test goes multipart.
 */
class S3StorageContractTest extends StorageContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.inMemory();
        server.createBucket("contract");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected Storage newStorage() {
        return S3Storage.builder()
                .bucket("contract")
                .keyPrefix("run-" + PREFIXES.incrementAndGet())
                .endpointOverride(server.endpoint())
                .pathStyleAccess(true)
                .region("us-east-1")
                .credentials(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)
                .partSize(5L * 1024 * 1024)
                .conditionalWrites(ConditionalWrites.EMULATED)
                .build();
    }

    @AfterEach
    void closeStorage() {
        ((S3Storage) storage).close();
    }
}
