package io.backline.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Reads and writes manifests and the other small JSON records of a repository.
 *
 * <p>Writes pretty-printed JSON with ISO-8601 times and durations. Reads ignore unknown fields, and refuse a
 * manifest whose {@code formatVersion} is newer than {@link BackupManifest#FORMAT_VERSION} with a message that says
 * to upgrade. Manifests and verification records go through Jackson's streaming API ({@link ManifestJson}), which
 * writes what {@link #mapper()} would; the data-binding mapper itself is built only when something asks for it
 * (reports, the CLI's JSON output, the diagnosis of a broken manifest), so a backup, restore or verification in a
 * fresh JVM does not pay for its start-up.
 */
public final class ManifestCodec {
    private ManifestCodec() {
    }

    /** Holds the data-binding mapper, built on first use. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = newMapper();
    }

    /** A mapper configured the way every repository record is written. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The shared mapper (thread safe once configured). */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** The JSON of a manifest. */
    public static byte[] write(BackupManifest manifest) {
        return ManifestJson.write(manifest);
    }

    /** The JSON of a verification record. */
    public static byte[] write(VerificationRecord record) {
        return ManifestJson.write(record);
    }

    /**
     * Parses a verification record.
     *
     * @throws IOException when the bytes are not JSON or not a verification record
     */
    public static VerificationRecord readVerification(byte[] json) throws IOException {
        try {
            return ManifestJson.readRecord(json);
        } catch (RuntimeException e) {
            throw new IOException("not a verification record: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws MalformedManifestException when the bytes are not a manifest, or one of a newer format
     */
    public static BackupManifest read(byte[] json, String key) throws MalformedManifestException {
        try {
            BackupManifest manifest = ManifestJson.readManifest(json);
            if (manifest.formatVersion() >= 1 && manifest.formatVersion() <= BackupManifest.FORMAT_VERSION) {
                return manifest;
            }
        } catch (IOException | RuntimeException e) {
            // diagnosed below, where the message can say what is wrong
        }
        return diagnose(json, key);
    }

    /** The slow path: parses the tree first so that a newer or broken manifest gets a precise message. */
    private static BackupManifest diagnose(byte[] json, String key) throws MalformedManifestException {
        JsonNode tree;
        try {
            tree = mapper().readTree(json);
        } catch (IOException e) {
            throw new MalformedManifestException(key, "not valid JSON (" + e.getMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedManifestException(key, "not a JSON object", null);
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version < 1) {
            throw new MalformedManifestException(key, "formatVersion is missing or invalid", null);
        }
        if (version > BackupManifest.FORMAT_VERSION) {
            throw new MalformedManifestException(key, "formatVersion " + version
                    + " is newer than this Backline understands (" + BackupManifest.FORMAT_VERSION
                    + "); upgrade Backline to read it", null);
        }
        try {
            return mapper().treeToValue(tree, BackupManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedManifestException(key, "fields are missing or invalid (" + e.getMessage() + ")", e);
        }
    }

    /** Thrown when a manifest cannot be read. */
    public static final class MalformedManifestException extends IOException {
        private final String key;

        public MalformedManifestException(String key, String reason, Throwable cause) {
            super("manifest '" + key + "' is malformed: " + reason, cause);
            this.key = key;
        }

        /** The storage key of the manifest. */
        public String key() {
            return key;
        }
    }
}
