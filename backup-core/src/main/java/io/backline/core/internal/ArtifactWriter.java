package io.backline.core.internal;

import io.backline.core.Compression;
import io.backline.core.Stage;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest.ArtifactInfo;
import io.backline.core.spi.BlobWriter;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The write half of the data path: content → SHA-256 of content → compress → encrypt → SHA-256 of stored bytes →
 * storage. The source writes into {@link #content()} on its own thread, which also takes the content digest and feeds
 * the compressor (whose workers compress); encryption, the stored digest and the storage writes run on a write-behind
 * thread ({@link WriteBehind}). {@link #finish()} closes the stages in order, commits the blob and returns what the
 * manifest records. {@link #abort()} discards everything.
 */
public final class ArtifactWriter {
    private static final int BUFFER = 1 << 17;
    private static final int WRITE_BEHIND_CHUNK = 1 << 18;
    private static final int WRITE_BEHIND_DEPTH = 4;

    private final String name;
    private final BlobWriter blob;
    private final DigestingOutputStream stored;
    private final DigestingOutputStream content;
    private final WriteBehind behind;
    private final OutputStream head;
    private boolean finished;

    public ArtifactWriter(String name, BlobWriter blob, Compression compression, BackupEncryption encryption,
                          ProgressTracker progress) throws IOException {
        this.name = name;
        this.blob = blob;
        this.stored = new DigestingOutputStream(new StageOutputStream(Stage.STORE, new NonClosingOutputStream(blob)));
        OutputStream encrypted = new StageOutputStream(Stage.ENCRYPT, encryption.encrypt(stored));
        this.behind = new WriteBehind(encrypted, WRITE_BEHIND_CHUNK, WRITE_BEHIND_DEPTH, "backline-write-" + name);
        OutputStream compressed;
        try {
            compressed = new StageOutputStream(Stage.COMPRESS, compression.compress(behind));
        } catch (IOException | RuntimeException e) {
            behind.abort();
            throw e;
        }
        this.content = new DigestingOutputStream(compressed);
        this.head = new BufferedOutputStream(new ProgressOutputStream(content, progress), BUFFER);
    }

    /** Where the source writes its payload. Closing it does nothing; call {@link #finish()}. */
    public OutputStream content() {
        return head;
    }

    public long contentBytes() {
        return content.count();
    }

    /** Flushes every stage, commits the blob and describes it. */
    public ArtifactInfo finish() throws IOException {
        head.flush();
        content.close();
        try {
            blob.commit();
            blob.close();
        } catch (IOException e) {
            throw new StageFailure(Stage.STORE, e);
        }
        finished = true;
        return new ArtifactInfo(name, stored.count(), stored.sha256(), content.count(), content.sha256());
    }

    /** Discards the blob unless it was committed. Never throws. */
    public void abort() {
        if (!finished) {
            behind.abort();
            try {
                blob.close();
            } catch (IOException | RuntimeException ignored) {
                // the pending blob is gone or will be cleaned by retention
            }
        }
    }

    private final class ProgressOutputStream extends FilterOutputStream {
        private final ProgressTracker progress;

        ProgressOutputStream(OutputStream out, ProgressTracker progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int chunk = Math.min(len, BUFFER);
                out.write(b, off, chunk);
                off += chunk;
                len -= chunk;
                progress.update(content.count(), stored.count(), false);
            }
        }

        @Override
        public void close() {
            // the source does not end the pipeline; finish() does
        }
    }
}
