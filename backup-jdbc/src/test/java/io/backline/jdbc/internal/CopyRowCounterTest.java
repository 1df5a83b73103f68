package io.backline.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyRowCounterTest {

    @ParameterizedTest(name = "{0} rows in \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "3 | 1\\tx\\n2\\tline\\\\nbreak\\n3\\t\\\\N\\n\\\\.\\n\\n\\n",
        "0 | \\\\.\\n\\n\\n",
        "0 | \\\\.\\n",
        "2 | \\n\\n\\\\.\\n\\n\\n",
        "3 | \\n\\n\\n",
        "1 | \\\\\\\\.\\n",
        "2 | a\\n\\\\\\\\.\\n",
        "1 | x\\\\.\\n",
        "2 | a\\nb\\n",
        "1 | no newline at the end\\nstill counted?",
        "0 | no newline at all",
    })
    void countsTheLinesBeforeTheTerminatorLine(long rows, String escaped) {
        byte[] data = unescape(escaped);

        assertThat(countWhole(data)).isEqualTo(rows);
    }

    @Test
    void givesTheSameCountHoweverTheDataIsSliced() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            int kind = random.nextInt(5);
            text.append(switch (kind) {
                case 0 -> "";
                case 1 -> "\\\\.";
                case 2 -> "x\\ny\t\\N";
                case 3 -> "a".repeat(random.nextInt(40));
                default -> "\\.x";
            }).append('\n');
        }
        text.append("\\.\n\n\n");
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);

        for (int trial = 0; trial < 200; trial++) {
            CopyRowCounter counter = new CopyRowCounter();
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + random.nextInt(trial < 100 ? 4 : 300));
                counter.accept(data, at, n);
                at += n;
            }
            assertThat(counter.rows()).as("trial %d", trial).isEqualTo(2000);
        }
    }

    @Test
    void countsNewlinesEightBytesAtATimeWithoutMisses() {
        Random random = new Random(11);
        byte[] data = new byte[10_000];
        random.nextBytes(data);
        long expected = 0;
        for (byte b : data) {
            expected += b == '\n' ? 1 : 0;
        }
        for (int offset = 0; offset < 9; offset++) {
            long slow = 0;
            for (int i = offset; i < data.length; i++) {
                slow += data[i] == '\n' ? 1 : 0;
            }
            assertThat(CopyRowCounter.countNewlines(data, offset, data.length - offset)).isEqualTo(slow);
        }
        assertThat(CopyRowCounter.countNewlines(data, 0, data.length)).isEqualTo(expected);
    }

    private static long countWhole(byte[] data) {
        CopyRowCounter counter = new CopyRowCounter();
        counter.accept(data, 0, data.length);
        CopyRowCounter byteWise = new CopyRowCounter();
        for (int i = 0; i < data.length; i++) {
            byteWise.accept(data, i, 1);
        }
        assertThat(byteWise.rows()).isEqualTo(counter.rows());
        return counter.rows();
    }

    /** {@code \n} and {@code \t} as control characters, {@code \\} as one backslash. */
    private static byte[] unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
