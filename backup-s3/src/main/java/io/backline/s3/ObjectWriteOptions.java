package io.backline.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * What every object write carries: storage class, server-side encryption and object-lock retention. Nulls mean "leave
 * it to the bucket's defaults".
 */
record ObjectWriteOptions(StorageClass storageClass, ServerSideEncryption serverSideEncryption, String kmsKeyId,
                          ObjectLockMode lockMode, Duration lockRetention, Clock clock) {

    PutObjectRequest.Builder applyTo(PutObjectRequest.Builder request) {
        if (storageClass != null) {
            request.storageClass(storageClass);
        }
        if (serverSideEncryption != null) {
            request.serverSideEncryption(serverSideEncryption);
        }
        if (kmsKeyId != null) {
            request.ssekmsKeyId(kmsKeyId);
        }
        if (lockRetention != null) {
            request.objectLockMode(lockMode).objectLockRetainUntilDate(retainUntil());
        }
        return request;
    }

    CreateMultipartUploadRequest.Builder applyTo(CreateMultipartUploadRequest.Builder request) {
        if (storageClass != null) {
            request.storageClass(storageClass);
        }
        if (serverSideEncryption != null) {
            request.serverSideEncryption(serverSideEncryption);
        }
        if (kmsKeyId != null) {
            request.ssekmsKeyId(kmsKeyId);
        }
        if (lockRetention != null) {
            request.objectLockMode(lockMode).objectLockRetainUntilDate(retainUntil());
        }
        return request;
    }

    private Instant retainUntil() {
        return clock.instant().plus(lockRetention);
    }

    /** For describing the configuration in logs: names only, never key material (a KMS key id is not a secret). */
    String summary() {
        StringBuilder text = new StringBuilder();
        text.append("storageClass=").append(storageClass == null ? "bucket default" : storageClass);
        text.append(", sse=").append(serverSideEncryption == null ? "bucket default" : serverSideEncryption);
        if (kmsKeyId != null) {
            text.append(" (key ").append(kmsKeyId).append(')');
        }
        if (lockRetention != null) {
            text.append(", objectLock=").append(lockMode).append(' ').append(lockRetention);
        }
        return text.toString();
    }
}
