package io.backline.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backline.core.internal.LockRecord;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.manifest.BackupManifest.CompressionInfo;
import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.EncryptionInfo;
import io.backline.core.manifest.BackupManifest.ErrorInfo;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.BackupManifest.HostInfo;
import io.backline.core.manifest.BackupManifest.PayloadInfo;
import io.backline.core.manifest.BackupManifest.SkippedEntry;
import io.backline.core.manifest.BackupManifest.SourceInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.VerificationRecord.Outcome;
import io.backline.core.manifest.VerificationRecord.StageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming JSON of manifests, verification records and lock leases is, byte for byte, what Jackson's data
 * binding with {@link ManifestCodec#newMapper()} writes, and reads back what data binding reads.
 */
class ManifestJsonTest {
    private static final ObjectMapper BINDING = ManifestCodec.newMapper();
    private static final Instant STARTED = Instant.parse("2026-11-29T13:39:07.271961463Z");

    static Stream<BackupManifest> manifests() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("env", "prod");
        labels.put("quote\"and\\back", "line\nbreak \u00e9\u4e2d");
        BackupManifest files = new BackupManifest("20261129T133907Z-5mhvhh3h", 1,
                new SourceInfo("app-files", SourceKind.FILES, "/srv/app"), labels, BackupStatus.COMPLETED,
                STARTED, STARTED.plusSeconds(4), Duration.ofNanos(4_488_301_907L), null,
                new ArtifactInfo("x.tar.zst.age", 575_552_142L, "28".repeat(32), 1_089_376_768L, "3e".repeat(32)),
                new CompressionInfo("zstd", 3), new EncryptionInfo("age-v1", List.of("age1a", "age1b")),
                new PayloadInfo("tar-pax"), null,
                new FilesInfo("/srv/app", 20_226, 224, 3, 1L << 30,
                        List.of(new SkippedEntry("a/b", "unreadable"), new SkippedEntry("c", null))),
                new HostInfo(null, "0.1.0", "25.0.3"), STARTED.plusSeconds(86_400));
        BackupManifest database = new BackupManifest("20261129T140000Z-abcdefgh", 1,
                new SourceInfo("orders", SourceKind.DATABASE, null), Map.of(), BackupStatus.FAILED,
                Instant.ofEpochSecond(1_795_000_000L), null, null,
                new ErrorInfo("SOURCE", "ToolException", "pg_dump exited with status 1"), null,
                new CompressionInfo(null, 0), new EncryptionInfo("none", null), new PayloadInfo(null),
                new DatabaseInfo("PostgreSQL", "15.19", "pg_dump", "15.19", "orders",
                        List.of(new TableInfo("public", "accounts", 6_000_000L, true),
                                new TableInfo(null, "events", 0L, false))),
                null, null, null);
        BackupManifest minimal = new BackupManifest("20261129T150000Z-minimal0", 1,
                new SourceInfo("m", SourceKind.FILES, null), null, BackupStatus.RUNNING, null, null, null, null,
                null, null, null, null, null, null, null, null);
        return Stream.of(files, database, minimal);
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void writesAManifestExactlyAsDataBindingDoes(BackupManifest manifest) throws Exception {
        assertThat(new String(ManifestCodec.write(manifest), StandardCharsets.UTF_8))
                .isEqualTo(BINDING.writeValueAsString(manifest));
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void readsBackWhatDataBindingWrote(BackupManifest manifest) throws Exception {
        assertThat(ManifestCodec.read(BINDING.writeValueAsBytes(manifest), "k")).isEqualTo(manifest);
        assertThat(BINDING.readValue(ManifestCodec.write(manifest), BackupManifest.class)).isEqualTo(manifest);
    }

    @Test
    void skipsUnknownFieldsOfAnyShapeAndAcceptsNumbersOfSeconds() throws Exception {
        String json = """
                {"future": {"nested": [1, {"deep": null}], "x": "y"}, "id": "i", "formatVersion": 1,
                 "source": {"name": "s", "kind": "files", "extra": [true]},
                 "status": "COMPLETED", "startedAt": 1795000000.5, "duration": 2.25,
                 "files": {"fileCount": "7", "skipped": null, "more": {}}, "tail": []}
                """;
        BackupManifest manifest = ManifestCodec.read(json.getBytes(StandardCharsets.UTF_8), "k");

        assertThat(manifest.id()).isEqualTo("i");
        assertThat(manifest.startedAt()).isEqualTo(Instant.ofEpochSecond(1_795_000_000L, 500_000_000L));
        assertThat(manifest.duration()).isEqualTo(Duration.ofMillis(2250));
        assertThat(manifest.files().fileCount()).isEqualTo(7);
        assertThat(manifest.files().skipped()).isEmpty();
        assertThat(manifest).isEqualTo(BINDING.readValue(json, BackupManifest.class));
    }

    @Test
    void refusesAManifestWithAnUnknownStatusOrMissingSource() {
        byte[] badStatus = utf8("{\"id\":\"i\",\"formatVersion\":1,\"source\":{\"name\":\"s\",\"kind\":\"files\"},"
                + "\"status\":\"DONE\"}");
        byte[] noSource = utf8("{\"id\":\"i\",\"formatVersion\":1,\"status\":\"COMPLETED\"}");

        assertThatThrownBy(() -> ManifestCodec.read(badStatus, "s/i.manifest.json"))
                .isInstanceOf(ManifestCodec.MalformedManifestException.class)
                .hasMessageContaining("s/i.manifest.json").hasMessageContaining("fields are missing or invalid");
        assertThatThrownBy(() -> ManifestCodec.read(noSource, "s/i.manifest.json"))
                .isInstanceOf(ManifestCodec.MalformedManifestException.class)
                .hasMessageContaining("fields are missing or invalid");
    }

    @Test
    void writesAndReadsAVerificationRecordAsDataBindingDoes() throws Exception {
        VerificationRecord full = new VerificationRecord(1, "20261129T133907Z-5mhvhh3h", "app-files", "INTEGRITY",
                Outcome.FAILED, STARTED, STARTED.plusMillis(2500), Duration.ofMillis(2500), 575_552_142L,
                List.of(new StageResult("CHECKSUM", Outcome.PASSED, Duration.ofMillis(10), null),
                        new StageResult("DECRYPT", Outcome.FAILED, null, "chunk 3 fails authentication")),
                new ErrorInfo("DECRYPT", "IntegrityException", "chunk 3"), new HostInfo("h", null, "17"));
        VerificationRecord minimal = new VerificationRecord(1, "b", "s", null, Outcome.SKIPPED, null, null, null, 0,
                null, null, null);

        for (VerificationRecord record : List.of(full, minimal)) {
            assertThat(new String(ManifestCodec.write(record), StandardCharsets.UTF_8))
                    .isEqualTo(BINDING.writeValueAsString(record));
            assertThat(ManifestCodec.readVerification(BINDING.writeValueAsBytes(record))).isEqualTo(record);
        }
    }

    @Test
    void refusesAVerificationRecordThatIsNotOne() {
        assertThatThrownBy(() -> ManifestCodec.readVerification(utf8("[1,2]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ManifestCodec.readVerification(utf8("{\"backupId\":\"b\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("not a verification record");
    }

    @Test
    void writesAndReadsALockLeaseAsDataBindingDoes() throws Exception {
        LockRecord lease = new LockRecord("20261129T133907Z-5mhvhh3h", "host-1", 4242L, STARTED,
                STARTED.plusSeconds(600));
        LockRecord blank = new LockRecord(null, null, 0, null, null);

        for (LockRecord record : List.of(lease, blank)) {
            assertThat(new String(record.toJson(), StandardCharsets.UTF_8))
                    .isEqualTo(BINDING.writeValueAsString(record));
            assertThat(LockRecord.fromJson(BINDING.writeValueAsBytes(record))).isEqualTo(record);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
