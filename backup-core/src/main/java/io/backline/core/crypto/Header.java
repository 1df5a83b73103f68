package io.backline.core.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A parsed or built age header: its stanzas, its MAC and the exact bytes the MAC covers (everything up to and
 * including the {@code ---} of the last line).
 */
record Header(List<Stanza> stanzas, byte[] macInput, byte[] mac) {
    static final String VERSION_LINE = "age-encryption.org/v1";
    static final int BODY_LINE_COLUMNS = 64;
    static final int MAC_SIZE = 32;

    Header {
        stanzas = List.copyOf(stanzas);
    }

    /** Encodes {@code stanzas} as the header text the MAC covers (version line to {@code ---}). */
    static byte[] encodeWithoutMac(List<Stanza> stanzas) {
        StringBuilder text = new StringBuilder(128 + stanzas.size() * 128);
        text.append(VERSION_LINE).append('\n');
        for (Stanza stanza : stanzas) {
            text.append("->");
            for (String arg : stanza.args()) {
                text.append(' ').append(arg);
            }
            text.append('\n');
            String body = AgeBase64.encodeUnpadded(stanza.body());
            int i = 0;
            while (body.length() - i >= BODY_LINE_COLUMNS) {
                text.append(body, i, i + BODY_LINE_COLUMNS).append('\n');
                i += BODY_LINE_COLUMNS;
            }
            text.append(body, i, body.length()).append('\n');
        }
        text.append("---");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The complete header: {@code macInput}, a space, the base64 MAC and a newline. */
    static byte[] encode(byte[] macInput, byte[] mac) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(macInput.length + 46);
        out.writeBytes(macInput);
        out.writeBytes((" " + AgeBase64.encodeUnpadded(mac) + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
