package io.backline.core.manifest;

import static io.backline.core.internal.JsonStreams.bool;
import static io.backline.core.internal.JsonStreams.duration;
import static io.backline.core.internal.JsonStreams.instant;
import static io.backline.core.internal.JsonStreams.intNumber;
import static io.backline.core.internal.JsonStreams.list;
import static io.backline.core.internal.JsonStreams.nullable;
import static io.backline.core.internal.JsonStreams.number;
import static io.backline.core.internal.JsonStreams.object;
import static io.backline.core.internal.JsonStreams.optional;
import static io.backline.core.internal.JsonStreams.skip;
import static io.backline.core.internal.JsonStreams.text;
import static io.backline.core.internal.JsonStreams.textFields;
import static io.backline.core.internal.JsonStreams.textMap;
import static io.backline.core.internal.JsonStreams.texts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.backline.core.internal.JsonStreams;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link BackupManifest} and {@link VerificationRecord}, field for field what data binding with
 * {@link ManifestCodec#newMapper()} writes and reads (records in component order; {@code null} fields left out where
 * the record says {@code NON_NULL}, written as {@code null} elsewhere), through {@link JsonStreams}.
 */
final class ManifestJson {
    private ManifestJson() {
    }

    static byte[] write(BackupManifest manifest) {
        return JsonStreams.write(json -> writeManifest(json, manifest));
    }

    static byte[] write(VerificationRecord record) {
        return JsonStreams.write(json -> writeRecord(json, record));
    }

    /** @throws IOException or a runtime exception when the document is not a manifest */
    static BackupManifest readManifest(byte[] document) throws IOException {
        ManifestFields fields = new ManifestFields();
        JsonStreams.read(document, fields);
        return fields.build();
    }

    /** @throws IOException or a runtime exception when the document is not a verification record */
    static VerificationRecord readRecord(byte[] document) throws IOException {
        RecordFields fields = new RecordFields();
        JsonStreams.read(document, fields);
        return fields.build();
    }

    private static void writeManifest(JsonGenerator json, BackupManifest m) throws IOException {
        json.writeStartObject();
        optional(json, "id", m.id());
        json.writeNumberField("formatVersion", m.formatVersion());
        if (m.source() != null) {
            json.writeFieldName("source");
            json.writeStartObject();
            optional(json, "name", m.source().name());
            optional(json, "kind", m.source().kind() == null ? null : m.source().kind().label());
            optional(json, "description", m.source().description());
            json.writeEndObject();
        }
        json.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : m.labels().entrySet()) {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
        optional(json, "status", m.status());
        optional(json, "startedAt", m.startedAt());
        optional(json, "finishedAt", m.finishedAt());
        optional(json, "duration", m.duration());
        if (m.error() != null) {
            json.writeFieldName("error");
            writeError(json, m.error());
        }
        if (m.artifact() != null) {
            ArtifactInfo a = m.artifact();
            json.writeObjectFieldStart("artifact");
            optional(json, "name", a.name());
            json.writeNumberField("storedBytes", a.storedBytes());
            optional(json, "sha256", a.sha256());
            json.writeNumberField("contentBytes", a.contentBytes());
            optional(json, "contentSha256", a.contentSha256());
            json.writeEndObject();
        }
        if (m.compression() != null) {
            json.writeObjectFieldStart("compression");
            nullable(json, "algorithm", m.compression().algorithm());
            json.writeNumberField("level", m.compression().level());
            json.writeEndObject();
        }
        if (m.encryption() != null) {
            json.writeObjectFieldStart("encryption");
            optional(json, "format", m.encryption().format());
            texts(json, "recipients", m.encryption().recipients());
            json.writeEndObject();
        }
        if (m.payload() != null) {
            json.writeObjectFieldStart("payload");
            nullable(json, "format", m.payload().format());
            json.writeEndObject();
        }
        if (m.database() != null) {
            writeDatabase(json, m.database());
        }
        if (m.files() != null) {
            writeFiles(json, m.files());
        }
        if (m.host() != null) {
            json.writeFieldName("host");
            writeHost(json, m.host());
        }
        optional(json, "deletedAt", m.deletedAt());
        json.writeEndObject();
    }

    private static void writeDatabase(JsonGenerator json, DatabaseInfo d) throws IOException {
        json.writeObjectFieldStart("database");
        optional(json, "product", d.product());
        optional(json, "serverVersion", d.serverVersion());
        optional(json, "tool", d.tool());
        optional(json, "toolVersion", d.toolVersion());
        optional(json, "database", d.database());
        json.writeArrayFieldStart("tables");
        for (TableInfo table : d.tables()) {
            json.writeStartObject();
            optional(json, "schema", table.schema());
            optional(json, "name", table.name());
            json.writeNumberField("rows", table.rows());
            json.writeBooleanField("rowsExact", table.rowsExact());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeFiles(JsonGenerator json, FilesInfo f) throws IOException {
        json.writeObjectFieldStart("files");
        optional(json, "root", f.root());
        json.writeNumberField("fileCount", f.fileCount());
        json.writeNumberField("dirCount", f.dirCount());
        json.writeNumberField("symlinkCount", f.symlinkCount());
        json.writeNumberField("totalBytes", f.totalBytes());
        json.writeArrayFieldStart("skipped");
        for (SkippedEntry entry : f.skipped()) {
            json.writeStartObject();
            nullable(json, "path", entry.path());
            nullable(json, "reason", entry.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeError(JsonGenerator json, ErrorInfo e) throws IOException {
        json.writeStartObject();
        optional(json, "stage", e.stage());
        optional(json, "type", e.type());
        optional(json, "message", e.message());
        json.writeEndObject();
    }

    private static void writeHost(JsonGenerator json, HostInfo h) throws IOException {
        json.writeStartObject();
        nullable(json, "hostname", h.hostname());
        nullable(json, "libraryVersion", h.libraryVersion());
        nullable(json, "javaVersion", h.javaVersion());
        json.writeEndObject();
    }

    private static void writeRecord(JsonGenerator json, VerificationRecord r) throws IOException {
        json.writeStartObject();
        json.writeNumberField("formatVersion", r.formatVersion());
        optional(json, "backupId", r.backupId());
        optional(json, "source", r.source());
        optional(json, "level", r.level());
        optional(json, "outcome", r.outcome());
        optional(json, "startedAt", r.startedAt());
        optional(json, "finishedAt", r.finishedAt());
        optional(json, "duration", r.duration());
        json.writeNumberField("bytesRead", r.bytesRead());
        json.writeArrayFieldStart("stages");
        for (StageResult stage : r.stages()) {
            json.writeStartObject();
            optional(json, "stage", stage.stage());
            optional(json, "outcome", stage.outcome());
            optional(json, "duration", stage.duration());
            optional(json, "message", stage.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (r.failure() != null) {
            json.writeFieldName("failure");
            writeError(json, r.failure());
        }
        if (r.host() != null) {
            json.writeFieldName("host");
            writeHost(json, r.host());
        }
        json.writeEndObject();
    }

    /** The fields of a manifest as they are read. */
    private static final class ManifestFields implements JsonStreams.Fields {
        private String id;
        private int formatVersion;
        private SourceInfo source;
        private Map<String, String> labels;
        private BackupStatus status;
        private Instant startedAt;
        private Instant finishedAt;
        private Duration duration;
        private ErrorInfo error;
        private ArtifactInfo artifact;
        private CompressionInfo compression;
        private EncryptionInfo encryption;
        private PayloadInfo payload;
        private DatabaseInfo database;
        private FilesInfo files;
        private HostInfo host;
        private Instant deletedAt;

        @Override
        public void field(String name, JsonParser json) throws IOException {
            switch (name) {
                case "id" -> id = text(json);
                case "formatVersion" -> formatVersion = intNumber(json);
                case "source" -> source = readSource(json);
                case "labels" -> labels = textMap(json);
                case "status" -> status = enumValue(BackupStatus.class, text(json));
                case "startedAt" -> startedAt = instant(json);
                case "finishedAt" -> finishedAt = instant(json);
                case "duration" -> duration = duration(json);
                case "error" -> error = readError(json);
                case "artifact" -> artifact = readArtifact(json);
                case "compression" -> compression = readCompression(json);
                case "encryption" -> encryption = readEncryption(json);
                case "payload" -> payload = readPayload(json);
                case "database" -> database = readDatabase(json);
                case "files" -> files = readFiles(json);
                case "host" -> host = readHost(json);
                case "deletedAt" -> deletedAt = instant(json);
                default -> skip(json);
            }
        }

        BackupManifest build() {
            return new BackupManifest(id, formatVersion, source, labels, status, startedAt, finishedAt, duration,
                    error, artifact, compression, encryption, payload, database, files, host, deletedAt);
        }
    }

    /** The fields of a verification record as they are read. */
    private static final class RecordFields implements JsonStreams.Fields {
        private int formatVersion;
        private String backupId;
        private String source;
        private String level;
        private Outcome outcome;
        private Instant startedAt;
        private Instant finishedAt;
        private Duration duration;
        private long bytesRead;
        private List<StageResult> stages;
        private ErrorInfo failure;
        private HostInfo host;

        @Override
        public void field(String name, JsonParser json) throws IOException {
            switch (name) {
                case "formatVersion" -> formatVersion = intNumber(json);
                case "backupId" -> backupId = text(json);
                case "source" -> source = text(json);
                case "level" -> level = text(json);
                case "outcome" -> outcome = enumValue(Outcome.class, text(json));
                case "startedAt" -> startedAt = instant(json);
                case "finishedAt" -> finishedAt = instant(json);
                case "duration" -> duration = duration(json);
                case "bytesRead" -> bytesRead = number(json);
                case "stages" -> stages = list(json, ManifestJson::readStage);
                case "failure" -> failure = readError(json);
                case "host" -> host = readHost(json);
                default -> skip(json);
            }
        }

        VerificationRecord build() {
            return new VerificationRecord(formatVersion, backupId, source, level, outcome, startedAt, finishedAt,
                    duration, bytesRead, stages, failure, host);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        return text == null ? null : Enum.valueOf(type, text);
    }

    private static SourceInfo readSource(JsonParser json) throws IOException {
        String[] v = textFields(json, "name", "kind", "description");
        return v == null ? null : new SourceInfo(v[0], v[1] == null ? null : SourceKind.parse(v[1]), v[2]);
    }

    private static ErrorInfo readError(JsonParser json) throws IOException {
        String[] v = textFields(json, "stage", "type", "message");
        return v == null ? null : new ErrorInfo(v[0], v[1], v[2]);
    }

    private static ArtifactInfo readArtifact(JsonParser json) throws IOException {
        String[] s = new String[3];
        long[] n = new long[2];
        return object(json, (name, value) -> {
            switch (name) {
                case "name" -> s[0] = text(value);
                case "storedBytes" -> n[0] = number(value);
                case "sha256" -> s[1] = text(value);
                case "contentBytes" -> n[1] = number(value);
                case "contentSha256" -> s[2] = text(value);
                default -> skip(value);
            }
        }) ? new ArtifactInfo(s[0], n[0], s[1], n[1], s[2]) : null;
    }

    private static CompressionInfo readCompression(JsonParser json) throws IOException {
        String[] algorithm = new String[1];
        int[] level = new int[1];
        return object(json, (name, value) -> {
            switch (name) {
                case "algorithm" -> algorithm[0] = text(value);
                case "level" -> level[0] = intNumber(value);
                default -> skip(value);
            }
        }) ? new CompressionInfo(algorithm[0], level[0]) : null;
    }

    private static EncryptionInfo readEncryption(JsonParser json) throws IOException {
        String[] format = new String[1];
        @SuppressWarnings("unchecked")
        List<String>[] recipients = new List[1];
        return object(json, (name, value) -> {
            switch (name) {
                case "format" -> format[0] = text(value);
                case "recipients" -> recipients[0] = list(value, JsonStreams::text);
                default -> skip(value);
            }
        }) ? new EncryptionInfo(format[0], recipients[0]) : null;
    }

    private static PayloadInfo readPayload(JsonParser json) throws IOException {
        String[] v = textFields(json, "format");
        return v == null ? null : new PayloadInfo(v[0]);
    }

    private static DatabaseInfo readDatabase(JsonParser json) throws IOException {
        String[] v = new String[5];
        @SuppressWarnings("unchecked")
        List<TableInfo>[] tables = new List[1];
        return object(json, (name, value) -> {
            switch (name) {
                case "product" -> v[0] = text(value);
                case "serverVersion" -> v[1] = text(value);
                case "tool" -> v[2] = text(value);
                case "toolVersion" -> v[3] = text(value);
                case "database" -> v[4] = text(value);
                case "tables" -> tables[0] = list(value, ManifestJson::readTable);
                default -> skip(value);
            }
        }) ? new DatabaseInfo(v[0], v[1], v[2], v[3], v[4], tables[0]) : null;
    }

    private static TableInfo readTable(JsonParser json) throws IOException {
        String[] v = new String[2];
        long[] rows = new long[1];
        boolean[] exact = new boolean[1];
        return object(json, (name, value) -> {
            switch (name) {
                case "schema" -> v[0] = text(value);
                case "name" -> v[1] = text(value);
                case "rows" -> rows[0] = number(value);
                case "rowsExact" -> exact[0] = bool(value);
                default -> skip(value);
            }
        }) ? new TableInfo(v[0], v[1], rows[0], exact[0]) : null;
    }

    private static FilesInfo readFiles(JsonParser json) throws IOException {
        String[] root = new String[1];
        long[] n = new long[4];
        @SuppressWarnings("unchecked")
        List<SkippedEntry>[] skipped = new List[1];
        return object(json, (name, value) -> {
            switch (name) {
                case "root" -> root[0] = text(value);
                case "fileCount" -> n[0] = number(value);
                case "dirCount" -> n[1] = number(value);
                case "symlinkCount" -> n[2] = number(value);
                case "totalBytes" -> n[3] = number(value);
                case "skipped" -> skipped[0] = list(value, ManifestJson::readSkipped);
                default -> skip(value);
            }
        }) ? new FilesInfo(root[0], n[0], n[1], n[2], n[3], skipped[0]) : null;
    }

    private static SkippedEntry readSkipped(JsonParser json) throws IOException {
        String[] v = textFields(json, "path", "reason");
        return v == null ? null : new SkippedEntry(v[0], v[1]);
    }

    private static HostInfo readHost(JsonParser json) throws IOException {
        String[] v = textFields(json, "hostname", "libraryVersion", "javaVersion");
        return v == null ? null : new HostInfo(v[0], v[1], v[2]);
    }

    private static StageResult readStage(JsonParser json) throws IOException {
        String[] v = new String[2];
        Outcome[] outcome = new Outcome[1];
        Duration[] duration = new Duration[1];
        return object(json, (name, value) -> {
            switch (name) {
                case "stage" -> v[0] = text(value);
                case "outcome" -> outcome[0] = enumValue(Outcome.class, text(value));
                case "duration" -> duration[0] = duration(value);
                case "message" -> v[1] = text(value);
                default -> skip(value);
            }
        }) ? new StageResult(v[0], outcome[0], duration[0], v[1]) : null;
    }
}
