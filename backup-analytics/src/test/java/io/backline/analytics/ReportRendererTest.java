package io.backline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.backline.core.manifest.ManifestCodec;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRendererTest {
    private final BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder()
            .storage(SampleHistory.create().storage()).clock(Clock.fixed(SampleHistory.NOW, ZoneOffset.UTC))
            .capacityBytes(100_000_000_000L).build();
    private final BackupReport report = engine.report(LocalDate.parse("2026-10-20"), LocalDate.parse("2026-11-29"));

    @Test
    void jsonUsesTheDocumentedStableNames() throws Exception {
        JsonNode json = ManifestCodec.mapper().readTree(ReportRenderer.render(report, ReportFormat.JSON));
        assertThat(json.path("kind").asText()).isEqualTo("backline-report");
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("period").path("kind").asText()).isEqualTo("CUSTOM");
        assertThat(json.path("totals").path("successRate").isNumber()).isTrue();
        assertThat(json.path("totals").path("duration").path("p95Seconds").isNumber()).isTrue();
        assertThat(json.path("storage").path("inUseAtEnd").asLong()).isEqualTo(report.storage().inUseAtEnd());
        assertThat(json.path("forecast").path("outcome").asText()).isEqualTo("PREDICTED");
        assertThat(json.path("forecast").path("daysUntilFull").isNumber()).isTrue();
        assertThat(json.path("failures").get(0).path("stage").asText()).isEqualTo("SOURCE");
        assertThat(json.path("backups").size()).isEqualTo(report.backups().size());
        assertThat(json.path("newestCompleted").get(0).path("ageSeconds").isNumber()).isTrue();
        assertThat(json.path("verification").has("coverage")).isTrue();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("kind", "version", "period", "generatedAt", "asOf", "totals", "sources",
                "largest", "slowest", "failures", "verification", "storage", "newestCompleted", "days", "backups",
                "forecast");
    }

    @Test
    void csvHasARowPerBackupWithRfc4180Quoting() {
        String csv = ReportRenderer.render(report, ReportFormat.CSV);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("source,id,status,started_at,finished_at,duration_seconds,stored_bytes,"
                + "content_bytes,compression_ratio,deleted_at,error_stage,error_type,error_message");
        assertThat(lines).hasSize(report.backups().size() + 1);
        assertThat(csv).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(csv).contains(",SOURCE,ToolException,\"pg_dump: error: connection to server failed, "
                + "\"\"quoted\"\" <b>not bold</b>\"\r\n");
    }

    @Test
    void textSumsUpTheReportForATerminal() {
        String text = ReportRenderer.render(report, ReportFormat.TEXT);
        assertThat(text).startsWith("Backline custom report 2026-10-20..2026-11-29 (UTC)")
                .contains("Attempts:", "success rate", "Storage in use:", "Verification:", "Forecast:",
                        "Per source", "orders-db", "Failures", "at SOURCE: pg_dump", "Largest backups");
    }

    @Test
    void htmlIsSelfContainedAndEscapesWhatItShows() {
        String html = ReportRenderer.render(report, ReportFormat.HTML);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg id=\"storage-chart\"", "<svg id=\"daily-chart\"",
                "<svg id=\"duration-chart\"", "class=\"forecast-band\"", "Content-Security-Policy");
        assertThat(html).doesNotContain("http://", "https://", "<script", "src=", "@import", "url(");
        assertThat(html).contains("&lt;b&gt;not bold&lt;/b&gt;").doesNotContain("<b>not bold</b>");
    }

    @Test
    void forecastsRenderAsTextAndJson() throws Exception {
        SpaceForecast forecast = report.forecast();
        assertThat(ReportRenderer.render(forecast, ReportFormat.TEXT)).contains("Space forecast for 30.0 days",
                "95%", "app", "orders-db", "PREDICTED");
        JsonNode json = ManifestCodec.mapper().readTree(ReportRenderer.render(forecast, ReportFormat.JSON));
        assertThat(json.path("kind").asText()).isEqualTo("backline-forecast");
        assertThat(json.path("outcome").asText()).isEqualTo("PREDICTED");
        assertThat(json.path("predictedBytes").asLong()).isPositive();
        assertThat(json.path("lowerBytes").asLong()).isLessThanOrEqualTo(json.path("upperBytes").asLong());
        assertThatThrownBy(() -> ReportRenderer.render(forecast, ReportFormat.CSV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text or json");
    }

    @Test
    void anInsufficientForecastSaysWhyInEveryFormat() throws Exception {
        BackupAnalyticsEngine empty = BackupAnalyticsEngine.builder().storage(new SyntheticRepository().storage())
                .build();
        SpaceForecast forecast = empty.predictSpaceNeeds(java.time.Duration.ofDays(30));
        assertThat(ReportRenderer.render(forecast, ReportFormat.TEXT))
                .contains("insufficient data: the repository has no completed backups");
        JsonNode json = ManifestCodec.mapper().readTree(ReportRenderer.render(forecast, ReportFormat.JSON));
        assertThat(json.path("outcome").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(json.path("reason").asText()).isEqualTo("the repository has no completed backups");
        assertThat(ReportRenderer.render(empty.dailyReport(LocalDate.now()), ReportFormat.HTML))
                .contains("insufficient data");
    }

    @Test
    void formatsParseCaseInsensitively() {
        assertThat(ReportFormat.parse("Html")).isEqualTo(ReportFormat.HTML);
        assertThat(ReportFormat.TEXT.extension()).isEqualTo("txt");
        assertThatThrownBy(() -> ReportFormat.parse("pdf")).hasMessage(
                "format needs to be text, json, csv or html, not 'pdf'");
    }
}
