package io.backline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.backline.core.manifest.ManifestCodec;
import java.io.PrintWriter;

/** Prints values as JSON, the same way repository records are written. */
final class Json {
    private Json() {
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(ManifestCodec.mapper().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }
}
