package io.backline.core.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
}
