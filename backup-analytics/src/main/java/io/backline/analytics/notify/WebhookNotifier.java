package io.backline.analytics.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.backline.analytics.Notification;
import io.backline.analytics.Notifier;
import io.backline.core.manifest.ManifestCodec;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * POSTs each notification as JSON to a URL:
 * <pre>{@code {"title":"Backline: 2 alerts (critical)","severity":"CRITICAL","text":"...","at":"2026-11-29T08:00:00Z",
 *  "alerts":[{"rule":"rpo-exceeded","severity":"CRITICAL","source":"orders-db","message":"...","at":"..."}]}}</pre>
 * Timeouts and retries with exponential backoff as described in the builder. The URL's path beyond its first
 * segment and its query, and the values of secret headers ({@link Builder#secretHeader}, and by convention any
 * header whose name mentions auth, token, key, secret, cookie, signature or password) never appear in logs,
 * messages or {@link #toString()}.
 */
public final class WebhookNotifier implements Notifier {
    private static final ObjectMapper MAPPER = ManifestCodec.newMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private final URI url;
    private final HttpPoster poster;
    private final Set<String> secretHeaders;
    private final Duration timeout;
    private final int attempts;

    private WebhookNotifier(Builder builder) {
        this.url = builder.url;
        this.poster = new HttpPoster(builder.url, builder.headers, builder.timeout, builder.attempts, builder.backoff);
        this.secretHeaders = Set.copyOf(builder.secretHeaders);
        this.timeout = builder.timeout;
        this.attempts = builder.attempts;
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    @Override
    public void send(Notification notification) throws IOException {
        poster.post(json(notification));
    }

    static String json(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification cannot be written as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookNotifier[" + Redaction.url(url) + ", headers=" + poster.redactedHeaders(secretHeaders)
                + ", timeout=" + timeout + ", attempts=" + attempts + "]";
    }

    /** Collects the webhook's settings; setters validate their arguments. */
    public static final class Builder {
        private final URI url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> secretHeaders = new HashSet<>();
        private Duration timeout = Duration.ofSeconds(10);
        private int attempts = 3;
        private Duration backoff = Duration.ofSeconds(1);

        private Builder(URI url) {
            this.url = HttpSettings.url(url);
        }

        /** A header sent with every request, shown in {@code toString()} unless its name marks it secret. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A header whose value is a secret (e.g. {@code Authorization: Bearer …}), never shown. */
        public Builder secretHeader(String name, String value) {
            header(name, value);
            secretHeaders.add(name);
            return this;
        }

        /** Connect and request timeout (default 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = HttpSettings.timeout(timeout);
            return this;
        }

        /** Tries in all, 1..10 (default 3). */
        public Builder attempts(int attempts) {
            this.attempts = HttpSettings.attempts(attempts);
            return this;
        }

        /** The wait before the first retry, doubled for each further one (default 1 s). */
        public Builder backoff(Duration backoff) {
            this.backoff = HttpSettings.backoff(backoff);
            return this;
        }

        public WebhookNotifier build() {
            return new WebhookNotifier(this);
        }
    }
}
