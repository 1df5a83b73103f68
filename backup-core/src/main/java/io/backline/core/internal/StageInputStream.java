package io.backline.core.internal;

import io.backline.core.Stage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tags I/O failures of the stream it wraps with a {@link Stage}; failures already tagged keep their tag. */
public final class StageInputStream extends FilterInputStream {
    private final Stage stage;

    public StageInputStream(Stage stage, InputStream in) {
        super(in);
        this.stage = stage;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw tag(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw tag(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (IOException e) {
            throw tag(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            throw tag(e);
        }
    }

    private IOException tag(IOException e) {
        return e instanceof StageFailure ? e : new StageFailure(stage, e);
    }
}
