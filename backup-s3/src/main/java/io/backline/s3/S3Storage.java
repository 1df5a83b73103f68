package io.backline.s3;

import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import io.backline.core.storage.StorageKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * A {@link Storage} in one bucket of AWS S3 or an S3-compatible object store: the key {@code a/b} is the object
 * {@code <keyPrefix>a/b}.
 *
 * <p>Guarantees, beyond those of {@link Storage}:
 * <ul>
 *   <li>A writer streams with bounded memory: a blob smaller than one part is sent as one {@code PutObject} on
 *       commit; a larger one as a multipart upload whose parts go up while the caller writes, with at most
 *       {@link Builder#maxPartsInFlight(int) maxPartsInFlight} parts of {@link Builder#partSize(long) partSize} bytes
 *       in memory (filled or in flight) per writer. The object appears only when {@code CompleteMultipartUpload}
 *       succeeds; a failure or a close without commit aborts the upload, so no partial object is ever visible.</li>
 *   <li>Every object and every part is sent with {@code Content-MD5}, which the service verifies.</li>
 *   <li>Requests are retried by the SDK with exponential backoff and jitter on throttling, 5xx answers, timeouts
 *       and broken connections (a part is re-sent from memory); each attempt and each call has a timeout.</li>
 *   <li>{@link #putIfAbsent} uses the service's conditional write or an emulation, see {@link ConditionalWrites}.</li>
 *   <li>{@link #cleanupLeftovers} aborts multipart uploads under the key prefix that were started before the given
 *       age and are not open in this instance.</li>
 *   <li>{@link #describe()} and {@link #toString()} show {@code s3://bucket/prefix} and never credentials.</li>
 * </ul>
 * What it does not do: it does not create the bucket, does not check read-after-write on services that lack strong
 * consistency (AWS S3, MinIO, Ceph and R2 have it), and does not hide objects that other tools write under the prefix.
 * Objects whose names are not valid Backline keys (for example console "folder" objects ending in {@code /}) are left
 * out of listings. A blob can have at most 10,000 parts, so its size is limited to 10,000 × {@code partSize}
 * (156 GiB with the default 16 MiB parts). {@link #delete} returns whether the object existed a moment before; on a
 * versioned bucket it adds a delete marker, and object-lock retention keeps locked versions until they expire.
 * The class is thread safe; {@link #close()} releases the HTTP client (when this instance built it) and the upload
 * threads.
 */
public final class S3Storage implements Storage, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Storage.class);
    private static final int CONFLICT_ATTEMPTS = 5;

    private final S3Client client;
    private final boolean ownsClient;
    private final String bucket;
    private final String keyPrefix;
    private final ConditionalWrites conditionalWrites;
    private final Clock clock;
    private final Target target;
    private final ExecutorService uploads;
    private final Set<String> openUploads = ConcurrentHashMap.newKeySet();
    private final ReentrantLock emulatedConditionalWrite = new ReentrantLock();

    /** What a writer needs to upload one object. */
    record Target(S3Client client, String bucket, ObjectWriteOptions options, long partSize, int maxPartsInFlight,
                  ExecutorService executor, Set<String> openUploads) {
    }

    private S3Storage(Builder builder, S3Client client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.bucket = builder.bucket;
        this.keyPrefix = builder.keyPrefix;
        this.conditionalWrites = builder.conditionalWrites;
        this.clock = builder.clock;
        this.uploads = Executors.newCachedThreadPool(new UploadThreads(bucket));
        ObjectWriteOptions options = new ObjectWriteOptions(builder.storageClass, builder.serverSideEncryption,
                builder.kmsKeyId, builder.lockMode, builder.lockRetention, builder.clock);
        this.target = new Target(client, bucket, options, builder.partSize, builder.maxPartsInFlight, uploads,
                openUploads);
        if (LOG.isDebugEnabled()) {
            LOG.debug("S3 storage {}: {}, partSize={}, maxPartsInFlight={}, conditionalWrites={}", describe(),
                    options.summary(), builder.partSize, builder.maxPartsInFlight, conditionalWrites);
        }
    }

    /** A builder; {@link Builder#bucket(String)} is the one required setting. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A storage at {@code s3://bucket/prefix}, as a command line gives it.
     *
     * @param location        {@code s3://bucket} or {@code s3://bucket/key/prefix}
     * @param endpoint        the service's URL for S3-compatible stores, or null for AWS S3
     * @param region          the region, or null for the SDK's default lookup ({@code AWS_REGION}, the profile)
     * @param pathStyleAccess whether to address the bucket in the path ({@code http://host/bucket/key}), as MinIO
     *                        and most self-hosted stores need
     * @throws IllegalArgumentException when the location, endpoint or region is not usable
     */
    public static S3Storage fromUri(URI location, URI endpoint, String region, boolean pathStyleAccess) {
        Builder builder = builder().location(location).pathStyleAccess(pathStyleAccess);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (region != null) {
            builder.region(region);
        }
        return builder.build();
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The prefix put before every key: empty, or ending with {@code /}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public BlobWriter create(String key) throws IOException {
        String objectKey = objectKey(key);
        return new S3BlobWriter(target, objectKey, location(key));
    }

    @Override
    public void putIfAbsent(String key, byte[] content) throws IOException {
        String objectKey = objectKey(key);
        Objects.requireNonNull(content, "content");
        PartBuffer body = new PartBuffer(Math.max(1, content.length));
        body.write(content, 0, content.length);
        if (conditionalWrites == ConditionalWrites.EMULATED) {
            putIfAbsentEmulated(key, objectKey, body);
        } else {
            putIfAbsentNative(key, objectKey, body);
        }
    }

    private void putIfAbsentNative(String key, String objectKey, PartBuffer body) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                putObject(objectKey, body, true);
                return;
            } catch (SdkException e) {
                int status = S3Failures.status(e);
                if (status == S3Failures.PRECONDITION_FAILED) {
                    throw new BlobExistsException(key);
                }
                if (status == S3Failures.CONFLICT && attempt < CONFLICT_ATTEMPTS) {
                    // Another conditional write to the key is in progress: wait, then learn who won.
                    pause(Duration.ofMillis(50L << attempt));
                    continue;
                }
                IOException wrapped = S3Failures.wrap("conditional PutObject (If-None-Match: *)", location(key), e);
                if (status == S3Failures.NOT_IMPLEMENTED) {
                    throw new IOException(wrapped.getMessage() + "; this service does not support conditional "
                            + "writes: configure conditionalWrites(ConditionalWrites.EMULATED)", e);
                }
                throw wrapped;
            }
        }
    }

    private void putIfAbsentEmulated(String key, String objectKey, PartBuffer body) throws IOException {
        emulatedConditionalWrite.lock();
        try {
            if (stat(key).isPresent()) {
                throw new BlobExistsException(key);
            }
            try {
                putObject(objectKey, body, false);
            } catch (SdkException e) {
                throw S3Failures.wrap("PutObject", location(key), e);
            }
        } finally {
            emulatedConditionalWrite.unlock();
        }
    }

    private void putObject(String objectKey, PartBuffer body, boolean ifNoneMatch) {
        PutObjectRequest.Builder request = target.options().applyTo(PutObjectRequest.builder().bucket(bucket)
                .key(objectKey).contentLength(body.size()).contentMD5(body.seal())
                .contentType("application/octet-stream"));
        if (ifNoneMatch) {
            request.ifNoneMatch("*");
        }
        client.putObject(request.build(),
                RequestBody.fromContentProvider(body::newStream, body.size(), "application/octet-stream"));
    }

    @Override
    public InputStream get(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return S3ObjectStream.whole(client.getObject(request -> request.bucket(bucket).key(objectKey)));
        } catch (SdkException e) {
            throw translateRead("GetObject", key, e);
        }
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        String objectKey = objectKey(key);
        StorageKeys.checkRange(offset, length);
        if (length == 0) {
            if (stat(key).isEmpty()) {
                throw new BlobNotFoundException(key);
            }
            return InputStream.nullInputStream();
        }
        String last = length > Long.MAX_VALUE - offset ? "" : String.valueOf(offset + length - 1);
        String range = "bytes=" + offset + "-" + last;
        try {
            return S3ObjectStream.ranged(client.getObject(request -> request.bucket(bucket).key(objectKey)
                    .range(range)), offset, length);
        } catch (SdkException e) {
            if (S3Failures.status(e) == S3Failures.RANGE_NOT_SATISFIABLE) {
                // The object exists (a missing one answers 404) and starts after its end, or is empty.
                return new ByteArrayInputStream(new byte[0]);
            }
            throw translateRead("GetObject " + range, key, e);
        }
    }

    private IOException translateRead(String operation, String key, SdkException e) {
        return S3Failures.isMissingObject(e) ? new BlobNotFoundException(key)
                : S3Failures.wrap(operation, location(key), e);
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            HeadObjectResponse head = client.headObject(request -> request.bucket(bucket).key(objectKey));
            Instant modified = head.lastModified() == null ? Instant.EPOCH : head.lastModified();
            return Optional.of(new BlobInfo(key, head.contentLength(), modified));
        } catch (SdkException e) {
            if (S3Failures.isMissingObject(e)) {
                return Optional.empty();
            }
            throw S3Failures.wrap("HeadObject", location(key), e);
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        StorageKeys.requireValidPrefix(prefix);
        String fullPrefix = keyPrefix + prefix;
        List<BlobInfo> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(bucket)
                    .prefix(fullPrefix)).contents()) {
                String key = object.key().substring(keyPrefix.length());
                if (isBacklineKey(key)) {
                    found.add(new BlobInfo(key, object.size(), object.lastModified() == null ? Instant.EPOCH
                            : object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw S3Failures.wrap("ListObjectsV2", "s3://" + bucket + "/" + fullPrefix, e);
        }
        found.sort(Comparator.comparing(BlobInfo::key));
        return found;
    }

    private static boolean isBacklineKey(String key) {
        try {
            StorageKeys.requireValidKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        String objectKey = objectKey(key);
        if (stat(key).isEmpty()) {
            return false;
        }
        try {
            client.deleteObject(request -> request.bucket(bucket).key(objectKey));
            return true;
        } catch (SdkException e) {
            throw S3Failures.wrap("DeleteObject", location(key), e);
        }
    }

    /**
     * Aborts multipart uploads under the key prefix that started more than {@code olderThan} ago and are not being
     * written by this instance. Uploads of other live processes are aborted too once old enough, so choose a limit
     * well above the longest upload.
     *
     * @return how many uploads were aborted
     */
    @Override
    public int cleanupLeftovers(Duration olderThan) throws IOException {
        Objects.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan needs to be >= 0, not " + olderThan);
        }
        Instant limit = clock.instant().minus(olderThan);
        int aborted = 0;
        try {
            List<MultipartUpload> stale = new ArrayList<>();
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(request -> request.bucket(bucket)
                    .prefix(keyPrefix)).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(limit)
                        && !openUploads.contains(upload.uploadId())) {
                    stale.add(upload);
                }
            }
            for (MultipartUpload upload : stale) {
                try {
                    client.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key())
                            .uploadId(upload.uploadId()));
                    aborted++;
                } catch (SdkException e) {
                    if (S3Failures.status(e) != S3Failures.NOT_FOUND) {
                        throw e;
                    }
                }
            }
        } catch (SdkException e) {
            throw S3Failures.wrap("cleaning up multipart uploads", describe(), e);
        }
        if (aborted > 0) {
            LOG.info("aborted {} unfinished multipart upload(s) older than {} under {}", aborted, olderThan,
                    describe());
        }
        return aborted;
    }

    @Override
    public String describe() {
        return keyPrefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/"
                + keyPrefix.substring(0, keyPrefix.length() - 1);
    }

    @Override
    public String toString() {
        return "S3Storage[" + describe() + "]";
    }

    /**
     * Stops the upload threads and closes the HTTP client when this instance built it (not one given through
     * {@link Builder#client(S3Client)}). Writers still open fail afterwards.
     */
    @Override
    public void close() {
        uploads.shutdownNow();
        if (ownsClient) {
            client.close();
        }
    }

    private String objectKey(String key) {
        return keyPrefix + StorageKeys.requireValidKey(key);
    }

    private String location(String key) {
        return "s3://" + bucket + "/" + keyPrefix + key;
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Daemon threads named after the bucket, so that a forgotten storage never keeps a JVM alive. */
    private static final class UploadThreads implements ThreadFactory {
        private final String bucket;
        private final AtomicInteger count = new AtomicInteger();

        UploadThreads(String bucket) {
            this.bucket = bucket;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "backline-s3-upload-" + bucket + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * Configures an {@link S3Storage}. Every setter checks its argument; {@link #build()} checks the combination and
     * throws {@link IllegalArgumentException} or {@link IllegalStateException} with a precise message.
     *
     * <p>Defaults: region from the SDK's lookup ({@code AWS_REGION}, the profile), or {@code us-east-1} with an
     * endpoint override; virtual-hosted addressing; credentials from the SDK's default chain ({@code AWS_*}
     * variables, system properties, profiles, container and instance roles); the bucket's storage class and
     * encryption; 16 MiB parts, 2 in flight; 10 attempts per request with exponential backoff from 200 ms up to 20 s;
     * a 2 minute timeout per attempt and 15 minutes per call (including retries); 10 s to connect and 60 s of socket
     * silence; {@link ConditionalWrites#NATIVE}.
     */
    public static final class Builder {
        static final long MIN_PART_SIZE = 5L * 1024 * 1024;
        static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
        static final int MAX_PARTS_IN_FLIGHT = 32;
        static final int MAX_ATTEMPTS = 20;

        String bucket;
        String keyPrefix = "";
        Region region;
        URI endpoint;
        boolean pathStyleAccess;
        AwsCredentialsProvider credentialsProvider;
        StorageClass storageClass;
        ServerSideEncryption serverSideEncryption;
        String kmsKeyId;
        ObjectLockMode lockMode;
        Duration lockRetention;
        long partSize = 16L * 1024 * 1024;
        int maxPartsInFlight = 2;
        Duration apiCallTimeout;
        Duration apiCallAttemptTimeout;
        Duration connectionTimeout;
        Duration socketTimeout;
        Integer maxAttempts;
        Duration backoffBase;
        Duration backoffMax;
        ConditionalWrites conditionalWrites = ConditionalWrites.NATIVE;
        Clock clock = Clock.systemUTC();
        S3Client client;

        private Builder() {
        }

        /** The bucket; it has to exist. Required. */
        public Builder bucket(String value) {
            Objects.requireNonNull(value, "bucket");
            if (!value.matches("[A-Za-z0-9._-]{3,255}")) {
                throw new IllegalArgumentException("bucket needs to be a bucket name of 3 to 255 letters, digits, "
                        + "'.', '-' or '_', not '" + printable(value) + "'");
            }
            this.bucket = value;
            return this;
        }

        /**
         * A prefix for every key, such as {@code backups/app}: keys live at {@code backups/app/<key>}. Leading and
         * trailing slashes are ignored; empty (the default) uses the whole bucket.
         */
        public Builder keyPrefix(String value) {
            Objects.requireNonNull(value, "keyPrefix");
            String trimmed = value;
            while (trimmed.startsWith("/")) {
                trimmed = trimmed.substring(1);
            }
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.isEmpty()) {
                this.keyPrefix = "";
                return this;
            }
            try {
                StorageKeys.requireValidKey(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("keyPrefix '" + printable(value) + "' is not usable: "
                        + e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2), e);
            }
            this.keyPrefix = trimmed + "/";
            return this;
        }

        /**
         * Bucket and key prefix from {@code s3://bucket} or {@code s3://bucket/key/prefix}.
         *
         * @throws IllegalArgumentException naming what is wrong with the URI
         */
        public Builder location(URI value) {
            Objects.requireNonNull(value, "location");
            if (!"s3".equalsIgnoreCase(value.getScheme())) {
                throw new IllegalArgumentException("location needs to look like s3://bucket/prefix, not '"
                        + printable(value.toString()) + "'");
            }
            if (value.getRawUserInfo() != null) {
                throw new IllegalArgumentException("location must not contain credentials; use the AWS_* variables,"
                        + " a profile or credentials(...)");
            }
            if (value.getPort() != -1 || value.getRawQuery() != null || value.getRawFragment() != null) {
                throw new IllegalArgumentException("location needs to be s3://bucket/prefix without port, query or "
                        + "fragment, not '" + printable(value.toString()) + "'; give the service's URL as endpoint");
            }
            String authority = value.getAuthority();
            if (authority == null || authority.isEmpty()) {
                throw new IllegalArgumentException("location needs a bucket: s3://bucket/prefix, not '"
                        + printable(value.toString()) + "'");
            }
            bucket(authority);
            keyPrefix(value.getPath() == null ? "" : value.getPath());
            return this;
        }

        /** The region by name, such as {@code eu-central-1}; any name for stores that ignore it (MinIO). */
        public Builder region(String value) {
            Objects.requireNonNull(value, "region");
            if (!value.matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("region needs to be a region name such as eu-central-1, not '"
                        + printable(value) + "'");
            }
            this.region = Region.of(value);
            return this;
        }

        /** The region. */
        public Builder region(Region value) {
            this.region = Objects.requireNonNull(value, "region");
            return this;
        }

        /**
         * The service's URL for S3-compatible stores, such as {@code http://localhost:9000} (MinIO) or
         * {@code https://<account>.r2.cloudflarestorage.com} (R2). Not needed for AWS S3.
         */
        public Builder endpointOverride(URI value) {
            Objects.requireNonNull(value, "endpointOverride");
            if (value.getRawUserInfo() != null) {
                // Do not echo the URI: its user info may be a secret.
                throw new IllegalArgumentException("endpointOverride must not contain credentials; use the AWS_* "
                        + "variables, a profile or credentials(...)");
            }
            String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || value.getHost() == null
                    || value.getRawQuery() != null || value.getRawFragment() != null) {
                throw new IllegalArgumentException("endpointOverride needs to be an http or https URL such as "
                        + "http://localhost:9000, not '" + printable(value.toString()) + "'");
            }
            this.endpoint = value;
            return this;
        }

        /**
         * Whether to put the bucket in the path ({@code http://host/bucket/key}) instead of the host name
         * ({@code http://bucket.host/key}). MinIO, Ceph and most self-hosted stores need {@code true}.
         */
        public Builder pathStyleAccess(boolean value) {
            this.pathStyleAccess = value;
            return this;
        }

        /** Where credentials come from; the default is the SDK's default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider value) {
            this.credentialsProvider = Objects.requireNonNull(value, "credentialsProvider");
            return this;
        }

        /**
         * Fixed credentials. Prefer the default chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
         * profiles, roles); the secret is never logged or printed.
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.credentialsProvider = S3Clients.staticCredentials(accessKeyId, secretAccessKey);
            return this;
        }

        /**
         * The storage class of new objects. Classes whose objects cannot be read without a restore (GLACIER,
         * DEEP_ARCHIVE) are refused: Backline reads manifests and locks directly. Use a lifecycle rule to move
         * artifacts there instead.
         */
        public Builder storageClass(StorageClass value) {
            Objects.requireNonNull(value, "storageClass");
            if (value == StorageClass.GLACIER || value == StorageClass.DEEP_ARCHIVE
                    || value == StorageClass.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException("storageClass needs to be readable without a restore (STANDARD, "
                        + "STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, ...), not " + value);
            }
            this.storageClass = value;
            return this;
        }

        /** Server-side encryption with S3-managed keys (SSE-S3, {@code AES256}). */
        public Builder serverSideEncryptionS3() {
            this.serverSideEncryption = ServerSideEncryption.AES256;
            this.kmsKeyId = null;
            return this;
        }

        /**
         * Server-side encryption with KMS (SSE-KMS).
         *
         * @param keyId the KMS key id or ARN, or null for the account's default {@code aws/s3} key
         */
        public Builder serverSideEncryptionKms(String keyId) {
            if (keyId != null && keyId.isBlank()) {
                throw new IllegalArgumentException("serverSideEncryptionKms needs a key id or null, not a blank "
                        + "string");
            }
            this.serverSideEncryption = ServerSideEncryption.AWS_KMS;
            this.kmsKeyId = keyId;
            return this;
        }

        /**
         * Object-lock retention on every new object, so that not even the writer's credentials can delete or
         * overwrite it for {@code retention} (the bucket needs object lock enabled). GOVERNANCE retention can be
         * lifted by a user with {@code s3:BypassGovernanceRetention}; COMPLIANCE cannot be lifted by anyone.
         * Retention must exceed the lifetime the retention policy gives backups, or deleting them fails.
         */
        public Builder objectLockRetention(ObjectLockMode mode, Duration retention) {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(retention, "retention");
            if (mode == ObjectLockMode.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException("objectLockRetention needs GOVERNANCE or COMPLIANCE, not " + mode);
            }
            requirePositive("objectLockRetention", retention);
            this.lockMode = mode;
            this.lockRetention = retention;
            return this;
        }

        /** GOVERNANCE object-lock retention; see {@link #objectLockRetention(ObjectLockMode, Duration)}. */
        public Builder objectLockRetention(Duration retention) {
            return objectLockRetention(ObjectLockMode.GOVERNANCE, retention);
        }

        /**
         * The size of a multipart upload's parts, between 5 MiB and 5 GiB. Memory per open writer is
         * {@code partSize × maxPartsInFlight}; the largest blob is {@code 10,000 × partSize}.
         */
        public Builder partSize(long bytes) {
            if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize needs to be between " + MIN_PART_SIZE
                        + " (5 MiB) and " + MAX_PART_SIZE + " (5 GiB) bytes, not " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /**
         * How many parts of one writer may be in memory at once, the one being filled included (so 1 means no
         * overlap between writing and uploading); between 1 and 32.
         */
        public Builder maxPartsInFlight(int value) {
            if (value < 1 || value > MAX_PARTS_IN_FLIGHT) {
                throw new IllegalArgumentException("maxPartsInFlight needs to be between 1 and "
                        + MAX_PARTS_IN_FLIGHT + ", not " + value);
            }
            this.maxPartsInFlight = value;
            return this;
        }

        /** The longest one API call may take, all retries included. */
        public Builder apiCallTimeout(Duration value) {
            this.apiCallTimeout = requirePositive("apiCallTimeout", value);
            return this;
        }

        /** The longest one attempt of an API call may take (one part upload, one request). */
        public Builder apiCallAttemptTimeout(Duration value) {
            this.apiCallAttemptTimeout = requirePositive("apiCallAttemptTimeout", value);
            return this;
        }

        /** The longest opening a connection may take. */
        public Builder connectionTimeout(Duration value) {
            this.connectionTimeout = requirePositive("connectionTimeout", value);
            return this;
        }

        /** The longest a connection may stay silent while an answer is awaited. */
        public Builder socketTimeout(Duration value) {
            this.socketTimeout = requirePositive("socketTimeout", value);
            return this;
        }

        /** How many times a request is tried in all (1 means no retry), between 1 and 20. */
        public Builder maxAttempts(int value) {
            if (value < 1 || value > MAX_ATTEMPTS) {
                throw new IllegalArgumentException("maxAttempts needs to be between 1 and " + MAX_ATTEMPTS
                        + ", not " + value);
            }
            this.maxAttempts = value;
            return this;
        }

        /** Exponential backoff with full jitter between attempts: {@code base × 2^attempt}, at most {@code max}. */
        public Builder retryBackoff(Duration base, Duration max) {
            requirePositive("retryBackoff base", base);
            requirePositive("retryBackoff max", max);
            if (max.compareTo(base) < 0) {
                throw new IllegalArgumentException("retryBackoff max needs to be >= base (" + base + "), not "
                        + max);
            }
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** How {@link S3Storage#putIfAbsent} stays conditional; see {@link ConditionalWrites}. */
        public Builder conditionalWrites(ConditionalWrites value) {
            this.conditionalWrites = Objects.requireNonNull(value, "conditionalWrites");
            return this;
        }

        /** The clock for object-lock dates and leftover ages. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Uses an S3 client built elsewhere (tests, or a host with its own SDK setup) instead of building one. Its
         * region, endpoint, credentials, timeouts and retries are its own, so setting those here too is an error.
         * The storage does not close it. Build it with {@code requestChecksumCalculation(WHEN_REQUIRED)} when the
         * service does not understand the SDK's default CRC trailers.
         */
        public Builder client(S3Client value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * Checks the settings together and builds the storage (and its HTTP client, unless one was given).
         *
         * @throws IllegalStateException when the bucket is missing, the region cannot be found, or settings of the
         *                               HTTP client were combined with {@link #client(S3Client)}
         */
        public S3Storage build() {
            if (bucket == null) {
                throw new IllegalStateException("bucket needs to be set");
            }
            if (client != null) {
                List<String> conflicting = new ArrayList<>();
                addIf(conflicting, region != null, "region");
                addIf(conflicting, endpoint != null, "endpointOverride");
                addIf(conflicting, pathStyleAccess, "pathStyleAccess");
                addIf(conflicting, credentialsProvider != null, "credentials");
                addIf(conflicting, apiCallTimeout != null, "apiCallTimeout");
                addIf(conflicting, apiCallAttemptTimeout != null, "apiCallAttemptTimeout");
                addIf(conflicting, connectionTimeout != null, "connectionTimeout");
                addIf(conflicting, socketTimeout != null, "socketTimeout");
                addIf(conflicting, maxAttempts != null, "maxAttempts");
                addIf(conflicting, backoffBase != null, "retryBackoff");
                if (!conflicting.isEmpty()) {
                    throw new IllegalStateException("client(...) was given, so " + String.join(", ", conflicting)
                            + " belong to that client; set them when building it instead");
                }
                return new S3Storage(this, client, false);
            }
            if (apiCallTimeout != null && apiCallAttemptTimeout != null
                    && apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
                throw new IllegalStateException("apiCallAttemptTimeout (" + apiCallAttemptTimeout
                        + ") needs to be <= apiCallTimeout (" + apiCallTimeout + ")");
            }
            return new S3Storage(this, S3Clients.build(this), true);
        }

        private static void addIf(List<String> names, boolean condition, String name) {
            if (condition) {
                names.add(name);
            }
        }

        private static Duration requirePositive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " needs to be > 0, not " + value);
            }
            return value;
        }
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
