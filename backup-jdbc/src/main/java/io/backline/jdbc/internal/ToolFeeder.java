package io.backline.jdbc.internal;

import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.ToolException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams a payload into a restore tool's stdin and decides the outcome from the tool's exit status. A payload that
 * fails to read (a corrupt or truncated artifact upstream) kills the tool and rethrows; a tool that stops reading or
 * exits non-zero gives a {@code TOOL_FAILED} error with its stderr.
 */
public final class ToolFeeder {
    private ToolFeeder() {
    }

    /**
     * Feeds {@code payload} to {@code process} and waits for it.
     *
     * @param what for messages, e.g. "pg_restore into orders"
     * @return the payload bytes fed
     */
    public static long feed(ToolProcess process, InputStream payload, String what, String backupRef)
            throws IOException {
        WriteTracking stdin = new WriteTracking(process.stdin());
        long bytes = 0;
        try {
            byte[] buffer = new byte[Streams.BUFFER];
            int n;
            while ((n = payload.read(buffer)) >= 0) {
                stdin.write(buffer, 0, n);
                bytes += n;
            }
            stdin.close();
        } catch (IOException e) {
            if (!stdin.failed) {
                process.close();
                throw e;
            }
            int exit = process.waitFor();
            throw new ToolException(ErrorCode.TOOL_FAILED, backupRef, Stage.RESTORE, what
                    + " stopped reading its input (exit status " + exit + "): " + process.stderr(), e);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new ToolException(ErrorCode.TOOL_FAILED, backupRef, Stage.RESTORE,
                    what + " exited with status " + exit + ": " + process.stderr());
        }
        return bytes + Streams.drain(payload);
    }

    /** Remembers whether a write (not a read of the payload) failed. */
    private static final class WriteTracking extends FilterOutputStream {
        boolean failed;

        WriteTracking(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
