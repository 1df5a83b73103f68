package io.backline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads secrets from files, never from the command line. */
final class Secrets {
    private Secrets() {
    }

    /** The first line of {@code file}, without its line ending, as characters the caller wipes. */
    static char[] readFirstLine(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file + ": " + e.getMessage(), e);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            char[] line = new char[end];
            chars.get(line, 0, end);
            Arrays.fill(chars.array(), '\0');
            if (line.length == 0) {
                throw new IllegalArgumentException("secret file " + file + " is empty");
            }
            return line;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
