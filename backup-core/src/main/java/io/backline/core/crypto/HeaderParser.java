package io.backline.core.crypto;

import io.backline.core.crypto.AgeException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an age v1 header from a stream, strictly per the specification, and leaves the stream positioned at the first
 * payload byte (the nonce). Every violation is an {@link AgeException} of kind {@link Kind#HEADER}.
 *
 * <p>The specification sets no bound on a header; this parser refuses headers above {@link #MAX_HEADER_BYTES} or with
 * more than {@link #MAX_STANZAS} stanzas, so that a hostile file cannot make it read or work without end.
 */
final class HeaderParser {
    static final int MAX_HEADER_BYTES = 1 << 20;
    static final int MAX_STANZAS = 1024;

    private final InputStream in;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(512);

    private HeaderParser(InputStream in) {
        this.in = in;
    }

    /** Parses the header at the start of {@code in} (which should be buffered: it is read byte by byte). */
    static Header parse(InputStream in) throws IOException {
        return new HeaderParser(in).parse();
    }

    private Header parse() throws IOException {
        String version = readLine();
        if (version == null) {
            throw header("the input is empty or ends before the version line");
        }
        if (!Header.VERSION_LINE.equals(version)) {
            throw header("not an age v1 file: the first line is not " + Header.VERSION_LINE);
        }
        List<Stanza> stanzas = new ArrayList<>();
        int macStart;
        String line = readRequiredLine();
        while (true) {
            if (line.startsWith("---")) {
                macStart = raw.size() - line.length() - 1;
                break;
            }
            if (!line.startsWith("-> ")) {
                throw header("a header line is neither a stanza (\"-> \") nor the MAC line (\"--- \")");
            }
            if (stanzas.size() == MAX_STANZAS) {
                throw header("the header has more than " + MAX_STANZAS + " stanzas");
            }
            List<String> args = parseArgs(line.substring(3));
            StringBuilder body = new StringBuilder();
            while (true) {
                String bodyLine = readRequiredLine();
                if (bodyLine.length() > Header.BODY_LINE_COLUMNS) {
                    throw header("a stanza body line is longer than 64 columns");
                }
                for (int i = 0; i < bodyLine.length(); i++) {
                    if (!AgeBase64.isBase64Char(bodyLine.charAt(i))) {
                        throw header("a stanza body line holds a character outside unpadded base64");
                    }
                }
                body.append(bodyLine);
                if (bodyLine.length() < Header.BODY_LINE_COLUMNS) {
                    break;
                }
            }
            byte[] decoded = AgeBase64.decodeCanonicalUnpadded(body.toString());
            if (decoded == null) {
                throw header("a stanza body is not canonical base64");
            }
            stanzas.add(new Stanza(args, decoded));
            line = readRequiredLine();
        }
        if (stanzas.isEmpty()) {
            throw header("the header has no recipient stanza");
        }
        if (!line.startsWith("--- ")) {
            throw header("the MAC line needs to start with \"--- \"");
        }
        String encodedMac = line.substring(4);
        byte[] mac = AgeBase64.decodeCanonicalUnpadded(encodedMac);
        if (mac == null || mac.length != Header.MAC_SIZE) {
            throw header("the header MAC is not 32 bytes of canonical base64");
        }
        byte[] all = raw.toByteArray();
        byte[] macInput = Arrays.copyOf(all, macStart + 3);
        return new Header(stanzas, macInput, mac);
    }

    private static List<String> parseArgs(String text) throws AgeException {
        if (text.isEmpty()) {
            throw header("a stanza has no type");
        }
        String[] parts = text.split(" ", -1);
        List<String> args = new ArrayList<>(parts.length);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw header("a stanza has an empty argument");
            }
            args.add(part);
        }
        return args;
    }

    private String readRequiredLine() throws IOException {
        String line = readLine();
        if (line == null) {
            throw header("the header is truncated");
        }
        return line;
    }

    /** Reads up to a newline (consumed, not returned); null at a clean end of input. Only VCHAR and space allowed. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(80);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw header("the header is truncated (a line has no newline)");
            }
            if (raw.size() >= MAX_HEADER_BYTES) {
                throw header("the header is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            raw.write(b);
            if (b == '\n') {
                return line.toString();
            }
            if (b < 0x20 || b > 0x7e) {
                throw header("the header holds a byte outside printable ASCII");
            }
            line.append((char) b);
        }
    }

    private static AgeException header(String message) {
        return new AgeException(Kind.HEADER, message);
    }
}
