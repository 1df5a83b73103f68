package io.backline.jdbc.internal;

/**
 * Counts the rows of one table's data in PostgreSQL's COPY text format, fed in arbitrary slices: one row per line,
 * where a newline inside a value is written as the escape {@code \n}, so every newline byte ends a row. A line that
 * is exactly {@code \.} ends the data (a value {@code \.} would be written {@code \\.}); it and the blank lines
 * {@code pg_dump} writes after it are not rows. Newlines are counted eight bytes at a time.
 */
final class CopyRowCounter {
    private static final long NEWLINES = ByteWords.repeated('\n');

    private long newlines;
    private long bytes;
    /** Newline bytes at the current end of the data. */
    private long trailingNewlines;
    /** The (up to) three bytes before those trailing newlines, oldest in the highest byte. */
    private int beforeTrailing;
    /** How many bytes preceded the last one that is not a newline, plus one (0: none seen yet). */
    private long lastNonNewlinePosition;
    /** The last three bytes seen, oldest in the highest byte. */
    private int lastThree;

    void accept(byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        newlines += countNewlines(data, offset, length);
        int end = offset + length;
        int lastNonNewline = end - 1;
        while (lastNonNewline >= offset && data[lastNonNewline] == '\n') {
            lastNonNewline--;
        }
        if (lastNonNewline < offset) {
            trailingNewlines += length;
        } else {
            beforeTrailing = lastNonNewline - offset >= 2 ? threeBytesEndingAt(data, lastNonNewline)
                    : shiftIn(lastThree, data, offset, lastNonNewline + 1);
            trailingNewlines = end - 1 - lastNonNewline;
            lastNonNewlinePosition = bytes + (lastNonNewline - offset) + 1;
        }
        lastThree = length >= 3 ? threeBytesEndingAt(data, end - 1) : shiftIn(lastThree, data, offset, end);
        bytes += length;
    }

    private static int threeBytesEndingAt(byte[] data, int last) {
        return (data[last - 2] & 0xFF) << 16 | (data[last - 1] & 0xFF) << 8 | (data[last] & 0xFF);
    }

    /** {@code window} with the bytes {@code data[from..to)} shifted in, keeping the last three. */
    private static int shiftIn(int window, byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            window = (window << 8) | (data[i] & 0xFF);
        }
        return window & 0xFFFFFF;
    }

    /** The rows seen: newlines before the terminator line, if there is one. */
    long rows() {
        boolean endsWithTerminator = trailingNewlines > 0 && (beforeTrailing & 0xFFFF) == ('\\' << 8 | '.')
                && (lastNonNewlinePosition == 2 || (lastNonNewlinePosition > 2 && beforeTrailing >>> 16 == '\n'));
        return endsWithTerminator ? newlines - trailingNewlines : newlines;
    }

    static long countNewlines(byte[] data, int offset, int length) {
        long count = 0;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            count += Long.bitCount(ByteWords.zeroBytes(ByteWords.word(data, i) ^ NEWLINES));
        }
        for (; i < end; i++) {
            if (data[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
