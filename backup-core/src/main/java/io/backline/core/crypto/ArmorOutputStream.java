package io.backline.core.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes age ASCII armor: the BEGIN line, 64-column padded base64 lines, the END line. Closing closes the sink. */
final class ArmorOutputStream extends OutputStream {
    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private final OutputStream sink;
    private final byte[] line = new byte[Armor.BYTES_PER_LINE];
    private final byte[] text = new byte[Armor.COLUMNS + 1];
    private int filled;
    private boolean closed;

    ArmorOutputStream(OutputStream sink) throws IOException {
        this.sink = sink;
        sink.write((Armor.BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the armor stream is closed");
        }
        while (len > 0) {
            int n = Math.min(len, line.length - filled);
            System.arraycopy(b, off, line, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == line.length) {
                writeLine();
            }
        }
    }

    private void writeLine() throws IOException {
        byte[] source = filled == line.length ? line : java.util.Arrays.copyOf(line, filled);
        int n = ENCODER.encode(source, text);
        text[n] = '\n';
        sink.write(text, 0, n + 1);
        filled = 0;
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream s = sink) {
            if (filled > 0) {
                writeLine();
            }
            s.write((Armor.END + "\n").getBytes(StandardCharsets.US_ASCII));
            s.flush();
        }
    }
}
