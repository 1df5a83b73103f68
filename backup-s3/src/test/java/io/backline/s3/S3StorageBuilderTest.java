package io.backline.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** Configuration: precise messages for bad settings, and no credential ever printed. */
class S3StorageBuilderTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static S3Storage.Builder minimal() {
        return S3Storage.builder().bucket("my-bucket").region("eu-central-1")
                .endpointOverride(URI.create("http://127.0.0.1:9"));
    }

    @Test
    void describeAndToString_showTheLocationOnly_neverCredentials() {
        try (S3Storage storage = minimal().keyPrefix("/backups/app/").credentials("AKIDEXAMPLE", SECRET).build()) {
            assertThat(storage.describe()).isEqualTo("s3://my-bucket/backups/app");
            assertThat(storage.toString()).isEqualTo("S3Storage[s3://my-bucket/backups/app]");
            assertThat(storage.keyPrefix()).isEqualTo("backups/app/");
            assertThat(storage.toString() + storage.describe()).doesNotContain(SECRET).doesNotContain("AKIDEXAMPLE");
        }
        try (S3Storage whole = minimal().build()) {
            assertThat(whole.describe()).isEqualTo("s3://my-bucket");
        }
    }

    @Test
    void fromUri_takesBucketAndPrefixFromTheLocation() {
        try (S3Storage storage = S3Storage.fromUri(URI.create("s3://backups-eu/prod/app"),
                URI.create("http://localhost:9000"), "us-east-1", true)) {
            assertThat(storage.bucket()).isEqualTo("backups-eu");
            assertThat(storage.keyPrefix()).isEqualTo("prod/app/");
        }
        try (S3Storage storage = S3Storage.fromUri(URI.create("s3://backups-eu"), null, "eu-west-1", false)) {
            assertThat(storage.describe()).isEqualTo("s3://backups-eu");
        }
    }

    @Test
    void location_thatIsNotAnS3Uri_isRefusedNamingIt() {
        assertThatThrownBy(() -> S3Storage.builder().location(URI.create("https://host/bucket")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://bucket/prefix")
                .hasMessageContaining("https://host/bucket");
        assertThatThrownBy(() -> S3Storage.builder().location(URI.create("s3:///prefix")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a bucket");
        assertThatThrownBy(() -> S3Storage.builder().location(URI.create("s3://bucket/a/../b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
    }

    @Test
    void credentialsInAUri_areRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> S3Storage.builder().endpointOverride(URI.create("http://key:" + SECRET.replace("/",
                "") + "@localhost:9000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wJalr"));
        assertThatThrownBy(() -> S3Storage.builder().location(URI.create("s3://key:secretpart@bucket/p")))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretpart"));
    }

    @Test
    void settingsOutOfRange_areRefusedWithWhatWasExpectedAndWhatWasGiven() {
        assertThatThrownBy(() -> S3Storage.builder().partSize(1024))
                .hasMessage("partSize needs to be between 5242880 (5 MiB) and 5368709120 (5 GiB) bytes, not 1024");
        assertThatThrownBy(() -> S3Storage.builder().maxPartsInFlight(0))
                .hasMessage("maxPartsInFlight needs to be between 1 and 32, not 0");
        assertThatThrownBy(() -> S3Storage.builder().maxAttempts(50))
                .hasMessage("maxAttempts needs to be between 1 and 20, not 50");
        assertThatThrownBy(() -> S3Storage.builder().apiCallAttemptTimeout(Duration.ZERO))
                .hasMessage("apiCallAttemptTimeout needs to be > 0, not PT0S");
        assertThatThrownBy(() -> S3Storage.builder().bucket("a/b"))
                .hasMessageContaining("bucket needs to be a bucket name").hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> S3Storage.builder().region("EU Central"))
                .hasMessageContaining("region needs to be a region name");
        assertThatThrownBy(() -> S3Storage.builder().endpointOverride(URI.create("ftp://host")))
                .hasMessageContaining("endpointOverride needs to be an http or https URL");
        assertThatThrownBy(() -> S3Storage.builder().storageClass(StorageClass.DEEP_ARCHIVE))
                .hasMessageContaining("readable without a restore").hasMessageContaining("DEEP_ARCHIVE");
        assertThatThrownBy(() -> S3Storage.builder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("retryBackoff max needs to be >= base");
    }

    @Test
    void build_withoutBucket_failsSayingSo() {
        assertThatThrownBy(() -> S3Storage.builder().region("eu-central-1").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("bucket needs to be set");
    }

    @Test
    void build_withAttemptTimeoutLongerThanTheCallTimeout_failsNamingBoth() {
        assertThatThrownBy(() -> minimal().apiCallTimeout(Duration.ofSeconds(10))
                .apiCallAttemptTimeout(Duration.ofSeconds(30)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("apiCallAttemptTimeout (PT30S) needs to be <= apiCallTimeout (PT10S)");
    }

    @Test
    void givenClient_excludesSettingsThatBelongToTheClient() {
        try (S3Client client = S3Client.builder().region(Region.US_EAST_1).build()) {
            assertThatThrownBy(() -> S3Storage.builder().bucket("my-bucket").client(client).region("eu-west-1")
                    .maxAttempts(3).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("client(...) was given, so region, maxAttempts belong to that client; set them when "
                            + "building it instead");
            try (S3Storage storage = S3Storage.builder().bucket("my-bucket").client(client).build()) {
                assertThat(storage.describe()).isEqualTo("s3://my-bucket");
            }
        }
    }
}
