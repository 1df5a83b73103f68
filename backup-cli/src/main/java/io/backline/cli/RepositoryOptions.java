package io.backline.cli;

import io.backline.core.spi.Storage;
import io.backline.core.storage.LocalStorage;
import io.backline.s3.S3Storage;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --repo}: where the repository lives — a local directory, or {@code s3://bucket/prefix} with the
 * {@code --s3-*} options. S3 credentials come from the standard {@code AWS_*} variables or profiles, never flags.
 */
final class RepositoryOptions {
    @Option(names = "--repo", required = true, paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "The repository: a local directory or s3://bucket/prefix.")
    String repo;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3-compatible service URL (MinIO, Ceph, R2, B2…); AWS S3 when absent.")
    URI s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (default: AWS_REGION/profile).")
    String s3Region;

    @Option(names = "--s3-path-style", description = "Address the bucket in the path, as MinIO needs.")
    boolean s3PathStyle;

    Storage open() {
        if (repo.startsWith("s3://")) {
            return S3Storage.fromUri(URI.create(repo), s3Endpoint, s3Region, s3PathStyle);
        }
        if (s3Endpoint != null || s3Region != null || s3PathStyle) {
            throw new IllegalArgumentException("--s3-endpoint, --s3-region and --s3-path-style need an s3:// --repo");
        }
        return LocalStorage.at(Path.of(repo));
    }
}
