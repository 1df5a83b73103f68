package io.backline.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names of the sibling databases a safe replace uses: {@code <db>_backline_new_<random>}, {@code …_old_<time>}. */
public final class DatabaseNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private DatabaseNames() {
    }

    /** {@code <db>_backline_new_<8 random>} within {@code maxBytes}. */
    public static String sibling(String database, int maxBytes) {
        StringBuilder suffix = new StringBuilder("_backline_new_");
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 8; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return fit(database, suffix.toString(), maxBytes);
    }

    /** {@code <db>_backline_old_<UTC time>} within {@code maxBytes}. */
    public static String old(String database, Clock clock, int maxBytes) {
        return fit(database, "_backline_old_" + TIME.format(clock.instant()), maxBytes);
    }

    private static String fit(String base, String suffix, int maxBytes) {
        int room = maxBytes - suffix.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > room) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return kept + suffix;
    }
}
