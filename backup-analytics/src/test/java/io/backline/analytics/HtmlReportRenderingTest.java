package io.backline.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.analytics.internal.HtmlReportWriter;
import io.backline.core.testing.ExternalTools;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the HTML report in headless Chromium and checks, pixel by pixel, that the three charts are drawn. */
class HtmlReportRenderingTest {
    @TempDir
    Path temp;

    @Test
    void theChartsAreDrawnInHeadlessChromiumWithoutANetwork() throws Exception {
        Path chromium = ExternalTools.require("chromium");
        BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder().storage(SampleHistory.create().storage())
                .clock(Clock.fixed(SampleHistory.NOW, ZoneOffset.UTC)).build();
        BackupReport report = engine.report(LocalDate.parse("2026-10-20"), LocalDate.parse("2026-11-29"));
        Path page = temp.resolve("report.html");
        Files.writeString(page, ReportRenderer.render(report, ReportFormat.HTML), StandardCharsets.UTF_8);
        BufferedImage image = screenshot(chromium, page);
        Files.createDirectories(Path.of("target"));
        Files.copy(page, Path.of("target", "html-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ImageIO.write(image, "png", Path.of("target", "html-report.png").toFile());

        Pixels storage = find(image, HtmlReportWriter.STORAGE_COLOR);
        Pixels forecastLine = find(image, HtmlReportWriter.FORECAST_COLOR);
        Pixels band = find(image, blend(HtmlReportWriter.FORECAST_COLOR, HtmlReportWriter.BAND_OPACITY));
        Pixels successes = find(image, HtmlReportWriter.SUCCESS_COLOR);
        Pixels failures = find(image, HtmlReportWriter.FAILURE_COLOR);
        Pixels durations = find(image, HtmlReportWriter.DURATION_COLOR);

        assertThat(storage.count).as("storage line pixels").isGreaterThan(1000);
        assertThat(forecastLine.count).as("forecast line pixels").isGreaterThan(300);
        assertThat(band.count).as("forecast band pixels").isGreaterThan(300);
        assertThat(successes.count).as("success bar pixels").isGreaterThan(2000);
        assertThat(failures.count).as("failure bar pixels").isGreaterThan(150);
        assertThat(durations.count).as("duration line pixels").isGreaterThan(1000);
        // the charts come in order, one under the other: storage, attempts per day, durations
        assertThat(storage.medianY).isLessThan(successes.medianY);
        assertThat(forecastLine.medianY).isLessThan(successes.medianY);
        assertThat(successes.medianY).isLessThan(durations.medianY);
        assertThat(failures.medianY).isBetween(storage.medianY, durations.medianY);
        // the forecast continues to the right of the history
        assertThat(forecastLine.medianX).isGreaterThan(storage.medianX);
    }

    private BufferedImage screenshot(Path chromium, Path page) throws IOException, InterruptedException {
        Path png = temp.resolve("report.png");
        Path profile = Files.createDirectory(temp.resolve("profile"));
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png,
                "--window-size=1200,1600", page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertThat(png).as("screenshot; chromium said: %s", Files.readString(temp.resolve("chromium.log")))
                .exists();
        return ImageIO.read(png.toFile());
    }

    private static int[] blend(String hex, double opacity) {
        int[] rgb = rgb(hex);
        for (int i = 0; i < 3; i++) {
            rgb[i] = (int) Math.round(255 - opacity * (255 - rgb[i]));
        }
        return rgb;
    }

    private static Pixels find(BufferedImage image, String hex) {
        return find(image, rgb(hex));
    }

    private static Pixels find(BufferedImage image, int[] target) {
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                int r = pixel >> 16 & 0xff;
                int g = pixel >> 8 & 0xff;
                int b = pixel & 0xff;
                if (Math.abs(r - target[0]) <= 6 && Math.abs(g - target[1]) <= 6 && Math.abs(b - target[2]) <= 6) {
                    xs.add(x);
                    ys.add(y);
                }
            }
        }
        return new Pixels(xs.size(), median(xs), median(ys));
    }

    private static int median(List<Integer> values) {
        if (values.isEmpty()) {
            return -1;
        }
        int[] sorted = values.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int[] rgb(String hex) {
        int value = Integer.parseInt(hex.substring(1), 16);
        return new int[] {value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff};
    }

    private record Pixels(int count, int medianX, int medianY) {
    }
}
