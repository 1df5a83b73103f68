package io.backline.analytics.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.backline.analytics.Alert;
import io.backline.analytics.Notification;
import io.backline.analytics.Severity;
import io.backline.core.manifest.ManifestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook and Slack notifiers against a real HTTP server on a loopback port. */
class NotifierWebhookTest {
    private static final String TOKEN = "T0KEN-abcdef0123456789";
    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final Notification ALERTS = Notification.of(List.of(
            new Alert("rpo-exceeded", Severity.CRITICAL, "orders-db", "orders-db: no completed backup for 1d15h", AT),
            new Alert("backup-failed", Severity.WARNING, "app", "app/x failed at STORE: disk <full>", AT)), AT);

    private HttpServer server;
    private final List<Map.Entry<String, byte[]>> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile long delayMillis;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(Map.entry(exchange.getRequestURI().toString(), body));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = failuresLeft.getAndDecrement() > 0 ? failureStatus : 204;
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aWebhookPostsTheNotificationAsJsonWithItsHeaders() throws Exception {
        WebhookNotifier notifier = WebhookNotifier.builder(url("/hooks/backline?token=" + TOKEN))
                .secretHeader("Authorization", "Bearer " + TOKEN).header("X-Team", "storage").build();
        notifier.send(ALERTS);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getKey()).isEqualTo("/hooks/backline?token=" + TOKEN);
        JsonNode json = ManifestCodec.mapper().readTree(requests.get(0).getValue());
        assertThat(json.path("title").asText()).isEqualTo("Backline: 2 alerts (critical)");
        assertThat(json.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(json.path("at").asText()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(json.path("alerts").get(0).path("rule").asText()).isEqualTo("rpo-exceeded");
        assertThat(json.path("alerts").get(1).path("source").asText()).isEqualTo("app");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void aWebhookRetriesServerErrorsWithBackoffThenSucceeds() throws Exception {
        failuresLeft.set(2);
        WebhookNotifier notifier = WebhookNotifier.builder(url("/hook")).attempts(3).backoff(Duration.ofMillis(50))
                .build();
        long start = System.nanoTime();
        notifier.send(ALERTS);
        assertThat(requests).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aWebhookGivesUpAfterItsAttempts() {
        failuresLeft.set(10);
        failureStatus = 503;
        WebhookNotifier notifier = WebhookNotifier.builder(url("/hook")).attempts(2).backoff(Duration.ofMillis(10))
                .build();
        assertThatThrownBy(() -> notifier.send(ALERTS)).isInstanceOf(IOException.class)
                .hasMessageEndingWith("failed after 2 attempts: HTTP 503");
        assertThat(requests).hasSize(2);
    }

    @Test
    void aWebhookDoesNotRetryAClientError() {
        failuresLeft.set(10);
        failureStatus = 400;
        WebhookNotifier notifier = WebhookNotifier.builder(url("/hook")).attempts(3).backoff(Duration.ofMillis(10))
                .build();
        assertThatThrownBy(() -> notifier.send(ALERTS)).hasMessageEndingWith("failed after 1 attempt: HTTP 400");
        assertThat(requests).hasSize(1);
    }

    @Test
    void aWebhookTimesOut() {
        delayMillis = 1500;
        WebhookNotifier notifier = WebhookNotifier.builder(url("/hook")).timeout(Duration.ofMillis(200)).attempts(1)
                .build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> notifier.send(ALERTS)).hasMessageContaining("HttpTimeoutException");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
    }

    @Test
    void secretsInTheUrlAndHeadersNeverReachLogsMessagesOrToString() throws Exception {
        failuresLeft.set(10);
        WebhookNotifier notifier = WebhookNotifier.builder(url("/hooks/" + TOKEN + "/x?key=" + TOKEN))
                .secretHeader("X-Signature-Secret", TOKEN).header("X-Api-Key", TOKEN).header("X-Team", "storage")
                .attempts(2).backoff(Duration.ofMillis(10)).build();
        PrintStream original = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        String message;
        try {
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            try {
                notifier.send(ALERTS);
                throw new AssertionError("the send should have failed");
            } catch (IOException e) {
                message = e.getMessage();
            }
        } finally {
            System.setErr(original);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("retrying").contains("/hooks/***").doesNotContain(TOKEN);
        assertThat(message).contains("http://127.0.0.1:").contains("/hooks/***").doesNotContain(TOKEN);
        assertThat(notifier.toString()).doesNotContain(TOKEN).contains("X-Team=storage", "X-Api-Key=***",
                "X-Signature-Secret=***", "?***");
    }

    @Test
    void slackGetsMrkdwnTextAndItsUrlIsMasked() throws Exception {
        SlackNotifier slack = SlackNotifier.create(url("/services/T000/B000/" + TOKEN));
        slack.send(ALERTS);
        JsonNode json = ManifestCodec.mapper().readTree(requests.get(0).getValue());
        assertThat(json.path("text").asText()).isEqualTo("*Backline: 2 alerts (critical)*\n"
                + ":red_circle: orders-db: no completed backup for 1d15h\n"
                + ":warning: app/x failed at STORE: disk &lt;full&gt;\n");
        assertThat(slack.toString()).isEqualTo("SlackNotifier[http://127.0.0.1:" + server.getAddress().getPort()
                + "/services/***]");
    }

    @Test
    void slackShowsAReportSummaryAsACodeBlock() throws Exception {
        SlackNotifier.create(url("/services/x")).send(new Notification("Backline daily report 2026-11-28",
                Severity.INFO, "Attempts: 3", List.of(), AT));
        JsonNode json = ManifestCodec.mapper().readTree(requests.get(0).getValue());
        assertThat(json.path("text").asText()).isEqualTo("*Backline daily report 2026-11-28*\n```Attempts: 3```");
    }

    @Test
    void buildersRefuseBadSettings() {
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("ftp://example.org/x")))
                .hasMessage("the webhook URL needs to be an absolute http(s) URL, not a ftp one");
        assertThatThrownBy(() -> WebhookNotifier.builder(url("/x")).attempts(0))
                .hasMessage("attempts needs to be within 1..10, not 0");
    }
}
