package io.backline.analytics.notify;

import io.backline.analytics.Alert;
import io.backline.analytics.Notification;
import io.backline.analytics.Notifier;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Posts notifications to a Slack incoming webhook as {@code {"text": …}} in Slack's mrkdwn: the title in bold, then
 * one line per alert (or the report text in a code block). The webhook URL is a secret: only
 * {@code https://hooks.slack.com/services/***} is ever shown. Retries like {@link WebhookNotifier}.
 */
public final class SlackNotifier implements Notifier {
    private static final int MAX_TEXT = 3500;

    private final URI url;
    private final HttpPoster poster;

    private SlackNotifier(URI url, Duration timeout, int attempts, Duration backoff) {
        this.url = url;
        this.poster = new HttpPoster(url, Map.of(), timeout, attempts, backoff);
    }

    /** A notifier for the incoming-webhook {@code url}, with a 10 s timeout and 3 attempts 1 s apart (doubling). */
    public static SlackNotifier create(URI url) {
        return create(url, Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
    }

    /** A notifier for {@code url} with the given timeout, attempts and first backoff. */
    public static SlackNotifier create(URI url, Duration timeout, int attempts, Duration backoff) {
        return new SlackNotifier(HttpSettings.url(url), HttpSettings.timeout(timeout), HttpSettings.attempts(attempts),
                HttpSettings.backoff(backoff));
    }

    @Override
    public void send(Notification notification) throws IOException {
        poster.post(WebhookNotifier.json(Map.of("text", text(notification))));
    }

    static String text(Notification notification) {
        StringBuilder text = new StringBuilder("*").append(escape(notification.title())).append("*\n");
        if (notification.alerts().isEmpty()) {
            String body = notification.text();
            if (body.length() > MAX_TEXT) {
                body = body.substring(0, MAX_TEXT) + "\n…";
            }
            text.append("```").append(escape(body)).append("```");
        } else {
            for (Alert alert : notification.alerts()) {
                String icon = switch (alert.severity()) {
                    case CRITICAL -> ":red_circle:";
                    case WARNING -> ":warning:";
                    default -> ":information_source:";
                };
                text.append(icon).append(' ').append(escape(alert.message())).append('\n');
            }
        }
        return text.toString();
    }

    /** Slack's three control characters. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "SlackNotifier[" + Redaction.url(url) + "]";
    }
}
