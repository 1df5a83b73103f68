package io.backline.analytics;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.manifest.SourceKind;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.storage.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes manifests and verification records straight into an in-memory repository: histories in milliseconds. */
public final class SyntheticRepository {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final InMemoryStorage storage = InMemoryStorage.create(Clock.systemUTC());
    private int counter;

    public SyntheticRepository() {
        storage.put("backline-repository.json",
                "{\"format\":\"backline\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
    }

    public InMemoryStorage storage() {
        return storage;
    }

    /** A completed backup of {@code storedBytes} (content twice that) taking {@code took}. */
    public String completed(String source, Instant startedAt, long storedBytes, Duration took) {
        return put(manifest(source, startedAt, BackupStatus.COMPLETED, took, storedBytes, null, null));
    }

    /** A completed backup whose artifact retention deleted at {@code deletedAt}. */
    String deleted(String source, Instant startedAt, long storedBytes, Instant deletedAt) {
        return put(manifest(source, startedAt, BackupStatus.COMPLETED, Duration.ofMinutes(1), storedBytes, null,
                deletedAt));
    }

    /** A failed attempt. */
    public String failed(String source, Instant startedAt, String stage, String message) {
        return put(manifest(source, startedAt, BackupStatus.FAILED, Duration.ofSeconds(5), 0,
                new BackupManifest.ErrorInfo(stage, "ToolException", message), null));
    }

    /** A RUNNING attempt without a lock: reads as INTERRUPTED. */
    String interrupted(String source, Instant startedAt) {
        return put(manifest(source, startedAt, BackupStatus.RUNNING, null, 0, null, null));
    }

    /** A verification record of a backup. */
    public void verification(String source, String id, Instant startedAt, VerificationRecord.Outcome outcome) {
        VerificationRecord record = new VerificationRecord(1, id, source, "INTEGRITY", outcome, startedAt,
                startedAt.plusSeconds(30), Duration.ofSeconds(30), 1000, null,
                outcome == VerificationRecord.Outcome.FAILED
                        ? new BackupManifest.ErrorInfo("DECRYPT", "IntegrityException", "bad tag in chunk 3") : null,
                null);
        String key = source + "/" + id + ".verify-" + ID_TIME.format(startedAt) + ".json";
        try {
            storage.put(key, ManifestCodec.mapper().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BackupManifest manifest(String source, Instant startedAt, BackupStatus status, Duration took,
                                   long storedBytes, BackupManifest.ErrorInfo error, Instant deletedAt) {
        return manifest(source, id(startedAt, source.hashCode() & 0xffffff), startedAt, status, took, storedBytes,
                error, deletedAt);
    }

    static BackupManifest manifest(String source, String id, Instant startedAt, BackupStatus status, Duration took,
                                   long storedBytes, BackupManifest.ErrorInfo error, Instant deletedAt) {
        BackupManifest.ArtifactInfo artifact = status == BackupStatus.COMPLETED
                ? new BackupManifest.ArtifactInfo(id + ".tar.zst", storedBytes, "00", storedBytes * 2, "00") : null;
        return new BackupManifest(id, 1, new BackupManifest.SourceInfo(source, SourceKind.FILES, "/srv/" + source),
                null, status, startedAt, took == null ? null : startedAt.plus(took), took, error, artifact,
                new BackupManifest.CompressionInfo("zstd", 3), new BackupManifest.EncryptionInfo("none", null),
                new BackupManifest.PayloadInfo("tar-pax"), null, null, null, deletedAt);
    }

    static String id(Instant startedAt, int salt) {
        String suffix = Integer.toString(Math.abs(salt) % 1_000_000, 36);
        return ID_TIME.format(startedAt) + "-" + String.format(Locale.ROOT, "%8s", suffix).replace(' ', 'a');
    }

    private String put(BackupManifest manifest) {
        BackupManifest unique = new BackupManifest(id(manifest.startedAt(), counter++), manifest.formatVersion(),
                manifest.source(), manifest.labels(), manifest.status(), manifest.startedAt(), manifest.finishedAt(),
                manifest.duration(), manifest.error(), manifest.artifact(), manifest.compression(),
                manifest.encryption(), manifest.payload(), manifest.database(), manifest.files(), manifest.host(),
                manifest.deletedAt());
        storage.put(manifest.source().name() + "/" + unique.id() + ".manifest.json", ManifestCodec.write(unique));
        return unique.id();
    }
}
