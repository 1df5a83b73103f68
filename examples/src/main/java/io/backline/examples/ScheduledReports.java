package io.backline.examples;

import io.backline.analytics.AlertRules;
import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.ReportFormat;
import io.backline.analytics.ReportJob;
import io.backline.analytics.ReportSink;
import io.backline.analytics.VerificationJob;
import io.backline.analytics.VerificationOutcome;
import io.backline.analytics.notify.LogNotifier;
import io.backline.analytics.notify.WebhookNotifier;
import io.backline.core.BackupCatalog;
import io.backline.core.BackupException;
import io.backline.core.BackupQuery;
import io.backline.core.BackupReader;
import io.backline.core.BackupSummary;
import io.backline.core.RetentionPolicy;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.spi.Storage;
import io.backline.core.storage.LocalStorage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
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
 * <p>The verification task here only checks stored checksums with the core {@link BackupReader} (needs no key);
 * with backup-verify, wire {@code BackupVerifier.verifyRecent(...)} into the same {@code task(...)} seam.
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

    /** A checksum-level verification of the last day's backups with the core API. */
    static VerificationOutcome checkRecentChecksums(Storage storage, Duration window) {
        BackupReader reader = BackupReader.of(storage, BackupEncryption.none());
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (BackupSummary backup : BackupCatalog.of(storage, Clock.systemUTC())
                .list(BackupQuery.all().status(BackupStatus.COMPLETED).within(window))) {
            try {
                reader.checkStored(backup.manifest());
                passed++;
            } catch (BackupException e) {
                failures.add(backup.ref() + ": " + e.getMessage());
            }
        }
        return new VerificationOutcome("recent", passed, failures.size(), 0, failures);
    }

    public static void main(String[] args) throws InterruptedException {
        Path repository = Path.of(args.length > 0 ? args[0] : "backups");
        ZoneId zone = ZoneId.systemDefault();
        Storage storage = LocalStorage.at(repository);
        BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder().storage(storage).zone(zone)
                .retention(RetentionPolicy.builder().keepDaily(7).keepWeekly(4).keepMonthly(12).zone(zone).build())
                .build();
        AlertRules rules = AlertRules.builder().rpo(Duration.ofHours(26)).minVerificationPassRate(0.95).build();

        ReportJob.Builder reports = ReportJob.builder().engine(engine).rules(rules).notifier(LogNotifier.create())
                .sink(ReportSink.directory(repository.resolveSibling("reports"), ReportFormat.HTML,
                        ReportFormat.JSON));
        VerificationJob.Builder verification = VerificationJob.builder().rules(rules).notifier(LogNotifier.create())
                .task("recent", () -> checkRecentChecksums(storage, Duration.ofDays(1)));
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
