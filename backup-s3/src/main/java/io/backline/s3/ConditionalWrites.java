package io.backline.s3;

/**
 * How {@link S3Storage#putIfAbsent} makes sure it never replaces an existing object, which Backline's per-source lock
 * and the first write of each manifest rely on.
 */
public enum ConditionalWrites {
    /**
     * Sends {@code PutObject} with {@code If-None-Match: *}: the service itself refuses the write (412) when the key
     * exists, atomically, also across processes and machines. AWS S3 (since 2024), MinIO, Ceph RGW and Cloudflare R2
     * support it. A service that does not may ignore the header and overwrite silently (s3proxy 2.7 does), so use
     * {@link #EMULATED} there. A service that refuses it with 501 Not Implemented makes {@code putIfAbsent} fail with
     * a message pointing here.
     */
    NATIVE,

    /**
     * Checks with {@code HeadObject} and then writes with a plain {@code PutObject}, one at a time within this
     * {@link S3Storage} instance. Atomic between threads sharing the instance, but <em>racy across processes</em>: two
     * processes (or two instances) may both see the key missing and both write, the later one winning. Use it only
     * for services without conditional writes, and only where one process writes each source at a time.
     */
    EMULATED
}
