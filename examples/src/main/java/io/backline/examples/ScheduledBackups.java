package io.backline.examples;

import io.backline.core.BackupEvent;
import io.backline.core.BackupManager;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import io.backline.core.RetentionPolicy;
import io.backline.core.storage.LocalStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host application that owns its schedule: a {@link ScheduledExecutorService} backs up a directory every night
 * at 02:00 and then applies a retention policy. Backline never starts threads or timers of its own; the host decides
 * when to call it.
 */
public final class ScheduledBackups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BackupManager manager;
    private final FileSource uploads;
    private final RetentionPolicy retention = RetentionPolicy.builder().keepDaily(7).keepWeekly(4).keepMonthly(12)
            .build();

    public ScheduledBackups(Path data, Path repository) {
        this.manager = BackupManager.builder()
                .storage(LocalStorage.at(repository))
                .compression(Compression.zstd(3))
                .listener(event -> {
                    if (event instanceof BackupEvent.Failed failed) {
                        LOG.error("backup failed: {}", failed.error().getMessage());
                    }
                })
                .build();
        this.uploads = FileSource.of("uploads", data);
    }

    /** Runs one backup followed by retention; what the schedule calls. */
    public BackupResult runOnce() {
        BackupResult result = manager.backup(uploads);
        if (result.succeeded()) {
            manager.applyRetention(uploads.name(), retention, false);
        }
        return result;
    }

    /** Schedules {@link #runOnce()} every day at {@code time} in {@code zone}. */
    public void scheduleDaily(LocalTime time, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        ZonedDateTime next = now.with(time);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        long delay = Duration.between(now, next).toMillis();
        scheduler.scheduleAtFixedRate(this::runOnce, delay, Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("nightly backup scheduled, first run at {}", next);
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }

    public static void main(String[] args) throws InterruptedException {
        ScheduledBackups backups = new ScheduledBackups(Path.of(args[0]), Path.of(args[1]));
        System.out.println(backups.runOnce());
        backups.scheduleDaily(LocalTime.of(2, 0), ZoneId.systemDefault());
        Thread.currentThread().join();
    }
}
