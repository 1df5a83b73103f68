package io.backline.verify.internal;

import io.backline.core.ErrorCode;
import java.util.Objects;

/**
 * How a content inspection ended when it found nothing wrong: passed with a summary, or skipped (no tool, no check
 * for the format) with the reason and the code to report it under.
 */
public record Inspection(boolean passed, String message, ErrorCode skipCode) {
    public Inspection {
        Objects.requireNonNull(message, "message");
    }

    public static Inspection passed(String summary) {
        return new Inspection(true, summary, null);
    }

    public static Inspection skipped(ErrorCode code, String reason) {
        return new Inspection(false, reason, Objects.requireNonNull(code, "code"));
    }
}
