package io.backline.analytics.notify;

import java.net.URI;
import java.util.Locale;

/** Masks secrets in what notifiers print. */
final class Redaction {
    static final String MASK = "***";

    private Redaction() {
    }

    /**
     * A URL safe to log: scheme, host and port, the first path segment, and {@code ***} for the rest of the path,
     * the query and any user info, where tokens usually hide ({@code https://hooks.slack.com/services/***}).
     */
    static String url(URI uri) {
        StringBuilder text = new StringBuilder();
        text.append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            text.append(MASK).append('@');
        }
        text.append(uri.getHost());
        if (uri.getPort() >= 0) {
            text.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int second = path.indexOf('/', 1);
        if (second > 0 && second < path.length() - 1) {
            text.append(path, 0, second + 1).append(MASK);
        } else {
            text.append(path);
        }
        if (uri.getRawQuery() != null) {
            text.append('?').append(MASK);
        }
        return text.toString();
    }

    /** Whether a header of this name carries a secret by convention. */
    static boolean secretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("auth") || lower.contains("token") || lower.contains("key") || lower.contains("secret")
                || lower.contains("cookie") || lower.contains("signature") || lower.contains("password");
    }
}
