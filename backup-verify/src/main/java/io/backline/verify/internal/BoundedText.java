package io.backline.verify.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a child process's stream to its end, keeping only its first bytes (for error messages). */
final class BoundedText {
    private static final int LIMIT = 8192;

    private BoundedText() {
    }

    /** Reads {@code in} to its end and returns its first {@value #LIMIT} bytes as text, stripped. */
    static String drain(InputStream in) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int room = LIMIT - kept.size();
                if (room > 0) {
                    kept.write(buffer, 0, Math.min(room, n));
                }
            }
        } catch (IOException e) {
            // the process went away; keep what we have
        }
        return kept.toString(StandardCharsets.UTF_8).strip();
    }
}
