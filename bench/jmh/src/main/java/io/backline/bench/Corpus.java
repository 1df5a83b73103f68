package io.backline.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic benchmark content: log-like text (compressible, roughly 5-8x with zstd -3) and media-like random bytes
 * (incompressible). The same seed always yields the same bytes, on every JDK, so runs and machines compare.
 */
public final class Corpus {
    private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "INFO ", "DEBUG", "DEBUG", "WARN ", "ERROR"};
    private static final String[] LOGGERS = {
        "c.e.orders.OrderService", "c.e.orders.PaymentClient", "c.e.web.RequestLog", "c.e.db.ConnectionPool",
        "c.e.cache.CacheLoader", "c.e.auth.TokenVerifier", "c.e.jobs.Scheduler", "c.e.mail.Outbox",
    };
    private static final int VOCABULARY = 4096;

    private Corpus() {
    }

    /** Random bytes: what photos, videos and already-compressed archives look like to a compressor. */
    public static void fillRandom(SplittableRandom random, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i + 8 <= end) {
            long v = random.nextLong();
            for (int k = 0; k < 8; k++) {
                b[i++] = (byte) (v >>> (8 * k));
            }
        }
        if (i < end) {
            long v = random.nextLong();
            while (i < end) {
                b[i++] = (byte) v;
                v >>>= 8;
            }
        }
    }

    /** A new log-text generator; successive {@link Text#fill} calls continue the same log. */
    public static Text text(long seed) {
        return new Text(seed);
    }

    /** Log lines: timestamps, levels, thread and logger names, Zipf-like words, ids and durations. */
    public static final class Text {
        private final SplittableRandom random;
        private final byte[][] words;
        private final byte[] line = new byte[512];
        private int linePos;
        private int lineLen;
        private long millis = 1_773_000_000_000L;

        private Text(long seed) {
            this.random = new SplittableRandom(seed);
            SplittableRandom vocab = new SplittableRandom(0x5eed_0f_7e47L);
            words = new byte[VOCABULARY][];
            String letters = "etaoinshrdlucmfwypvbgkjqxz";
            for (int w = 0; w < VOCABULARY; w++) {
                int n = 2 + vocab.nextInt(9);
                StringBuilder sb = new StringBuilder(n);
                for (int k = 0; k < n; k++) {
                    double u = vocab.nextDouble();
                    sb.append(letters.charAt((int) (letters.length() * u * u)));
                }
                words[w] = sb.toString().getBytes(StandardCharsets.US_ASCII);
            }
        }

        /** Fills {@code b[off, off+len)} with the next bytes of the log. */
        public void fill(byte[] b, int off, int len) {
            while (len > 0) {
                if (linePos == lineLen) {
                    nextLine();
                }
                int n = Math.min(len, lineLen - linePos);
                System.arraycopy(line, linePos, b, off, n);
                linePos += n;
                off += n;
                len -= n;
            }
        }

        private void nextLine() {
            millis += 1 + random.nextInt(40);
            int p = timestamp(millis);
            p = put(p, ' ');
            p = put(p, LEVELS[random.nextInt(LEVELS.length)]);
            p = put(p, " [worker-");
            p = number(p, random.nextInt(16));
            p = put(p, "] ");
            p = put(p, LOGGERS[random.nextInt(LOGGERS.length)]);
            p = put(p, " - ");
            int count = 4 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                double u = random.nextDouble();
                byte[] w = words[(int) (VOCABULARY * u * u * u)];
                System.arraycopy(w, 0, line, p, w.length);
                p += w.length;
                line[p++] = ' ';
            }
            p = put(p, "id=");
            p = number(p, random.nextInt(1_000_000));
            p = put(p, " took=");
            p = number(p, random.nextInt(2000));
            p = put(p, "ms\n");
            linePos = 0;
            lineLen = p;
        }

        private int timestamp(long t) {
            long seconds = t / 1000;
            int ms = (int) (t % 1000);
            int secOfDay = (int) (seconds % 86400);
            long day = seconds / 86400;
            int p = put(0, "2026-03-");
            p = two(p, (int) (1 + day % 28));
            line[p++] = 'T';
            p = two(p, secOfDay / 3600);
            line[p++] = ':';
            p = two(p, secOfDay / 60 % 60);
            line[p++] = ':';
            p = two(p, secOfDay % 60);
            line[p++] = '.';
            line[p++] = (byte) ('0' + ms / 100);
            line[p++] = (byte) ('0' + ms / 10 % 10);
            line[p++] = (byte) ('0' + ms % 10);
            line[p++] = 'Z';
            return p;
        }

        private int two(int p, int v) {
            line[p++] = (byte) ('0' + v / 10);
            line[p++] = (byte) ('0' + v % 10);
            return p;
        }

        private int number(int p, int v) {
            if (v >= 10) {
                p = number(p, v / 10);
            }
            line[p++] = (byte) ('0' + v % 10);
            return p;
        }

        private int put(int p, char c) {
            line[p] = (byte) c;
            return p + 1;
        }

        private int put(int p, String s) {
            for (int i = 0; i < s.length(); i++) {
                line[p++] = (byte) s.charAt(i);
            }
            return p;
        }
    }
}
