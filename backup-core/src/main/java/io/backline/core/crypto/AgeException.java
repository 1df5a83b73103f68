package io.backline.core.crypto;

import java.io.IOException;
import java.util.Objects;

/**
 * An age v1 stream could not be read. {@link #kind()} tells why, in the classes the age specification and its test
 * vectors use. Messages never contain key material.
 */
public class AgeException extends IOException {

    /** The class of failure. */
    public enum Kind {
        /** The header is malformed or violates the specification. */
        HEADER,
        /** The ASCII armor is malformed. */
        ARMOR,
        /** No given identity or passphrase matches any recipient stanza: the wrong key. */
        NO_MATCH,
        /** The header MAC does not verify: the header was modified. */
        HMAC,
        /** A payload chunk fails to authenticate, is truncated or is followed by trailing data. */
        PAYLOAD
    }

    private final Kind kind;

    public AgeException(Kind kind, String message) {
        this(kind, message, null);
    }

    public AgeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Why the stream could not be read. */
    public Kind kind() {
        return kind;
    }
}
