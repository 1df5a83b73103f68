package io.backline.core.manifest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a backup holds: a database or a file tree. */
public enum SourceKind {
    DATABASE, FILES;

    /** The lower-case name used in manifests and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code database} or {@code files}, case-insensitively. */
    public static SourceKind parse(String text) {
        for (SourceKind kind : values()) {
            if (kind.label().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind needs to be 'database' or 'files', not '" + text + "'");
    }
}
