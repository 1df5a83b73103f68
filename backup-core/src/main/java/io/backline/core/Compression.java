package io.backline.core;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.backline.core.manifest.BackupManifest.CompressionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How the payload is compressed: {@link #zstd(int)} (levels 1–19, optionally with worker threads),
 * {@link #gzip(int)} (levels 1–9) or {@link #none()}. The output is the standard stream format that {@code zstd -d}
 * and {@code gzip -d} read. Immutable.
 */
public final class Compression {
    private static final int BUFFER = 1 << 17;

    private final String algorithm;
    private final int level;
    private final int workers;

    private Compression(String algorithm, int level, int workers) {
        this.algorithm = algorithm;
        this.level = level;
        this.workers = workers;
    }

    /** zstd at {@code level} (1–19), on the calling thread. */
    public static Compression zstd(int level) {
        return zstd(level, 0);
    }

    /** zstd at {@code level} (1–19) with {@code workers} extra compression threads (0 = none). */
    public static Compression zstd(int level, int workers) {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("zstd level needs to be between 1 and 19, not " + level);
        }
        if (workers < 0 || workers > 64) {
            throw new IllegalArgumentException("zstd workers needs to be between 0 and 64, not " + workers);
        }
        return new Compression("zstd", level, workers);
    }

    /** gzip at {@code level} (1–9). */
    public static Compression gzip(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("gzip level needs to be between 1 and 9, not " + level);
        }
        return new Compression("gzip", level, 0);
    }

    /** No compression. */
    public static Compression none() {
        return new Compression("none", 0, 0);
    }

    /**
     * The default: zstd level 3 with one worker thread per core (up to 4), as {@code zstd -T0} does. Compression is the
     * heaviest stage of a backup; with a worker per core it can use whatever the other stages leave idle.
     */
    public static Compression defaults() {
        return zstd(3, Math.max(0, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Parses {@code zstd}, {@code zstd:3}, {@code gzip:6}, {@code none}, as the command line takes them.
     */
    public static Compression parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", 2);
        try {
            switch (parts[0]) {
                case "zstd":
                    return parts.length == 1 ? defaults() : zstd(Integer.parseInt(parts[1]), defaults().workers);
                case "gzip":
                    return gzip(parts.length == 1 ? 6 : Integer.parseInt(parts[1]));
                case "none":
                    return none();
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("compression level needs to be a number, not '" + parts[1] + "'", e);
        }
        throw new IllegalArgumentException(
                "compression needs to be zstd[:1-19], gzip[:1-9] or none, not '" + text + "'");
    }

    /** The compression a manifest records, for reading it back. */
    public static Compression of(CompressionInfo info) {
        switch (info.algorithm()) {
            case "zstd":
                return new Compression("zstd", info.level(), 0);
            case "gzip":
                return new Compression("gzip", info.level(), 0);
            case "none":
                return none();
            default:
                throw new IllegalArgumentException("unknown compression '" + info.algorithm() + "'");
        }
    }

    public String algorithm() {
        return algorithm;
    }

    public int level() {
        return level;
    }

    public int workers() {
        return workers;
    }

    /** The artifact-name suffix: {@code .zst}, {@code .gz} or nothing. */
    public String extension() {
        switch (algorithm) {
            case "zstd":
                return ".zst";
            case "gzip":
                return ".gz";
            default:
                return "";
        }
    }

    /** The manifest section. */
    public CompressionInfo describe() {
        return new CompressionInfo(algorithm, level);
    }

    /** Wraps {@code sink}; closing the result finishes the frame and closes {@code sink}. */
    public OutputStream compress(OutputStream sink) throws IOException {
        switch (algorithm) {
            case "zstd":
                ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(sink);
                zstd.setLevel(level);
                zstd.setChecksum(true);
                if (workers > 0) {
                    zstd.setWorkers(workers);
                }
                return zstd;
            case "gzip":
                return new LeveledGzipOutputStream(sink, level);
            default:
                return sink;
        }
    }

    /** Wraps {@code source} so that reading the result yields the decompressed bytes. */
    public InputStream decompress(InputStream source) throws IOException {
        switch (algorithm) {
            case "zstd":
                ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(source);
                zstd.setContinuous(false);
                return zstd;
            case "gzip":
                return new GZIPInputStream(source, BUFFER);
            default:
                return source;
        }
    }

    @Override
    public String toString() {
        return "none".equals(algorithm) ? "none" : algorithm + ":" + level + (workers > 0 ? " (" + workers
                + " workers)" : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Compression c && c.algorithm.equals(algorithm) && c.level == level
                && c.workers == workers;
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 * 31 + level * 31 + workers;
    }

    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }
    }
}
