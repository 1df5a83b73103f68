package io.backline.s3;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK client an {@link S3Storage} uses, from the builder's settings and Backline's defaults. */
final class S3Clients {
    static final Duration API_CALL_TIMEOUT = Duration.ofMinutes(15);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofMinutes(2);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 10;
    static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(20);

    private S3Clients() {
    }

    static AwsCredentialsProvider staticCredentials(String accessKeyId, String secretAccessKey) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("credentials need a non-blank access key id and secret access key");
        }
        // AwsBasicCredentials.toString() redacts the secret.
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    static S3Client build(S3Storage.Builder settings) {
        Duration attempt = orDefault(settings.apiCallAttemptTimeout, API_CALL_ATTEMPT_TIMEOUT);
        Duration call = orDefault(settings.apiCallTimeout, API_CALL_TIMEOUT);
        if (settings.apiCallTimeout == null && attempt.compareTo(call) > 0) {
            call = attempt;
        }
        Duration base = orDefault(settings.backoffBase, BACKOFF_BASE);
        Duration max = orDefault(settings.backoffMax, BACKOFF_MAX);
        int attempts = settings.maxAttempts == null ? MAX_ATTEMPTS : settings.maxAttempts;
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(call)
                .apiCallAttemptTimeout(attempt)
                // The circuit breaker would stop retrying a long upload after a burst of earlier failures.
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(attempts)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(base, max))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(base.multipliedBy(5),
                                max.compareTo(base.multipliedBy(5)) < 0 ? base.multipliedBy(5) : max))
                        .circuitBreakerEnabled(false)
                        .build())
                .build();
        S3ClientBuilder builder = S3Client.builder()
                .region(region(settings))
                .forcePathStyle(settings.pathStyleAccess)
                // Backline sends Content-MD5 on every upload itself; the SDK's default CRC trailers
                // (aws-chunked with x-amz-trailer) are refused by many S3-compatible stores.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(orDefault(settings.connectionTimeout, CONNECTION_TIMEOUT))
                        .socketTimeout(orDefault(settings.socketTimeout, SOCKET_TIMEOUT)))
                .overrideConfiguration(override);
        if (settings.endpoint != null) {
            builder.endpointOverride(settings.endpoint);
        }
        if (settings.credentialsProvider != null) {
            builder.credentialsProvider(settings.credentialsProvider);
        } // else the SDK's default chain, which the client owns and closes

        return builder.build();
    }

    private static Region region(S3Storage.Builder settings) {
        if (settings.region != null) {
            return settings.region;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            if (settings.endpoint != null) {
                // S3-compatible stores mostly ignore the region, but requests must be signed for one.
                return Region.US_EAST_1;
            }
            throw new IllegalStateException("region needs to be set: none was given and the SDK found none in "
                    + "AWS_REGION, the aws.region system property or the profile", e);
        }
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
