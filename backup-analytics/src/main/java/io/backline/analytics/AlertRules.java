package io.backline.analytics;

import io.backline.analytics.internal.Formats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Turns reports and verification runs into {@link Alert}s.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>rule</th><th>fires when</th><th>severity</th></tr>
 *   <tr><td>{@value #BACKUP_FAILED}</td><td>an attempt in the report failed or was interrupted (one alert per
 *       attempt)</td><td>WARNING</td></tr>
 *   <tr><td>{@value #RPO_EXCEEDED}</td><td>a source's newest completed backup is older than its RPO at the report's
 *       {@code asOf}, or it never completed one</td><td>CRITICAL</td></tr>
 *   <tr><td>{@value #VERIFICATION_PASS_RATE}</td><td>the pass rate of the verifications (in the report, or of a
 *       verification run) is below the threshold, 95% unless set</td><td>CRITICAL</td></tr>
 *   <tr><td>{@value #VERIFICATION_FAILED}</td><td>a verification task of a run could not run at all</td>
 *       <td>CRITICAL</td></tr>
 *   <tr><td>{@value #CAPACITY_FORECAST}</td><td>the forecast reaches the capacity within its horizon (WARNING), or only
 *       its upper bound does (INFO)</td><td>WARNING / INFO</td></tr>
 *   <tr><td>{@value #HEALTH_DOWN}</td><td>the {@link HealthCheck} says DOWN or throws</td><td>CRITICAL</td></tr>
 * </table>
 *
 * Rules are off unless their input is configured, except {@value #BACKUP_FAILED}, {@value #RPO_EXCEEDED} (26 hours
 * unless set) and the pass-rate threshold. Immutable and thread safe; the health check is called once per
 * evaluation.
 */
public final class AlertRules {
    public static final String BACKUP_FAILED = "backup-failed";
    public static final String RPO_EXCEEDED = "rpo-exceeded";
    public static final String VERIFICATION_PASS_RATE = "verification-pass-rate";
    public static final String VERIFICATION_FAILED = "verification-failed";
    public static final String CAPACITY_FORECAST = "capacity-forecast";
    public static final String HEALTH_DOWN = "health-down";
    /** The RPO unless set: a daily backup with two hours of slack. */
    public static final Duration DEFAULT_RPO = Duration.ofHours(26);
    /** The pass-rate threshold unless set. */
    public static final double DEFAULT_MIN_PASS_RATE = 0.95;

    private final boolean failedBackups;
    private final Duration rpo;
    private final Map<String, Duration> rpoBySource;
    private final double minPassRate;
    private final Long capacityBytes;
    private final HealthCheck healthCheck;

    private AlertRules(Builder builder) {
        this.failedBackups = builder.failedBackups;
        this.rpo = builder.rpo;
        this.rpoBySource = Map.copyOf(builder.rpoBySource);
        this.minPassRate = builder.minPassRate;
        this.capacityBytes = builder.capacityBytes;
        this.healthCheck = builder.healthCheck;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Rules with the defaults: failed backups, a 26-hour RPO, a 95% pass rate. */
    public static AlertRules defaults() {
        return builder().build();
    }

    /** The alerts {@code report} raises, plus the health check's; stamped with the report's generation time. */
    public List<Alert> evaluate(BackupReport report) {
        Instant at = report.generatedAt();
        List<Alert> alerts = new ArrayList<>();
        if (failedBackups) {
            for (FailureRow failure : report.failures()) {
                alerts.add(new Alert(BACKUP_FAILED, Severity.WARNING, failure.source(), failure.ref() + " "
                        + failure.status().name().toLowerCase(Locale.ROOT)
                        + (failure.stage() == null ? "" : " at " + failure.stage())
                        + (failure.message() == null ? "" : ": " + failure.message()), at));
            }
        }
        Map<String, NewestBackup> newest = new HashMap<>();
        for (NewestBackup backup : report.newestCompleted()) {
            newest.put(backup.source(), backup);
        }
        for (SourceStats source : report.sources()) {
            Duration limit = rpoBySource.getOrDefault(source.source(), rpo);
            NewestBackup backup = newest.get(source.source());
            if (backup == null) {
                alerts.add(new Alert(RPO_EXCEEDED, Severity.CRITICAL, source.source(), source.source()
                        + ": no completed backup at all (RPO " + Formats.seconds(limit.toSeconds()) + ")", at));
            } else if (backup.ageSeconds() > limit.toSeconds()) {
                alerts.add(new Alert(RPO_EXCEEDED, Severity.CRITICAL, source.source(), source.source()
                        + ": no completed backup for " + Formats.seconds(backup.ageSeconds()) + " (RPO "
                        + Formats.seconds(limit.toSeconds()) + "); newest is " + backup.id(), at));
            }
        }
        Double passRate = report.verification().passRate();
        if (passRate != null && passRate < minPassRate) {
            alerts.add(new Alert(VERIFICATION_PASS_RATE, Severity.CRITICAL, null, "verification pass rate "
                    + Formats.percent(passRate) + " is below " + Formats.percent(minPassRate) + " ("
                    + report.verification().failed() + " of " + (report.verification().passed()
                    + report.verification().failed()) + " runs failed)", at));
        }
        capacity(report.forecast(), at, alerts);
        health(at, alerts);
        return alerts;
    }

    /** The alerts a verification job's outcomes raise, plus the health check's. */
    public List<Alert> evaluate(List<VerificationOutcome> outcomes, List<String> taskErrors, Instant at) {
        List<Alert> alerts = new ArrayList<>();
        for (String error : taskErrors) {
            alerts.add(new Alert(VERIFICATION_FAILED, Severity.CRITICAL, null, error, at));
        }
        int passed = 0;
        int failed = 0;
        for (VerificationOutcome outcome : outcomes) {
            passed += outcome.passed();
            failed += outcome.failed();
        }
        if (passed + failed > 0 && passed / (double) (passed + failed) < minPassRate) {
            List<String> lines = new ArrayList<>();
            outcomes.forEach(o -> lines.addAll(o.failures()));
            alerts.add(new Alert(VERIFICATION_PASS_RATE, Severity.CRITICAL, null, "verification pass rate "
                    + Formats.percent(passed / (double) (passed + failed)) + " is below "
                    + Formats.percent(minPassRate) + " (" + failed + " of " + (passed + failed) + " failed)"
                    + (lines.isEmpty() ? "" : ": " + String.join("; ", lines)), at));
        }
        health(at, alerts);
        return alerts;
    }

    private void capacity(SpaceForecast forecast, Instant at, List<Alert> alerts) {
        if (capacityBytes == null || !(forecast instanceof SpaceForecast.Predicted predicted)) {
            return;
        }
        OptionalDouble days = predicted.daysUntilFull(capacityBytes);
        double horizonDays = predicted.horizon().toMinutes() / 1440.0;
        if (days.isPresent() && days.getAsDouble() <= horizonDays) {
            alerts.add(new Alert(CAPACITY_FORECAST, Severity.WARNING, null, String.format(Locale.ROOT,
                    "storage is forecast to reach its capacity of %s in %.0f days (now %s, %s expected in %s)",
                    Formats.bytes(capacityBytes), days.getAsDouble(), Formats.bytes(predicted.currentBytes()),
                    Formats.bytes(predicted.predictedBytes()), Formats.days(predicted.horizon())), at));
        } else if (predicted.upperBytes() >= capacityBytes) {
            alerts.add(new Alert(CAPACITY_FORECAST, Severity.INFO, null, "the upper 95% bound of the storage "
                    + "forecast (" + Formats.bytes(predicted.upperBytes()) + " in " + Formats.days(predicted.horizon())
                    + ") exceeds the capacity of " + Formats.bytes(capacityBytes), at));
        }
    }

    private void health(Instant at, List<Alert> alerts) {
        if (healthCheck == null) {
            return;
        }
        HealthStatus status;
        try {
            status = Objects.requireNonNull(healthCheck.check(), "the health check returned null");
        } catch (Exception e) {
            status = HealthStatus.down("the health check failed: " + e);
        }
        if (status.state() == HealthStatus.State.DOWN) {
            alerts.add(new Alert(HEALTH_DOWN, Severity.CRITICAL, null, "backup health is DOWN"
                    + (status.detail().isEmpty() ? "" : ": " + status.detail()), at));
        }
    }

    @Override
    public String toString() {
        return "AlertRules[failedBackups=" + failedBackups + ", rpo=" + rpo + ", rpoBySource=" + rpoBySource
                + ", minPassRate=" + minPassRate + ", capacityBytes=" + capacityBytes + ", healthCheck="
                + (healthCheck != null) + "]";
    }

    /** Collects the rules' settings; every setter validates its argument. */
    public static final class Builder {
        private boolean failedBackups = true;
        private Duration rpo = DEFAULT_RPO;
        private final Map<String, Duration> rpoBySource = new HashMap<>();
        private double minPassRate = DEFAULT_MIN_PASS_RATE;
        private Long capacityBytes;
        private HealthCheck healthCheck;

        private Builder() {
        }

        /** Whether each failed or interrupted attempt raises an alert (default on). */
        public Builder failedBackups(boolean enabled) {
            this.failedBackups = enabled;
            return this;
        }

        /** The recovery point objective of every source without its own (default 26 hours). */
        public Builder rpo(Duration rpo) {
            this.rpo = positive("rpo", rpo);
            return this;
        }

        /** The recovery point objective of {@code source}. */
        public Builder rpo(String source, Duration rpo) {
            rpoBySource.put(Objects.requireNonNull(source, "source"), positive("rpo", rpo));
            return this;
        }

        /** The verification pass rate below which to alert, 0..1 (default 0.95). */
        public Builder minVerificationPassRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("minVerificationPassRate needs to be within 0..1, not " + rate);
            }
            this.minPassRate = rate;
            return this;
        }

        /** The repository's capacity: alert when the forecast reaches it within its horizon. */
        public Builder capacityBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("capacityBytes needs to be > 0, not " + bytes);
            }
            this.capacityBytes = bytes;
            return this;
        }

        /** Where to ask for the health (e.g. backup-verify's BackupHealth); alerts when it is DOWN. */
        public Builder healthCheck(HealthCheck check) {
            this.healthCheck = Objects.requireNonNull(check, "healthCheck");
            return this;
        }

        public AlertRules build() {
            return new AlertRules(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " needs to be positive, not " + value);
            }
            return value;
        }
    }
}
