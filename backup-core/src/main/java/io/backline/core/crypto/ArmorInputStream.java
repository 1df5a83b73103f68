package io.backline.core.crypto;

import io.backline.core.crypto.AgeException.Kind;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads age ASCII armor strictly: optional whitespace, the exact BEGIN line, base64 lines of exactly 64 columns with a
 * shorter or equal non-empty last line, canonical padding, LF or CRLF line ends, the exact END line, then only
 * whitespace. Violations fail with {@link Kind#ARMOR}. The source should be buffered (it is read byte by byte).
 */
final class ArmorInputStream extends InputStream {
    private static final int MAX_LINE = Armor.COLUMNS + 2;
    private final InputStream source;
    private final byte[] decoded = new byte[Armor.BYTES_PER_LINE];
    private int pos;
    private int limit;
    private boolean begun;
    private boolean sawShortLine;
    private boolean ended;
    private IOException failure;

    ArmorInputStream(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        while (pos == limit) {
            if (!fill()) {
                return -1;
            }
        }
        return decoded[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int total = 0;
        while (total < len) {
            if (pos == limit) {
                if (!fill()) {
                    break;
                }
                continue;
            }
            int n = Math.min(len - total, limit - pos);
            System.arraycopy(decoded, pos, b, off + total, n);
            pos += n;
            total += n;
        }
        return total == 0 ? -1 : total;
    }

    /** Decodes the next line; false at the END line. */
    private boolean fill() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return false;
        }
        try {
            if (!begun) {
                readBegin();
            }
            String line = readLine();
            if (line == null) {
                throw armor("the armor has no END line: the file is truncated");
            }
            if (line.equals(Armor.END)) {
                readTrailer();
                ended = true;
                return false;
            }
            if (sawShortLine) {
                throw armor("an armor line other than the last is shorter than 64 columns");
            }
            if (line.isEmpty() || line.length() > Armor.COLUMNS) {
                throw armor("an armor line is empty or longer than 64 columns");
            }
            byte[] bytes = AgeBase64.decodeCanonicalPadded(line);
            if (bytes == null) {
                throw armor("an armor line is not canonical padded base64");
            }
            if (line.length() < Armor.COLUMNS || line.endsWith("=")) {
                sawShortLine = true;
            }
            System.arraycopy(bytes, 0, decoded, 0, bytes.length);
            pos = 0;
            limit = bytes.length;
            return true;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void readBegin() throws IOException {
        int b = source.read();
        while (Armor.isWhitespace(b)) {
            b = source.read();
        }
        if (b < 0) {
            throw armor("the input holds no armor");
        }
        String line = ((char) b) + readLineRest();
        if (!line.equals(Armor.BEGIN)) {
            throw armor("the armor does not start with " + Armor.BEGIN);
        }
        begun = true;
    }

    private void readTrailer() throws IOException {
        int b;
        while ((b = source.read()) >= 0) {
            if (!Armor.isWhitespace(b)) {
                throw armor("there is data after the armor's END line");
            }
        }
    }

    /** A line without its LF or CRLF; null at end of input before any byte; at end of input the line ends. */
    private String readLine() throws IOException {
        int b = source.read();
        if (b < 0) {
            return null;
        }
        if (b == '\n') {
            return "";
        }
        if (b == '\r') {
            expectLf();
            return "";
        }
        return ((char) b) + readLineRest();
    }

    private String readLineRest() throws IOException {
        StringBuilder line = new StringBuilder(MAX_LINE);
        while (true) {
            int b = source.read();
            if (b < 0 || b == '\n') {
                return line.toString();
            }
            if (b == '\r') {
                expectLf();
                return line.toString();
            }
            if (b < 0x21 || b > 0x7e) {
                if (b == ' ' && line.length() < MAX_LINE) {
                    line.append(' ');
                    continue;
                }
                throw armor("an armor line holds a character that is not allowed");
            }
            if (line.length() >= MAX_LINE) {
                throw armor("an armor line is longer than 64 columns");
            }
            line.append((char) b);
        }
    }

    private void expectLf() throws IOException {
        int b = source.read();
        if (b != '\n' && b >= 0) {
            throw armor("a carriage return in the armor is not followed by a line feed");
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private static AgeException armor(String message) {
        return new AgeException(Kind.ARMOR, message);
    }
}
