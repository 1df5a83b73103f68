package io.backline.examples;

import io.backline.analytics.AlertRules;
import io.backline.analytics.HealthStatus;
import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.ReportFormat;
import io.backline.analytics.ReportJob;
import io.backline.analytics.ReportSink;
import io.backline.analytics.VerificationJob;
import io.backline.analytics.VerificationOutcome;
import io.backline.analytics.notify.LogNotifier;
import io.backline.analytics.notify.WebhookNotifier;
import io.backline.core.RetentionPolicy;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.spi.Storage;
import io.backline.core.storage.LocalStorage;
import io.backline.verify.BackupHealth;
import io.backline.verify.BackupVerifier;
import io.backline.verify.DirectoryScratchTargets;
import io.backline.verify.VerificationReport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The host's schedule for reports and verification: a {@link VerificationJob} every day at 06:00 and a
 * {@link ReportJob} at 08:00 (daily report; weekly on Sundays; monthly on the 1st), in the host's zone, with alerts
 * to the log and, when {@code BACKLINE_WEBHOOK_URL} is set, to a webhook. Backline starts no thread of its own.
 *
 * <p>The verification job runs {@link BackupVerifier#verifyRecent} (integrity, within a 50 GiB daily budget that
 * rotates through older backups) and {@link BackupVerifier#verifyCritical} (a test restore of each source's newest
 * backup); the alert rules see {@link BackupHealth}. With {@code BACKLINE_AGE_IDENTITY_FILE} set, encrypted backups
 * are decrypted; without it, they are checked at checksum level and reported as skipped beyond it.
 */
public final class ScheduledReports implements AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ZoneId zone;

    public ScheduledReports(ZoneId zone) {
        this.zone = zone;
    }

    /** Runs {@code job} every day at {@code time} in the zone, re-planned after each run so DST shifts are kept. */
    public void daily(LocalTime time, Runnable job) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        ZonedDateTime next = now.with(time);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        scheduler.schedule(() -> {
            try {
                job.run();
            } finally {
                daily(time, job);
            }
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Adapts a {@link VerificationReport} of backup-verify to the analytics job's outcome. */
    static VerificationOutcome outcome(String name, VerificationReport report) {
        List<String> failures = new ArrayList<>();
        for (VerificationReport.Failure failure : report.failures()) {
            failures.add(failure.ref() + " at " + failure.stage() + ": " + failure.message());
        }
        return new VerificationOutcome(name, report.passed(), report.failed(), report.skipped(), failures);
    }

    /** Maps backup-verify's health to the alert rules' health seam. */
    static HealthStatus status(io.backline.verify.HealthReport report) {
        return new HealthStatus(HealthStatus.State.valueOf(report.status().name()),
                String.join("; ", report.problems()));
    }

    public static void main(String[] args) throws InterruptedException {
        Path repository = Path.of(args.length > 0 ? args[0] : "backups");
        ZoneId zone = ZoneId.systemDefault();
        Storage storage = LocalStorage.at(repository);
        BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder().storage(storage).zone(zone)
                .retention(RetentionPolicy.builder().keepDaily(7).keepWeekly(4).keepMonthly(12).zone(zone).build())
                .build();
        BackupEncryption keys = System.getenv("BACKLINE_AGE_IDENTITY_FILE") != null
                ? BackupEncryption.fromEnv() : BackupEncryption.none();
        BackupVerifier verifier = BackupVerifier.builder().storage(storage).encryption(keys)
                .scratchTargets(DirectoryScratchTargets.under(repository.resolveSibling("verify-scratch")))
                .byteBudget(50L << 30)
                .build();
        BackupHealth health = BackupHealth.builder().storage(storage).build();
        AlertRules rules = AlertRules.builder().rpo(Duration.ofHours(26)).minVerificationPassRate(0.95)
                .healthCheck(() -> status(health.check())).build();

        ReportJob.Builder reports = ReportJob.builder().engine(engine).rules(rules).notifier(LogNotifier.create())
                .sink(ReportSink.directory(repository.resolveSibling("reports"), ReportFormat.HTML,
                        ReportFormat.JSON));
        VerificationJob.Builder verification = VerificationJob.builder().rules(rules).notifier(LogNotifier.create())
                .task("recent", () -> outcome("recent", verifier.verifyRecent(Duration.ofDays(7))))
                .task("critical", () -> outcome("critical", verifier.verifyCritical(Duration.ofHours(24))));
        String webhook = System.getenv("BACKLINE_WEBHOOK_URL");
        if (webhook != null && !webhook.isBlank()) {
            WebhookNotifier notifier = WebhookNotifier.builder(URI.create(webhook)).build();
            reports.notifier(notifier);
            verification.notifier(notifier);
        }

        ScheduledReports schedule = new ScheduledReports(zone);
        schedule.daily(LocalTime.of(6, 0), verification.build());
        schedule.daily(LocalTime.of(8, 0), reports.build());
        System.out.println("verification at 06:00 and reports at 08:00 (" + zone + ") for "
                + repository.toAbsolutePath());
        Thread.currentThread().join();
    }
}
