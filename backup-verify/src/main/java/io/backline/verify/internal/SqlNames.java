package io.backline.verify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the table name out of a {@code CREATE [MEMORY|CACHED|TEMPORARY] TABLE [IF NOT EXISTS] name (…} line. */
final class SqlNames {
    private SqlNames() {
    }

    /** The unquoted name of the table {@code line} creates (without its schema), or null when it creates none. */
    static String createdTable(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("CREATE ")) {
            return null;
        }
        int table = upper.indexOf(" TABLE ");
        if (table < 0 || !isTableModifiers(upper.substring("CREATE ".length(), table + 1))) {
            return null;
        }
        String rest = line.substring(table + " TABLE ".length()).stripLeading();
        if (rest.toUpperCase(Locale.ROOT).startsWith("IF NOT EXISTS ")) {
            rest = rest.substring("IF NOT EXISTS ".length()).stripLeading();
        }
        List<String> parts = identifiers(rest);
        return parts.isEmpty() ? null : parts.get(parts.size() - 1);
    }

    private static boolean isTableModifiers(String between) {
        for (String word : between.trim().split("\\s+")) {
            if (!word.isEmpty() && !List.of("MEMORY", "CACHED", "TEMPORARY", "TEMP", "GLOBAL", "LOCAL", "UNLOGGED",
                    "LINKED", "TEXT").contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** {@code `db`.`t` (} or {@code "PUBLIC"."T"(} or {@code t(} → its dot-separated identifiers, unquoted. */
    private static List<String> identifiers(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`' || c == '"' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = i + 1;
                while (end < text.length()) {
                    if (text.charAt(end) == close) {
                        if (end + 1 < text.length() && text.charAt(end + 1) == close && close != ']') {
                            current.append(close);
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    current.append(text.charAt(end));
                    end++;
                }
                i = end + 1;
            } else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
                i++;
            } else if (c == '(' || Character.isWhitespace(c) || c == ';') {
                break;
            } else {
                current.append(c);
                i++;
            }
        }
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        return parts;
    }
}
