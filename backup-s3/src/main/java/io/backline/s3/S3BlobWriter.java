package io.backline.s3;

import io.backline.core.spi.BlobWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams one object to S3: a blob that fits in one part goes up as a single PutObject on commit; a larger one as a
 * multipart upload whose parts are sent while the caller keeps writing, and which becomes visible only when
 * CompleteMultipartUpload succeeds.
 *
 * <p>At most {@code maxPartsInFlight} part buffers exist at a time, counting the one being filled: a writer that
 * gets ahead of the network blocks until a part upload finishes. Each part carries {@code Content-MD5}, which the
 * service checks. A failed part (after the SDK's retries), a failed completion or a close without commit aborts the
 * multipart upload, so nothing becomes visible. An abort that itself fails (the network is gone) leaves an invisible
 * upload behind for {@link S3Storage#cleanupLeftovers}.
 */
final class S3BlobWriter extends BlobWriter {
    static final int MAX_PARTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobWriter.class);
    private static final long ABORT_WAIT_SECONDS = 60;

    private final S3Storage.Target target;
    private final String objectKey;
    private final String location;
    private final Semaphore buffers;
    private final List<Future<?>> uploads = new ArrayList<>();
    private final Map<Integer, CompletedPart> completed = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final byte[] single = new byte[1];

    private PartBuffer current;
    private String uploadId;
    private int partsSubmitted;
    private long written;
    private boolean closed;
    private boolean committed;

    S3BlobWriter(S3Storage.Target target, String objectKey, String location) {
        this.target = target;
        this.objectKey = objectKey;
        this.location = location;
        this.buffers = new Semaphore(target.maxPartsInFlight());
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (current == null) {
                current = newBuffer();
            } else if (current.isFull()) {
                PartBuffer full = current;
                current = null;
                submit(full);
                continue;
            }
            int n = current.write(b, off, len);
            off += n;
            len -= n;
            written += n;
        }
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public void commit() throws IOException {
        ensureOpen();
        boolean done = false;
        try {
            if (uploadId == null) {
                putWhole(current == null ? new PartBuffer(1) : current);
            } else {
                if (current != null && current.size() > 0) {
                    PartBuffer last = current;
                    current = null;
                    submit(last);
                }
                awaitUploads();
                throwIfFailed();
                completeUpload();
            }
            done = true;
            committed = true;
        } finally {
            closed = true;
            dropCurrent();
            if (!done) {
                abortQuietly();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (committed || closed && uploadId == null) {
            closed = true;
            return;
        }
        closed = true;
        dropCurrent();
        abort();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(committed ? "writer for " + location + " is already committed"
                    : "writer for " + location + " is closed");
        }
    }

    /** Takes a part buffer, waiting while all of them are filled or in flight. */
    private PartBuffer newBuffer() throws IOException {
        try {
            while (!buffers.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a part upload of " + location);
        }
        try {
            throwIfFailed();
        } catch (IOException e) {
            buffers.release();
            throw e;
        }
        return new PartBuffer(target.partSize());
    }

    /** Hands a filled buffer (and the permit it holds) to an upload task. */
    private void submit(PartBuffer part) throws IOException {
        boolean handedOver = false;
        try {
            throwIfFailed();
            if (uploadId == null) {
                startUpload();
            }
            int number = ++partsSubmitted;
            if (number > MAX_PARTS) {
                throw new IOException("writing " + location + " needs more than " + MAX_PARTS + " parts of "
                        + target.partSize() + " bytes, the most S3 allows; configure a larger partSize");
            }
            String id = uploadId;
            uploads.add(target.executor().submit(() -> uploadPart(id, number, part)));
            handedOver = true;
        } catch (RejectedExecutionException e) {
            throw new IOException("cannot upload " + location + ": the storage is closed", e);
        } finally {
            if (!handedOver) {
                buffers.release();
            }
        }
    }

    /** Forgets the buffer being filled and gives back its permit. */
    private void dropCurrent() {
        if (current != null) {
            current = null;
            buffers.release();
        }
    }

    private void uploadPart(String id, int number, PartBuffer part) {
        try {
            String md5 = part.seal();
            UploadPartResponse response = target.client().uploadPart(request -> request
                            .bucket(target.bucket()).key(objectKey).uploadId(id).partNumber(number)
                            .contentLength(part.size()).contentMD5(md5),
                    RequestBody.fromContentProvider(part::newStream, part.size(), "application/octet-stream"));
            completed.put(number, CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            buffers.release();
        }
    }

    private void startUpload() throws IOException {
        try {
            uploadId = target.client().createMultipartUpload(target.options()
                    .applyTo(CreateMultipartUploadRequest.builder().bucket(target.bucket()).key(objectKey)
                            .contentType("application/octet-stream"))
                    .build()).uploadId();
        } catch (SdkException e) {
            throw S3Failures.wrap("starting the multipart upload", location, e);
        }
        target.openUploads().add(uploadId);
    }

    private void putWhole(PartBuffer content) throws IOException {
        String md5 = content.seal();
        try {
            target.client().putObject(target.options().applyTo(PutObjectRequest.builder().bucket(target.bucket())
                            .key(objectKey).contentLength(content.size()).contentMD5(md5)
                            .contentType("application/octet-stream")).build(),
                    RequestBody.fromContentProvider(content::newStream, content.size(), "application/octet-stream"));
        } catch (SdkException e) {
            throw S3Failures.wrap("PutObject", location, e);
        }
    }

    private void awaitUploads() throws IOException {
        for (Future<?> upload : uploads) {
            try {
                upload.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the parts of " + location);
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
            }
        }
    }

    private void completeUpload() throws IOException {
        List<CompletedPart> parts = new ArrayList<>(completed.values());
        parts.sort(Comparator.comparing(CompletedPart::partNumber));
        if (parts.size() != partsSubmitted) {
            throw new IOException("only " + parts.size() + " of " + partsSubmitted + " parts of " + location
                    + " were uploaded");
        }
        try {
            target.client().completeMultipartUpload(request -> request.bucket(target.bucket()).key(objectKey)
                    .uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)));
        } catch (SdkException e) {
            throw S3Failures.wrap("CompleteMultipartUpload", location, e);
        }
        target.openUploads().remove(uploadId);
    }

    private void throwIfFailed() throws IOException {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof SdkException e) {
            throw S3Failures.wrap("uploading a part", location, e);
        }
        throw new IOException("uploading a part of " + location + " failed: " + t, t);
    }

    private void abortQuietly() {
        try {
            abort();
        } catch (IOException e) {
            // already logged by abort(); the caller sees the original failure
        }
    }

    /** Stops the part uploads, waits for them, and aborts the multipart upload (when one was started). */
    private void abort() throws IOException {
        if (uploadId == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            for (Future<?> upload : uploads) {
                upload.cancel(true);
            }
            // Cancelled tasks may still be running; their permits come back when they stop.
            if (!buffers.tryAcquire(target.maxPartsInFlight(), ABORT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("part uploads of {} did not stop within {} s; aborting the upload anyway", location,
                        ABORT_WAIT_SECONDS);
            }
            target.client().abortMultipartUpload(request -> request.bucket(target.bucket()).key(objectKey)
                    .uploadId(uploadId));
        } catch (InterruptedException e) {
            interrupted = true;
            throw new InterruptedIOException("interrupted while aborting the upload of " + location);
        } catch (SdkException e) {
            if (S3Failures.status(e) == S3Failures.NOT_FOUND) {
                return; // already gone
            }
            IOException wrapped = S3Failures.wrap("AbortMultipartUpload", location, e);
            LOG.warn("{}; the invisible upload stays until cleanupLeftovers removes it", wrapped.getMessage());
            throw wrapped;
        } finally {
            target.openUploads().remove(uploadId);
            uploadId = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
