package io.backline.core.internal;

import io.backline.core.Stage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Tags I/O failures of the stream it wraps with a {@link Stage}; a failure already tagged further down the pipeline
 * keeps its tag.
 */
public final class StageOutputStream extends FilterOutputStream {
    private final Stage stage;

    public StageOutputStream(Stage stage, OutputStream out) {
        super(out);
        this.stage = stage;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw tag(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw tag(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw tag(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw tag(e);
        }
    }

    private IOException tag(IOException e) {
        return e instanceof StageFailure ? e : new StageFailure(stage, e);
    }
}
