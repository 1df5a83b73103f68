package io.backline.core.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one backup attempt, stored as {@code <source>/<id>.manifest.json} (DESIGN §5).
 *
 * <p>A manifest holds no secret: source descriptions carry no credentials and encryption is described by public
 * recipients or the word {@code scrypt}. Unknown fields are ignored when read; a newer {@code formatVersion} is
 * refused by {@link ManifestCodec}. Instances are immutable; the {@code with…} methods return changed copies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupManifest(
        String id,
        int formatVersion,
        SourceInfo source,
        Map<String, String> labels,
        BackupStatus status,
        Instant startedAt,
        Instant finishedAt,
        Duration duration,
        ErrorInfo error,
        ArtifactInfo artifact,
        CompressionInfo compression,
        EncryptionInfo encryption,
        PayloadInfo payload,
        DatabaseInfo database,
        FilesInfo files,
        HostInfo host,
        Instant deletedAt) {

    /** The manifest format this library writes. */
    public static final int FORMAT_VERSION = 1;

    public BackupManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Reference used in messages: {@code source/id}. */
    public String ref() {
        return source.name() + "/" + id;
    }

    public BackupManifest withStatus(BackupStatus newStatus) {
        return new BackupManifest(id, formatVersion, source, labels, newStatus, startedAt, finishedAt, duration, error,
                artifact, compression, encryption, payload, database, files, host, deletedAt);
    }

    /** A copy that records the end of the attempt. */
    public BackupManifest finished(BackupStatus newStatus, Instant at, ErrorInfo newError) {
        Duration took = startedAt == null ? null : Duration.between(startedAt, at);
        return new BackupManifest(id, formatVersion, source, labels, newStatus, startedAt, at, took, newError,
                artifact, compression, encryption, payload, database, files, host, deletedAt);
    }

    public BackupManifest withArtifact(ArtifactInfo newArtifact) {
        return new BackupManifest(id, formatVersion, source, labels, status, startedAt, finishedAt, duration, error,
                newArtifact, compression, encryption, payload, database, files, host, deletedAt);
    }

    public BackupManifest withContent(DatabaseInfo newDatabase, FilesInfo newFiles) {
        return new BackupManifest(id, formatVersion, source, labels, status, startedAt, finishedAt, duration, error,
                artifact, compression, encryption, payload, newDatabase, newFiles, host, deletedAt);
    }

    public BackupManifest withDeletedAt(Instant at) {
        return new BackupManifest(id, formatVersion, source, labels, status, startedAt, finishedAt, duration, error,
                artifact, compression, encryption, payload, database, files, host, at);
    }

    /** Where the backup came from; {@code description} never holds credentials. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SourceInfo(String name, SourceKind kind, String description) {
        public SourceInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Why an attempt failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorInfo(String stage, String type, String message) {
    }

    /**
     * The stored file: its name beside the manifest, its size and SHA-256 as stored, and the size and SHA-256 of the
     * payload before compression and encryption.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ArtifactInfo(String name, long storedBytes, String sha256, long contentBytes, String contentSha256) {
    }

    /** Compression algorithm ({@code zstd}, {@code gzip}, {@code none}) and level. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompressionInfo(String algorithm, int level) {
    }

    /** Encryption format ({@code age-v1} or {@code none}) and the public recipients, or {@code scrypt}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EncryptionInfo(String format, List<String> recipients) {
        public static final String NONE = "none";
        public static final String AGE_V1 = "age-v1";

        public EncryptionInfo {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }

        /** Whether the artifact is encrypted. */
        public boolean encrypted() {
            return !NONE.equals(format);
        }
    }

    /** The payload's format, e.g. {@code tar-pax}, {@code pg_dump-custom}, {@code mysqldump-sql}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PayloadInfo(String format) {
    }

    /** What a database backup holds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DatabaseInfo(String product, String serverVersion, String tool, String toolVersion, String database,
                               List<TableInfo> tables) {
        public DatabaseInfo {
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }

    /** One table and its row count; {@code rowsExact} says whether the count is exact for the dumped snapshot. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TableInfo(String schema, String name, long rows, boolean rowsExact) {
    }

    /** What a file-tree backup holds, and what it skipped and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FilesInfo(String root, long fileCount, long dirCount, long symlinkCount, long totalBytes,
                            List<SkippedEntry> skipped) {
        public FilesInfo {
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }
    }

    /** A path left out of a file-tree backup and the reason. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SkippedEntry(String path, String reason) {
    }

    /** The host and library that wrote the backup. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostInfo(String hostname, String libraryVersion, String javaVersion) {
    }
}
