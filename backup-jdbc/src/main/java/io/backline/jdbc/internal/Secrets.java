package io.backline.jdbc.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes credentials from text before it reaches a message, a description or a log line. */
public final class Secrets {
    /** What a masked secret reads as. */
    public static final String MASK = "****";

    private static final Pattern QUERY_PASSWORD =
            Pattern.compile("(?i)((?:password|pwd|pass|passwd)\\s*=\\s*)([^&;\\s]*)");
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/:@\\s]*:)([^@/\\s]*)(@)");

    private Secrets() {
    }

    /** Masks {@code password=…} parameters and {@code user:password@} userinfo in a URL or connection string. */
    public static String maskUrl(String text) {
        if (text == null) {
            return null;
        }
        String masked = QUERY_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return USERINFO_PASSWORD.matcher(masked)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
    }

    /** Masks URL-style secrets and every occurrence of {@code password} (when given) in {@code text}. */
    public static String mask(String text, char[] password) {
        if (text == null) {
            return null;
        }
        String masked = maskUrl(text);
        if (password != null && password.length > 0) {
            masked = masked.replace(new String(password), MASK);
        }
        return masked;
    }
}
