package io.backline.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.backline.core.ErrorCode;
import io.backline.core.StorageException;
import io.backline.core.Stage;
import io.backline.core.spi.BlobExistsException;
import io.backline.core.spi.BlobNotFoundException;
import io.backline.core.spi.Storage;
import java.io.IOException;
import java.time.Clock;

/** The {@code backline-repository.json} marker: written once, checked on every open. */
public final class RepositoryMarker {
    public static final int VERSION = 1;

    private RepositoryMarker() {
    }

    /** Writes the marker if missing; refuses a repository of a newer layout version. */
    public static void ensure(Storage storage, Clock clock) throws IOException {
        if (!check(storage)) {
            byte[] marker = JsonStreams.write(json -> {
                json.writeStartObject();
                json.writeStringField("format", "backline");
                json.writeNumberField("version", VERSION);
                json.writeStringField("createdAt", clock.instant().toString());
                json.writeStringField("createdBy", "Backline " + HostInfos.libraryVersion());
                json.writeEndObject();
            });
            try {
                storage.putIfAbsent(RepositoryLayout.MARKER, marker);
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
        String[] format = new String[1];
        int[] version = {-1};
        try {
            JsonStreams.read(bytes, (name, value) -> {
                switch (name) {
                    case "format" -> format[0] = JsonStreams.text(value);
                    case "version" -> version[0] = versionOrMinusOne(value);
                    default -> JsonStreams.skip(value);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new StorageException(ErrorCode.UNSUPPORTED_FORMAT, null, Stage.MANIFEST,
                    storage.describe() + " has an unreadable " + RepositoryLayout.MARKER);
        }
        if (!"backline".equals(format[0])) {
            throw new StorageException(ErrorCode.UNSUPPORTED_FORMAT, null, Stage.MANIFEST,
                    storage.describe() + " is not a Backline repository");
        }
        if (version[0] > VERSION) {
            throw new StorageException(ErrorCode.UNSUPPORTED_FORMAT, null, Stage.MANIFEST,
                    storage.describe() + " uses repository layout version " + version[0]
                            + ", newer than this Backline reads (" + VERSION + "); upgrade Backline");
        }
        return true;
    }

    /** A version number as the marker holds it; -1 when it is not a whole number. */
    private static int versionOrMinusOne(JsonParser value) throws IOException {
        try {
            return JsonStreams.intNumber(value);
        } catch (IOException e) {
            value.skipChildren();
            return -1;
        }
    }
}
