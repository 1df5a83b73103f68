package io.backline.cli;

import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.ReportFormat;
import io.backline.analytics.ReportRenderer;
import io.backline.analytics.SpaceForecast;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backline forecast --days 30 --repo DIR [--capacity 500GiB] [--json]}. */
@Command(name = "forecast", description = "Forecast the storage the repository will need, with a 95%% band.",
        mixinStandardHelpOptions = true)
final class ForecastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Horizon (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--capacity", paramLabel = "SIZE", description = "Storage capacity, e.g. 500GiB, 2TB: adds the"
            + " days until it is full.")
    String capacity;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("--days needs to be >= 1, not " + days);
        }
        BackupAnalyticsEngine.Builder builder = BackupAnalyticsEngine.builder().storage(repository.open());
        if (capacity != null) {
            builder.capacityBytes(parseSize(capacity));
        }
        SpaceForecast forecast = builder.build().predictSpaceNeeds(Duration.ofDays(days));
        PrintWriter out = spec.commandLine().getOut();
        ReportRenderer.render(forecast, json ? ReportFormat.JSON : ReportFormat.TEXT, out);
        out.flush();
        return ExitCodes.OK;
    }

    /** Parses {@code 500GiB}, {@code 2TB}, {@code 750MB}, {@code 1048576}. */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        String[][] units = {{"TIB", "1099511627776"}, {"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"},
                {"TB", "1000000000000"}, {"GB", "1000000000"}, {"MB", "1000000"}, {"KB", "1000"}, {"B", "1"}};
        try {
            for (String[] unit : units) {
                if (t.endsWith(unit[0])) {
                    double value = Double.parseDouble(t.substring(0, t.length() - unit[0].length()));
                    return (long) (value * Long.parseLong(unit[1]));
                }
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--capacity needs a size like 500GiB or 2TB, not '" + text + "'", e);
        }
    }
}
