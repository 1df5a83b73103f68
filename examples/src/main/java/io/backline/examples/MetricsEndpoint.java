package io.backline.examples;

import com.sun.net.httpserver.HttpServer;
import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.metrics.BacklineMetrics;
import io.backline.core.storage.LocalStorage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Serves a repository's metrics at {@code http://localhost:9464/metrics} for Prometheus, with the JDK's HTTP server
 * and Micrometer's Prometheus registry; {@code docs/grafana/backline-dashboard.json} charts them.
 *
 * <pre>{@code java -cp … io.backline.examples.MetricsEndpoint /var/backups/app [port]}</pre>
 *
 * The repository is read at most once a minute, however often Prometheus scrapes.
 */
public final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    public static void main(String[] args) throws IOException {
        Path repository = Path.of(args.length > 0 ? args[0] : "backups");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9464;
        BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder().storage(LocalStorage.at(repository)).build();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BacklineMetrics.create(engine, Duration.ofSeconds(60)).bindTo(registry);

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("serving http://localhost:" + port + "/metrics for " + repository.toAbsolutePath());
    }
}
