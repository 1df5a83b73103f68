package io.backline.jdbc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Passes a {@code pg_dump --format=custom --compress=0} archive through to another stream and counts, on the way,
 * the rows of every table whose data it holds, so that a backup's row counts need no {@code count(*)} on the server.
 *
 * <p>The archive is read as {@code pg_dump} writes it to a pipe: a header, the table of contents (one entry per
 * object; {@code TABLE DATA} entries name a table's schema and name), then one data block per entry with data, each a
 * run of length-prefixed chunks of COPY text (see {@link CopyRowCounter}). Large-object blocks are skipped. Archive
 * versions 1.12 to 1.16 (PostgreSQL 11 to 18) are understood; anything else, or anything unexpected, stops the
 * counting (never the copy): {@link #counts()} is then empty and the caller counts another way.
 */
public final class PgArchiveRowCounter extends OutputStream {
    private static final int MIN_VERSION = version(1, 12, 0);
    private static final int MAX_VERSION = version(1, 16, 0);
    private static final int FORMAT_CUSTOM = 1;
    private static final int BLOCK_DATA = 1;
    private static final int BLOCK_LARGE_OBJECTS = 3;
    /**
     * A table of contents larger than this is not buffered: the counting stops and the caller counts with
     * {@code count(*)}. Thousands of tables take well under 1 MiB; the bound keeps a backup within {@code -Xmx64m}.
     */
    static final int MAX_HEAD = 4 * 1024 * 1024;

    private final OutputStream out;
    private final Map<Integer, String[]> tableOfDataEntry = new HashMap<>();
    private final Map<String, Long> rows = new HashMap<>();
    private byte[] head = new byte[64 * 1024];
    private int headLength;
    private int nextHeadAttempt = 4 * 1024;
    private Phase phase = Phase.HEAD;
    private int intSize;
    private String failure;

    // the data section's state machine
    private Step step = Step.BLOCK_TYPE;
    private int blockType;
    private int pendingDumpId;
    private long intValue;
    private boolean intNegative;
    private int intBytesRead;
    private long chunkRemaining;
    private CopyRowCounter current;
    private String[] currentTable;

    private enum Phase { HEAD, DATA, STOPPED }

    private enum Step { BLOCK_TYPE, BLOCK_ID, CHUNK_LENGTH, CHUNK, OBJECT_ID }

    /** Whether archives of {@code pg_dump} of this major version are ones this counter reads (11 to 18). */
    public static boolean reads(int pgDumpMajor) {
        return pgDumpMajor >= 11 && pgDumpMajor <= 18;
    }

    /** @param out where every byte goes, unchanged */
    public PgArchiveRowCounter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        if (phase == Phase.HEAD) {
            appendHead(data, offset, length);
        } else if (phase == Phase.DATA) {
            consume(data, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Does not close the underlying stream: the caller owns it. */
    @Override
    public void close() {
    }

    /**
     * Rows per table, keyed by {@link #key(String, String)}, when the whole archive was understood and ended after a
     * complete data block; empty otherwise.
     */
    public Optional<Map<String, Long>> counts() {
        if (phase == Phase.HEAD) {
            parseHead();
        }
        if (phase != Phase.DATA || step != Step.BLOCK_TYPE) {
            return Optional.empty();
        }
        return Optional.of(Map.copyOf(rows));
    }

    /** Why the counting stopped, for the logs; null when it did not. */
    public String failure() {
        return failure;
    }

    /** The key of a table in {@link #counts()}. */
    public static String key(String schema, String table) {
        return schema + '\u0000' + table;
    }

    /**
     * Buffers bytes until the head is complete, at most {@link #MAX_HEAD} of them: what lies beyond cannot be part of
     * a head this counter reads, and is counted from {@code data} directly once the head is parsed.
     */
    private void appendHead(byte[] data, int offset, int length) {
        int taken = Math.min(length, MAX_HEAD - headLength);
        if (headLength + taken > head.length) {
            head = Arrays.copyOf(head, Math.min(MAX_HEAD, Math.max(head.length * 2, headLength + taken)));
        }
        System.arraycopy(data, offset, head, headLength, taken);
        headLength += taken;
        if (headLength >= nextHeadAttempt || taken < length) {
            parseHead();
        }
        if (phase == Phase.DATA) {
            consume(data, offset + taken, length - taken);
        } else if (phase == Phase.HEAD && headLength == MAX_HEAD) {
            stop("the table of contents is larger than " + MAX_HEAD + " bytes");
        }
    }

    /** Parses the buffered head; on success, counts the data bytes buffered after it. */
    private void parseHead() {
        HeadReader reader = new HeadReader(head, headLength);
        try {
            readHeadAndContents(reader);
        } catch (NeedMoreBytes e) {
            // the table of contents is not complete yet: try again once the buffer has grown by half
            nextHeadAttempt = headLength + Math.max(headLength / 2, 4 * 1024);
            return;
        } catch (Unsupported e) {
            stop(e.getMessage());
            return;
        }
        phase = Phase.DATA;
        int dataStart = reader.position;
        byte[] rest = head;
        int restLength = headLength;
        head = null;
        consume(rest, dataStart, restLength - dataStart);
    }

    private void readHeadAndContents(HeadReader in) throws NeedMoreBytes, Unsupported {
        if (!"PGDMP".equals(in.ascii(5))) {
            throw new Unsupported("not a pg_dump custom archive");
        }
        int version = version(in.unsignedByte(), in.unsignedByte(), in.unsignedByte());
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new Unsupported("archive version " + (version >> 16) + "." + ((version >> 8) & 0xFF)
                    + " is not one this counter reads");
        }
        intSize = in.unsignedByte();
        int offsetSize = in.unsignedByte();
        if (intSize < 1 || intSize > 8 || offsetSize < 1 || offsetSize > 16) {
            throw new Unsupported("unexpected integer sizes " + intSize + "/" + offsetSize);
        }
        in.intSize = intSize;
        if (in.unsignedByte() != FORMAT_CUSTOM) {
            throw new Unsupported("not the custom format");
        }
        long compression = version >= version(1, 15, 0) ? in.unsignedByte() : in.integer();
        if (compression != 0) {
            throw new Unsupported("the archive's data is compressed");
        }
        for (int i = 0; i < 7; i++) {
            in.integer();
        }
        in.string();
        in.string();
        in.string();
        long entries = in.integer();
        for (long i = 0; i < entries; i++) {
            int dumpId = (int) in.integer();
            in.integer();
            in.string();
            in.string();
            String tag = in.string();
            String description = in.string();
            in.integer();
            in.string();
            in.string();
            in.string();
            String namespace = in.string();
            in.string();
            if (version >= version(1, 14, 0)) {
                in.string();
            }
            if (version >= version(1, 16, 0)) {
                in.integer();
            }
            in.string();
            in.string();
            while (in.string() != null) {
                // dependencies
            }
            in.skip(1 + offsetSize);
            if ("TABLE DATA".equals(description) && tag != null) {
                tableOfDataEntry.put(dumpId, new String[] {namespace, tag});
            }
        }
    }

    private void consume(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && phase == Phase.DATA) {
            switch (step) {
                case BLOCK_TYPE -> {
                    blockType = data[i++] & 0xFF;
                    if (blockType != BLOCK_DATA && blockType != BLOCK_LARGE_OBJECTS) {
                        stop("unexpected block type " + blockType);
                        return;
                    }
                    startInteger(Step.BLOCK_ID);
                }
                case CHUNK_LENGTH -> {
                    if (intBytesRead == 0 && current != null) {
                        i = countWholeChunks(data, i, end);
                    }
                    if (i < end && phase == Phase.DATA && step == Step.CHUNK_LENGTH) {
                        i = intBytesRead == 0 && end - i > intSize ? readWholeInteger(data, i)
                                : readIntegerByte(data, i);
                    }
                }
                case BLOCK_ID, OBJECT_ID -> {
                    if (intBytesRead == 0 && end - i > intSize) {
                        i = readWholeInteger(data, i);
                    } else {
                        i = readIntegerByte(data, i);
                    }
                }
                case CHUNK -> {
                    int n = (int) Math.min(chunkRemaining, end - i);
                    if (current != null) {
                        current.accept(data, i, n);
                    }
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        startInteger(Step.CHUNK_LENGTH);
                    }
                }
                default -> throw new IllegalStateException(step.toString());
            }
        }
    }

    /**
     * Counts the rows of the chunks that lie whole in {@code data} from {@code i} on, one after another without the
     * step machine ({@code pg_dump} writes each COPY row as a chunk of its own, so a table is millions of them).
     * Stops before a chunk that is not whole or a length that is not a positive one (the end of the block, or
     * damage), which the step machine then reads. Returns where it stopped.
     */
    private int countWholeChunks(byte[] data, int i, int end) {
        while (end - i > intSize) {
            if (data[i] != 0) {
                break;
            }
            long length = 0;
            for (int k = 0; k < intSize; k++) {
                length |= (long) (data[i + 1 + k] & 0xFF) << (8 * k);
            }
            int start = i + 1 + intSize;
            if (length == 0 || length > end - start) {
                break;
            }
            current.accept(data, start, (int) length);
            i = start + (int) length;
        }
        return i;
    }

    private void startInteger(Step next) {
        step = next;
        intValue = 0;
        intBytesRead = 0;
    }

    /** Reads a whole sign-and-magnitude integer that lies in {@code data}, and acts on it (the usual case). */
    private int readWholeInteger(byte[] data, int i) {
        int sign = data[i] & 0xFF;
        if (sign > 1) {
            stop("unexpected sign byte " + sign);
            return i + 1;
        }
        long value = 0;
        for (int k = 0; k < intSize; k++) {
            value |= (long) (data[i + 1 + k] & 0xFF) << (8 * k);
        }
        onInteger(sign == 1 ? -value : value);
        return i + 1 + intSize;
    }

    /** Reads one byte of a sign-and-magnitude integer; acts on it when complete. */
    private int readIntegerByte(byte[] data, int i) {
        int b = data[i] & 0xFF;
        if (intBytesRead == 0) {
            if (b > 1) {
                stop("unexpected sign byte " + b);
                return i + 1;
            }
            intNegative = b == 1;
        } else {
            intValue |= (long) b << (8 * (intBytesRead - 1));
        }
        intBytesRead++;
        if (intBytesRead == intSize + 1) {
            onInteger(intNegative ? -intValue : intValue);
        }
        return i + 1;
    }

    private void onInteger(long value) {
        switch (step) {
            case BLOCK_ID -> {
                pendingDumpId = (int) value;
                if (blockType == BLOCK_DATA) {
                    currentTable = tableOfDataEntry.get(pendingDumpId);
                    current = currentTable == null ? null : new CopyRowCounter();
                    startInteger(Step.CHUNK_LENGTH);
                } else {
                    current = null;
                    currentTable = null;
                    startInteger(Step.OBJECT_ID);
                }
            }
            case OBJECT_ID -> {
                if (value == 0) {
                    step = Step.BLOCK_TYPE;
                } else {
                    startInteger(Step.CHUNK_LENGTH);
                }
            }
            case CHUNK_LENGTH -> {
                if (value < 0) {
                    stop("negative chunk length");
                } else if (value > 0) {
                    chunkRemaining = value;
                    step = Step.CHUNK;
                } else if (blockType == BLOCK_LARGE_OBJECTS) {
                    startInteger(Step.OBJECT_ID);
                } else {
                    if (current != null) {
                        rows.merge(key(currentTable[0], currentTable[1]), current.rows(), Long::sum);
                    }
                    current = null;
                    currentTable = null;
                    step = Step.BLOCK_TYPE;
                }
            }
            default -> throw new IllegalStateException(step.toString());
        }
    }

    private void stop(String reason) {
        phase = Phase.STOPPED;
        failure = reason;
        head = null;
    }

    private static int version(int major, int minor, int revision) {
        return (major << 16) | (minor << 8) | revision;
    }

    /** Thrown while reading the head when the bytes so far end inside it. */
    private static final class NeedMoreBytes extends Exception {
        NeedMoreBytes() {
            super(null, null, false, false);
        }
    }

    /** Thrown when the archive is not one this counter reads. */
    private static final class Unsupported extends Exception {
        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Reads the archive's header and table of contents from the buffered bytes. */
    private static final class HeadReader {
        private static final NeedMoreBytes NEED_MORE = new NeedMoreBytes();
        private final byte[] bytes;
        private final int length;
        private int position;
        private int intSize = 4;

        HeadReader(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        int unsignedByte() throws NeedMoreBytes {
            if (position >= length) {
                throw NEED_MORE;
            }
            return bytes[position++] & 0xFF;
        }

        void skip(int count) throws NeedMoreBytes {
            if (position + count > length) {
                throw NEED_MORE;
            }
            position += count;
        }

        String ascii(int count) throws NeedMoreBytes {
            skip(count);
            return new String(bytes, position - count, count, StandardCharsets.US_ASCII);
        }

        long integer() throws NeedMoreBytes, Unsupported {
            int sign = unsignedByte();
            if (sign > 1) {
                throw new Unsupported("unexpected sign byte " + sign + " in the table of contents");
            }
            long value = 0;
            for (int i = 0; i < intSize; i++) {
                value |= (long) unsignedByte() << (8 * i);
            }
            return sign == 1 ? -value : value;
        }

        String string() throws NeedMoreBytes, Unsupported {
            long size = integer();
            if (size < 0) {
                return null;
            }
            if (size > Integer.MAX_VALUE) {
                throw new Unsupported("a string of " + size + " bytes in the table of contents");
            }
            skip((int) size);
            return new String(bytes, position - (int) size, (int) size, StandardCharsets.UTF_8);
        }
    }
}
