package io.backline.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * An S3-compatible server (s3proxy over a jclouds blob store) on a free loopback port, in this JVM.
 *
 * <p>It accepts any credentials (no signature check), so tests can send unsigned requests too.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3TestServer(BlobStoreContext context) throws Exception {
        this.context = context;
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        boolean started = false;
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            started = true;
        } finally {
            if (!started) {
                context.close();
            }
        }
    }

    /** A server keeping blobs in memory. */
    public static S3TestServer inMemory() throws Exception {
        return new S3TestServer(ContextBuilder.newBuilder(new TransientApiMetadata())
                .modules(Set.of(new SLF4JLoggingModule())).build(BlobStoreContext.class));
    }

    /** A server keeping blobs as files under {@code directory}, so large blobs do not sit in this JVM's heap. */
    public static S3TestServer onDisk(Path directory) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        return new S3TestServer(ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(properties)
                .modules(Set.of(new SLF4JLoggingModule()))
                .build(BlobStoreContext.class));
    }

    /** A storage builder for {@code bucket} on this server (or on {@code endpoint}, a proxy in front of it). */
    public static S3Storage.Builder storageAt(URI endpoint, String bucket) {
        return S3Storage.builder()
                .bucket(bucket)
                .endpointOverride(endpoint)
                .pathStyleAccess(true)
                .region("us-east-1")
                .credentials(ACCESS_KEY, SECRET_KEY);
    }

    public S3Storage.Builder storage(String bucket) {
        return storageAt(endpoint(), bucket);
    }

    /** An SDK client for looking at the server directly (multipart uploads, raw objects). */
    software.amazon.awssdk.services.s3.S3Client client() {
        return software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .requestChecksumCalculation(
                        software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(
                        software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Keys of the multipart uploads in progress in {@code bucket}. */
    java.util.List<String> multipartUploads(String bucket) {
        try (software.amazon.awssdk.services.s3.S3Client client = client()) {
            return client.listMultipartUploads(request -> request.bucket(bucket)).uploads().stream()
                    .map(upload -> upload.key()).toList();
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    BlobStore blobStore() {
        return context.getBlobStore();
    }

    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
