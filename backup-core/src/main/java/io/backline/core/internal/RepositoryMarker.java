package io.backline.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.backline.core.ErrorCode;
import io.backline.core.StorageException;
import io.backline.core.Stage;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code backline-repository.json} marker: written once, checked on every open. */
public final class RepositoryMarker {
    public static final int VERSION = 1;

    private RepositoryMarker() {
    }

    /** Writes the marker if missing; refuses a repository of a newer layout version. */
    public static void ensure(Storage storage, Clock clock) throws IOException {
        if (!check(storage)) {
            Map<String, Object> marker = new LinkedHashMap<>();
            marker.put("format", "backline");
            marker.put("version", VERSION);
            marker.put("createdAt", clock.instant().toString());
            marker.put("createdBy", "Backline " + HostInfos.libraryVersion());
            try {
                storage.putIfAbsent(RepositoryLayout.MARKER, ManifestCodec.mapper().writeValueAsBytes(marker));
            } catch (BlobExistsException raced) {
                check(storage);
            }
        }
    }

    /** Whether a marker exists; throws when it is not a Backline marker of a version this library reads. */
    public static boolean check(Storage storage) throws IOException {
        byte[] bytes;
        try {
            bytes = storage.readAll(RepositoryLayout.MARKER);
        } catch (BlobNotFoundException e) {
            return false;
        }
        JsonNode marker;
        try {
            marker = ManifestCodec.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.UNSUPPORTED_FORMAT, null, Stage.MANIFEST,
                    storage.describe() + " has an unreadable " + RepositoryLayout.MARKER);
        }
        if (!"backline".equals(marker.path("format").asText())) {
            throw new StorageException(ErrorCode.UNSUPPORTED_FORMAT, null, Stage.MANIFEST,
                    storage.describe() + " is not a Backline repository");
        }
        int version = marker.path("version").asInt(-1);
        if (version > VERSION) {
            throw new StorageException(ErrorCode.UNSUPPORTED_FORMAT, null, Stage.MANIFEST,
                    storage.describe() + " uses repository layout version " + version
                            + ", newer than this Backline reads (" + VERSION + "); upgrade Backline");
        }
        return true;
    }
}
