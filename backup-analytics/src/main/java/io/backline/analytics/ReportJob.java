package io.backline.analytics;

import io.backline.analytics.internal.NotificationDispatcher;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily report job, for the host to schedule once a day (e.g. at 08:00): a {@link Runnable} that never throws.
 *
 * <p>Each run, in the engine's zone and from one reading of the repository: the daily report of yesterday; on
 * Sundays also the weekly report of the seven days ending yesterday; on the 1st also the monthly report of the
 * previous month. Each report goes to every {@link ReportSink} and, as a text summary, to every {@link Notifier}
 * (unless {@link Builder#summaries(boolean)} is off). The {@link AlertRules} are evaluated over the alert window (the
 * last 24 hours up to now, unless set) and any alerts are sent as one notification. The outcome is returned by
 * {@link #runOnce()} and kept as {@link #lastResult()}.
 */
public final class ReportJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

    private final BackupAnalyticsEngine engine;
    private final AlertRules rules;
    private final NotificationDispatcher dispatcher;
    private final List<ReportSink> sinks;
    private final boolean summaries;
    private final Duration alertWindow;
    private volatile ReportJobResult lastResult;

    private ReportJob(Builder builder) {
        this.engine = builder.engine;
        this.rules = builder.rules;
        this.dispatcher = new NotificationDispatcher(builder.notifiers);
        this.sinks = List.copyOf(builder.sinks);
        this.summaries = builder.summaries;
        this.alertWindow = builder.alertWindow;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void run() {
        runOnce();
    }

    /** Runs the job now and returns what it did; never throws. */
    public ReportJobResult runOnce() {
        Instant started = engine.clock().instant();
        LocalDate today = LocalDate.ofInstant(started, engine.zone());
        LocalDate yesterday = today.minusDays(1);
        List<ReportPeriod> periods = new ArrayList<>();
        periods.add(ReportPeriod.day(yesterday, engine.zone()));
        if (today.getDayOfWeek() == DayOfWeek.SUNDAY) {
            periods.add(ReportPeriod.week(yesterday, engine.zone()));
        }
        if (today.getDayOfMonth() == 1) {
            periods.add(ReportPeriod.month(YearMonth.from(yesterday), engine.zone()));
        }
        periods.add(ReportPeriod.between(started.minus(alertWindow), started, engine.zone()));
        List<String> errors = new ArrayList<>();
        List<BackupReport> reports = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        try {
            List<BackupReport> all = engine.reports(periods);
            reports.addAll(all.subList(0, all.size() - 1));
            alerts.addAll(rules.evaluate(all.get(all.size() - 1)));
        } catch (RuntimeException e) {
            String error = "the reports could not be made: " + e.getMessage();
            LOG.error("{}", error, e);
            errors.add(error);
            alerts.add(new Alert("report-job-failed", Severity.CRITICAL, null, error, started));
        }
        for (BackupReport report : reports) {
            for (ReportSink sink : sinks) {
                try {
                    sink.accept(report);
                } catch (Exception e) {
                    String error = "report sink " + sink + " failed for " + report.period().label() + ": " + e;
                    LOG.warn("{}", error);
                    errors.add(error);
                }
            }
            if (summaries) {
                Severity severity = report.failures().isEmpty() ? Severity.INFO : Severity.WARNING;
                errors.addAll(dispatcher.send(new Notification("Backline "
                        + report.period().kind().name().toLowerCase(Locale.ROOT) + " report " + report.period().label(),
                        severity, ReportRenderer.render(report, ReportFormat.TEXT), List.of(), started)));
            }
        }
        if (!alerts.isEmpty()) {
            errors.addAll(dispatcher.send(Notification.of(alerts, started)));
        }
        ReportJobResult result = new ReportJobResult(started, engine.clock().instant(), reports, alerts, errors);
        lastResult = result;
        return result;
    }

    /** The result of the latest run, if any. */
    public Optional<ReportJobResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    /** Collects the job's settings. */
    public static final class Builder {
        private BackupAnalyticsEngine engine;
        private AlertRules rules = AlertRules.defaults();
        private final List<Notifier> notifiers = new ArrayList<>();
        private final List<ReportSink> sinks = new ArrayList<>();
        private boolean summaries = true;
        private Duration alertWindow = Duration.ofHours(24);

        private Builder() {
        }

        /** The engine to report with (required); its zone decides what "yesterday", Sunday and the 1st are. */
        public Builder engine(BackupAnalyticsEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The alert rules (default {@link AlertRules#defaults()}). */
        public Builder rules(AlertRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Adds a notifier. */
        public Builder notifier(Notifier notifier) {
            notifiers.add(Objects.requireNonNull(notifier, "notifier"));
            return this;
        }

        /** Adds a place to store the reports. */
        public Builder sink(ReportSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** Whether each report is also sent to the notifiers as a text summary (default on). */
        public Builder summaries(boolean enabled) {
            this.summaries = enabled;
            return this;
        }

        /** The span before each run that alert rules look at (default 24 hours: one run a day). */
        public Builder alertWindow(Duration window) {
            Objects.requireNonNull(window, "alertWindow");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("alertWindow needs to be positive, not " + window);
            }
            this.alertWindow = window;
            return this;
        }

        /** @throws IllegalStateException without an engine */
        public ReportJob build() {
            if (engine == null) {
                throw new IllegalStateException("set the engine the report job reports with");
            }
            return new ReportJob(this);
        }
    }
}
