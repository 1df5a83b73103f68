package io.backline.core.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.time.Instant;

/**
 * The content of a source's lock lease: who holds it and until when.
 *
 * @param owner     the backup id holding the lock
 * @param host      the host of the holding process
 * @param pid       the holding process
 * @param acquiredAt when it was taken
 * @param expiresAt when it lapses unless renewed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LockRecord(String owner, String host, long pid, Instant acquiredAt, Instant expiresAt) {

    /** Whether the lease has lapsed, or its holder is a process on this host that no longer exists. */
    public boolean isStale(Instant now, String thisHost) {
        if (expiresAt == null || !now.isBefore(expiresAt)) {
            return true;
        }
        return thisHost.equals(host) && pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** The lease as the JSON stored in {@code lock.json}. */
    public byte[] toJson() {
        return JsonStreams.write(json -> {
            json.writeStartObject();
            JsonStreams.nullable(json, "owner", owner);
            JsonStreams.nullable(json, "host", host);
            json.writeNumberField("pid", pid);
            JsonStreams.nullable(json, "acquiredAt", acquiredAt);
            JsonStreams.nullable(json, "expiresAt", expiresAt);
            json.writeEndObject();
        });
    }

    /**
     * Reads a lease written by {@link #toJson()}; unknown fields are ignored.
     *
     * @throws IOException when the bytes are not such a lease
     */
    public static LockRecord fromJson(byte[] bytes) throws IOException {
        String[] texts = new String[2];
        long[] process = new long[1];
        Instant[] times = new Instant[2];
        try {
            JsonStreams.read(bytes, (name, value) -> {
                switch (name) {
                    case "owner" -> texts[0] = JsonStreams.text(value);
                    case "host" -> texts[1] = JsonStreams.text(value);
                    case "pid" -> process[0] = JsonStreams.number(value);
                    case "acquiredAt" -> times[0] = JsonStreams.instant(value);
                    case "expiresAt" -> times[1] = JsonStreams.instant(value);
                    default -> JsonStreams.skip(value);
                }
            });
        } catch (RuntimeException e) {
            throw new IOException("not a lock lease: " + e.getMessage(), e);
        }
        return new LockRecord(texts[0], texts[1], process[0], times[0], times[1]);
    }
}
