package io.backline.analytics.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a JSON body with timeouts and retries: up to {@code attempts} tries, waiting {@code backoff}, then twice
 * that, and so on, after a connection failure, a timeout, 429 or a 5xx answer; other 4xx answers fail at once, since
 * repeating would not help. Logs and messages name the URL only in its redacted form.
 */
final class HttpPoster {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPoster.class);

    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient client;

    HttpPoster(URI url, Map<String, String> headers, Duration timeout, int attempts, Duration backoff) {
        this.url = url;
        this.headers = new LinkedHashMap<>(headers);
        this.timeout = timeout;
        this.attempts = attempts;
        this.backoff = backoff;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Posts {@code json}; returns the successful status code. */
    int post(String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        String where = Redaction.url(url);
        String lastFailure = null;
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            boolean retryable;
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return status;
                }
                lastFailure = "HTTP " + status;
                retryable = status == 429 || status >= 500;
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName();
                retryable = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("POST to " + where + " was interrupted", e);
            }
            if (!retryable || attempt == attempts) {
                throw new IOException("POST to " + where + " failed after " + attempt + " attempt"
                        + (attempt == 1 ? "" : "s") + ": " + lastFailure);
            }
            LOG.warn("POST to {} failed ({}), attempt {} of {}; retrying in {} ms", where, lastFailure, attempt,
                    attempts, wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("POST to " + where + " was interrupted", e);
            }
            wait = wait.multipliedBy(2);
        }
        throw new IllegalStateException("unreachable");
    }

    /** The headers with secret values masked. */
    Map<String, String> redactedHeaders(java.util.Set<String> secretNames) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, secretNames.contains(name) || Redaction.secretHeader(name)
                ? Redaction.MASK : value));
        return shown;
    }
}
