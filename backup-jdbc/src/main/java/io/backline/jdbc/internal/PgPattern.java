package io.backline.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code psql}/{@code pg_dump} name pattern ({@code public.order*}, {@code "MixedCase"}) translated to anchored
 * PostgreSQL regular expressions, so that the rows Backline counts are those of exactly the tables {@code pg_dump}
 * selects. Unquoted text is folded to lower case; {@code *} matches any run, {@code ?} one character; quoted text
 * matches literally.
 *
 * @param schemaRegex the schema part, or null when the pattern has none
 * @param nameRegex   the object name part
 */
public record PgPattern(String schemaRegex, String nameRegex) {

    /** Parses a table pattern ({@code [schema.]name}). */
    public static PgPattern table(String pattern) {
        List<String> parts = split(pattern);
        if (parts.size() > 2) {
            throw new IllegalArgumentException("table pattern needs to be [schema.]table, not '" + pattern + "'");
        }
        return parts.size() == 2 ? new PgPattern(regex(parts.get(0)), regex(parts.get(1)))
                : new PgPattern(null, regex(parts.get(0)));
    }

    /** Parses a schema pattern. */
    public static String schema(String pattern) {
        List<String> parts = split(pattern);
        if (parts.size() != 1) {
            throw new IllegalArgumentException("schema pattern may not contain an unquoted dot: '" + pattern + "'");
        }
        return regex(parts.get(0));
    }

    private static List<String> split(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a pattern may not be empty");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed double quote in pattern '" + pattern + "'");
        }
        parts.add(current.toString());
        return parts;
    }

    private static String regex(String part) {
        StringBuilder out = new StringBuilder("^(");
        boolean quoted = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < part.length() && part.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (!quoted && c == '*') {
                out.append(".*");
            } else if (!quoted && c == '?') {
                out.append('.');
            } else {
                char folded = quoted ? c : Character.toLowerCase(c);
                if (Character.isLetterOrDigit(folded) || folded == '_') {
                    out.append(folded);
                } else {
                    out.append('\\').append(folded);
                }
            }
        }
        return out.append(")$").toString();
    }
}
