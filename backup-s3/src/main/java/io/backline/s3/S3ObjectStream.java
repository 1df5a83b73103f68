package io.backline.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a GetObject response. Closing it before the end aborts the HTTP connection instead of draining it, so
 * giving up on a large object early costs nothing; reading it to the end keeps the connection for reuse.
 */
final class S3ObjectStream extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private long remaining;
    private boolean ended;

    private S3ObjectStream(ResponseInputStream<GetObjectResponse> response, long limit) {
        super(response);
        this.response = response;
        this.remaining = limit;
    }

    /** The whole body. */
    static InputStream whole(ResponseInputStream<GetObjectResponse> response) {
        return new S3ObjectStream(response, Long.MAX_VALUE);
    }

    /**
     * The body of a ranged request for {@code length} bytes from {@code offset}. A service that ignored the Range
     * header (no Content-Range in the answer) sent the whole object: then the bytes before {@code offset} are skipped
     * here, and the stream ends after {@code length} bytes either way.
     */
    static InputStream ranged(ResponseInputStream<GetObjectResponse> response, long offset, long length)
            throws IOException {
        S3ObjectStream stream = new S3ObjectStream(response, length);
        if (response.response().contentRange() == null && offset > 0) {
            try {
                stream.in.skipNBytes(offset);
            } catch (java.io.EOFException e) {
                stream.remaining = 0;
            } catch (IOException | RuntimeException e) {
                stream.close();
                throw e;
            }
        }
        return stream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            ended = true;
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            ended = true;
        } else {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort();
        }
        super.close();
    }
}
