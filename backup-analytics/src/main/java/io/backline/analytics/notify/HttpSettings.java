package io.backline.analytics.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Validation shared by the HTTP notifiers' builders. */
final class HttpSettings {
    private HttpSettings() {
    }

    static URI url(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL needs to be an absolute http(s) URL, not "
                    + (url.getScheme() == null ? "a relative one" : "a " + url.getScheme() + " one"));
        }
        return url;
    }

    static Duration timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout needs to be positive, not " + timeout);
        }
        return timeout;
    }

    static int attempts(int attempts) {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts needs to be within 1..10, not " + attempts);
        }
        return attempts;
    }

    static Duration backoff(Duration backoff) {
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff needs to be >= 0, not " + backoff);
        }
        return backoff;
    }
}
