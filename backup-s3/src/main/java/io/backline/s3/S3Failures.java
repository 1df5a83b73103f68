package io.backline.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Turns the SDK's unchecked exceptions into the {@link IOException}s the storage SPI speaks, with messages that name
 * the operation and the object (never credentials: the SDK's messages carry none, and neither do ours).
 */
final class S3Failures {
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    static final int PRECONDITION_FAILED = 412;
    static final int RANGE_NOT_SATISFIABLE = 416;
    static final int NOT_IMPLEMENTED = 501;

    private S3Failures() {
    }

    static int status(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : -1;
    }

    static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    /** Whether the object (not the bucket) is missing. */
    static boolean isMissingObject(SdkException e) {
        if (e instanceof NoSuchKeyException) {
            return true;
        }
        // HEAD answers carry no body, so a 404 there has no error code at all.
        return status(e) == NOT_FOUND && !"NoSuchBucket".equals(errorCode(e));
    }

    /** Wraps {@code e} as an IOException naming {@code operation} and {@code location}. */
    static IOException wrap(String operation, String location, SdkException e) {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            InterruptedIOException interrupted = new InterruptedIOException(operation + " of " + location
                    + " was interrupted");
            interrupted.initCause(e);
            return interrupted;
        }
        StringBuilder message = new StringBuilder(operation).append(" of ").append(location).append(" failed: ");
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            message.append("timed out: ");
        }
        if (e instanceof AwsServiceException service) {
            message.append("HTTP ").append(service.statusCode());
            String code = errorCode(e);
            if (!code.isEmpty()) {
                message.append(' ').append(code);
            }
            if ("NoSuchBucket".equals(code)) {
                message.append(" (the bucket does not exist)");
            } else if (service.statusCode() == 403) {
                message.append(" (access denied: check the credentials and the IAM policy)");
            }
            String detail = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            if (detail != null && !detail.isBlank()) {
                message.append(": ").append(detail);
            }
        } else {
            message.append(e.getMessage());
        }
        return new IOException(message.toString(), e);
    }
}
