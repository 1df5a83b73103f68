package io.backline.core.internal;

import io.backline.core.Stage;
import java.io.IOException;

/** An I/O failure tagged with the pipeline stage it came from, so the error can name it. */
public final class StageFailure extends IOException {
    private final Stage stage;

    public StageFailure(Stage stage, IOException cause) {
        super(cause.getMessage(), cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
