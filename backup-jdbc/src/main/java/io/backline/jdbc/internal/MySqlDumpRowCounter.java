package io.backline.jdbc.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes a {@code mysqldump}/{@code mariadb-dump} SQL stream through unchanged while counting, per table, the rows
 * of the {@code INSERT INTO … VALUES (…),(…);} statements between {@code LOCK TABLES `t` WRITE;} and
 * {@code UNLOCK TABLES;}. The counts are therefore exactly what the payload holds, whatever the server's snapshot
 * semantics. Memory stays constant: only the first 256 bytes of a line are kept, and tuples are lexed in one pass
 * (quotes, backslash escapes and backtick identifiers respected; inside strings eight bytes at a time).
 */
public final class MySqlDumpRowCounter extends FilterOutputStream {
    private static final int HEAD_LIMIT = 256;
    private static final byte[] INSERT = "INSERT INTO ".getBytes(StandardCharsets.US_ASCII);
    private static final String LOCK = "LOCK TABLES `";
    private static final String UNLOCK = "UNLOCK TABLES;";
    private static final long SINGLE_QUOTES = ByteWords.repeated('\'');
    private static final long DOUBLE_QUOTES = ByteWords.repeated('"');
    private static final long BACKSLASHES = ByteWords.repeated('\\');
    private static final long BACKTICKS = ByteWords.repeated('`');

    private enum Mode { HEAD, INSERT, SKIP_LINE }

    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final byte[] head = new byte[HEAD_LIMIT];
    private final byte[] one = new byte[1];
    private int headLength;
    private Mode mode = Mode.HEAD;
    private String table;

    // Lexer state inside an INSERT statement.
    private int quote;
    private boolean escaped;
    private boolean inBacktick;
    private int depth;

    public MySqlDumpRowCounter(OutputStream out) {
        super(out);
    }

    /** Rows per table, in dump order; tables with an empty data section count 0. */
    public Map<String, Long> rows() {
        return Map.copyOf(rows);
    }

    /** Table names in dump order. */
    public Iterable<Map.Entry<String, Long>> entries() {
        return new LinkedHashMap<>(rows).entrySet();
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (mode == Mode.INSERT) {
                i = lexRun(bytes, i, end);
            } else {
                scan(bytes[i++]);
            }
        }
    }

    /**
     * Lexes INSERT values over a run of bytes with the lexer state in locals (almost all of a dump is INSERT values,
     * so this loop is where the counter spends its time): quotes, backslash escapes and backtick identifiers are
     * respected, each top-level {@code (} is a row, a top-level {@code ;} ends the statement. Inside a quoted string
     * or an identifier, where most of a dump's bytes are, the next byte that matters is found eight bytes at a
     * time. Returns where the statement ended, or {@code end}.
     */
    private int lexRun(byte[] bytes, int start, int end) {
        int q = quote;
        boolean esc = escaped;
        boolean tick = inBacktick;
        int d = depth;
        long counted = 0;
        int i = start;
        boolean statementEnded = false;
        while (i < end) {
            if (esc) {
                esc = false;
                i++;
            } else if (q != 0) {
                i = indexOfEither(bytes, i, end, q == '\'' ? SINGLE_QUOTES : DOUBLE_QUOTES, BACKSLASHES);
                if (i < end) {
                    if (bytes[i] == '\\') {
                        esc = true;
                    } else {
                        q = 0;
                    }
                    i++;
                }
            } else if (tick) {
                i = indexOfEither(bytes, i, end, BACKTICKS, BACKTICKS);
                if (i < end) {
                    tick = false;
                    i++;
                }
            } else {
                byte b = bytes[i++];
                if (b == '(') {
                    if (d == 0) {
                        counted++;
                    }
                    d++;
                } else if (b == ')') {
                    d--;
                } else if (b == '\'' || b == '"') {
                    q = b;
                } else if (b == '`') {
                    tick = true;
                } else if (b == ';' && d == 0) {
                    statementEnded = true;
                    break;
                }
            }
        }
        quote = q;
        escaped = esc;
        inBacktick = tick;
        depth = d;
        if (counted > 0) {
            rows.merge(table, counted, Long::sum);
        }
        if (statementEnded) {
            mode = Mode.SKIP_LINE;
        }
        return i;
    }

    /**
     * The index of the first byte in {@code bytes[from..end)} that equals a byte of {@code first} or of
     * {@code second} (each a byte repeated eight times), or {@code end}.
     */
    static int indexOfEither(byte[] bytes, int from, int end, long first, long second) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = ByteWords.word(bytes, i);
            long found = ByteWords.zeroBytes(word ^ first) | ByteWords.zeroBytes(word ^ second);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        byte a = (byte) first;
        byte b = (byte) second;
        for (; i < end; i++) {
            if (bytes[i] == a || bytes[i] == b) {
                return i;
            }
        }
        return end;
    }

    /** One byte outside INSERT values: the head of a line, or the rest of a line being skipped. */
    private void scan(byte b) {
        if (mode == Mode.HEAD) {
            head(b);
        } else if (b == '\n') {
            mode = Mode.HEAD;
            headLength = 0;
        }
    }

    private void head(byte b) {
        if (b == '\n') {
            classify(new String(head, 0, headLength, StandardCharsets.UTF_8));
            headLength = 0;
            return;
        }
        if (headLength == HEAD_LIMIT) {
            mode = Mode.SKIP_LINE;
            return;
        }
        head[headLength++] = b;
        if (table != null && headLength == INSERT.length && startsWithInsert()) {
            mode = Mode.INSERT;
            quote = 0;
            escaped = false;
            inBacktick = false;
            depth = 0;
        }
    }

    private boolean startsWithInsert() {
        for (int i = 0; i < INSERT.length; i++) {
            if (head[i] != INSERT[i]) {
                return false;
            }
        }
        return true;
    }

    private void classify(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.startsWith(LOCK) && text.endsWith("` WRITE;")) {
            table = text.substring(LOCK.length(), text.length() - "` WRITE;".length()).replace("``", "`");
            rows.putIfAbsent(table, 0L);
        } else if (text.equals(UNLOCK)) {
            table = null;
        }
    }
}
