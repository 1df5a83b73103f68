package io.backline.jdbc.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Source names as the repository layout allows them: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
public final class SourceNames {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private SourceNames() {
    }

    /** Checks {@code name}. */
    public static String require(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("name needs to match [a-z0-9][a-z0-9._-]{0,62}, not '" + name + "'");
        }
        return name;
    }

    /** A valid name made from {@code text} (a database or file name): lower case, other characters as '-'. */
    public static String derive(String text) {
        String base = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        base = base.replaceAll("^[^a-z0-9]+", "");
        if (base.isEmpty()) {
            base = "db";
        }
        return base.length() > 63 ? base.substring(0, 63) : base;
    }
}
