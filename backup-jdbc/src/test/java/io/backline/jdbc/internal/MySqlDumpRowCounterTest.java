package io.backline.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The counter against dumps written here the way {@code mariadb-dump} writes them, so the right counts are known:
 * strings full of the bytes that matter to the lexer (quotes, escapes, parentheses, semicolons, newlines), fed in
 * slices of every kind of size.
 */
class MySqlDumpRowCounterTest {
    private static final String TRICKY = "'\"\\();,`\n\r\0x";

    @Test
    void countsEveryTupleOfGeneratedDumps_whateverTheWriteSizes() throws IOException {
        Random random = new Random(20261129);
        for (int dumpNumber = 0; dumpNumber < 40; dumpNumber++) {
            Map<String, Long> expected = new LinkedHashMap<>();
            byte[] dump = generateDump(random, expected);

            for (int chunk : new int[] {1, 3, 7, 8, 9, 64, 4093, dump.length}) {
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                MySqlDumpRowCounter counter = new MySqlDumpRowCounter(sink);
                for (int i = 0; i < dump.length; i += chunk) {
                    counter.write(dump, i, Math.min(chunk, dump.length - i));
                }

                assertThat(counter.rows()).as("dump %d written %d bytes at a time", dumpNumber, chunk)
                        .isEqualTo(expected);
                assertThat(sink.toByteArray()).isEqualTo(dump);
            }
        }
    }

    @Test
    void anEscapedQuoteIsSeenAfterAnyNumberOfPlainBytes() throws IOException {
        for (int position = 0; position < 24; position++) {
            String before = "a".repeat(position);
            String dump = "LOCK TABLES `t` WRITE;\nINSERT INTO `t` VALUES (1,'" + before + "\\'(;" + before
                    + "'),(2,\"" + before + "\\\"x" + before + "\");\nUNLOCK TABLES;\n";
            MySqlDumpRowCounter counter = new MySqlDumpRowCounter(new ByteArrayOutputStream());
            counter.write(dump.getBytes(StandardCharsets.UTF_8));

            assertThat(counter.rows()).as("special byte after %d plain ones", position).isEqualTo(Map.of("t", 2L));
        }
    }

    @Test
    void agreesWithAByteAtATimeLexer_onValuesOfRandomSpecialBytes() throws IOException {
        Random random = new Random(20261130);
        String alphabet = "aaaaaaaa'\"\\();`,\n";
        for (int round = 0; round < 300; round++) {
            StringBuilder values = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                values.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String dump = "LOCK TABLES `t` WRITE;\nINSERT INTO `t` VALUES " + values + ";\nUNLOCK TABLES;\n";
            byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);
            Map<String, Long> expected = referenceCounts(bytes);

            for (int chunk : new int[] {1, 5, 8, 13, bytes.length}) {
                MySqlDumpRowCounter counter = new MySqlDumpRowCounter(new ByteArrayOutputStream());
                for (int i = 0; i < bytes.length; i += chunk) {
                    counter.write(bytes, i, Math.min(chunk, bytes.length - i));
                }

                assertThat(counter.rows()).as("round %d, %d bytes at a time: %s", round, chunk, dump)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void findsTheFirstOfTwoBytesAtEveryPositionOfAWord() {
        for (int length = 0; length < 20; length++) {
            for (int at = 0; at <= length; at++) {
                byte[] bytes = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
                if (at < length) {
                    bytes[at] = at % 2 == 0 ? (byte) '\\' : (byte) '\'';
                }
                int found = MySqlDumpRowCounter.indexOfEither(bytes, 0, length, 0x2727272727272727L,
                        0x5C5C5C5C5C5C5C5CL);

                assertThat(found).as("special byte at %d of %d", at, length).isEqualTo(at);
            }
        }
    }

    /**
     * The rows of a dump of one table with one INSERT statement, lexed one byte at a time by the plain rules:
     * quotes end at their own unescaped quote, backticks at the next backtick, and each {@code (} outside them at
     * depth 0 is a row; a {@code ;} outside them at depth 0 ends the statement.
     */
    private static Map<String, Long> referenceCounts(byte[] dump) {
        String text = new String(dump, StandardCharsets.UTF_8);
        int i = text.indexOf("VALUES ") + "VALUES ".length();
        long rows = 0;
        int depth = 0;
        char quote = 0;
        boolean backtick = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (backtick) {
                backtick = c != '`';
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '`') {
                backtick = true;
            } else if (c == '(') {
                rows += depth++ == 0 ? 1 : 0;
            } else if (c == ')') {
                depth--;
            } else if (c == ';' && depth == 0) {
                break;
            }
        }
        return Map.of("t", rows);
    }

    private static byte[] generateDump(Random random, Map<String, Long> rowsPerTable) {
        StringBuilder dump = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\n");
        int tables = 1 + random.nextInt(3);
        for (int t = 0; t < tables; t++) {
            String table = "t" + t + (random.nextBoolean() ? "" : "``odd");
            dump.append("CREATE TABLE `").append(table).append("` (id int, body text);\n");
            dump.append("LOCK TABLES `").append(table).append("` WRITE;\n");
            long rows = 0;
            int statements = random.nextInt(4);
            for (int s = 0; s < statements; s++) {
                dump.append("INSERT INTO `").append(table).append("` VALUES ");
                int tuples = 1 + random.nextInt(30);
                for (int r = 0; r < tuples; r++) {
                    dump.append(r == 0 ? "" : ",").append('(').append(rows + r).append(',');
                    dump.append(random.nextInt(5) == 0 ? "NULL" : quoted(random)).append(')');
                }
                dump.append(";\n");
                rows += tuples;
            }
            dump.append("UNLOCK TABLES;\n");
            rowsPerTable.put(table.replace("``", "`"), rows);
        }
        return dump.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A string literal as the dump tool escapes it: backslash before quotes, backslashes, newlines and NULs. */
    private static String quoted(Random random) {
        StringBuilder literal = new StringBuilder("'");
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            char c = random.nextInt(4) == 0 ? TRICKY.charAt(random.nextInt(TRICKY.length()))
                    : (char) ('a' + random.nextInt(26));
            switch (c) {
                case '\'', '"', '\\' -> literal.append('\\').append(c);
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\0' -> literal.append("\\0");
                default -> literal.append(c);
            }
        }
        return literal.append('\'').toString();
    }
}
