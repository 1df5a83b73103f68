import io.backline.analytics.BackupAnalyticsEngine;
import io.backline.analytics.BackupReport;
import io.backline.analytics.ReportFormat;
import io.backline.analytics.ReportRenderer;
import io.backline.analytics.SpaceForecast;
import io.backline.core.RetentionPolicy;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.ManifestCodec;
import io.backline.core.manifest.SourceKind;
import io.backline.core.manifest.VerificationRecord;
import io.backline.core.spi.Storage;
import io.backline.core.storage.InMemoryStorage;
import io.backline.core.storage.LocalStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * How long analytics take over a repository of 100,000 manifests (20 sources, a backup every 4 hours for about 2.3
 * years, 2% failed, retention history, 10,000 verification records), in memory and on local disk. Not a test: run it
 * and read the numbers (see README.md).
 */
public final class AnalyticsBench {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int SOURCES = 20;
    private static final int PER_SOURCE = 5_000;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Instant now = START.plus(Duration.ofHours(4L * PER_SOURCE));
        InMemoryStorage memory = InMemoryStorage.create();
        Path dir = Files.createTempDirectory("backline-bench-");
        try {
            int written = populate(memory, dir, now);
            System.out.printf(Locale.ROOT, "repository: %d manifests, %d sources%n", written, SOURCES);
            run("in memory", memory, now);
            run("local disk", LocalStorage.at(dir), now);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String label, Storage storage, Instant now) {
        BackupAnalyticsEngine engine = BackupAnalyticsEngine.builder().storage(storage)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).capacityBytes(50L << 40)
                .retention(RetentionPolicy.builder().keepDaily(14).keepWeekly(8).keepMonthly(12).build()).build();
        YearMonth lastMonth = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1);
        LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        time(label, "storage listing (all keys)", () -> {
            try {
                return storage.list("");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        time(label, "catalog list (manifests)", () -> io.backline.core.BackupCatalog.of(storage,
                Clock.fixed(now, ZoneOffset.UTC)).list(io.backline.core.BackupQuery.all().includeDeleted()));
        time(label, "verification records", () -> io.backline.core.BackupReader.of(storage,
                io.backline.core.crypto.BackupEncryption.none()).verifications(null));
        time(label, "monthly report", () -> engine.monthlyReport(lastMonth));
        time(label, "daily report", () -> engine.dailyReport(yesterday));
        time(label, "report over all history", () -> engine.report(START, now));
        time(label, "forecast 30 days", () -> engine.predictSpaceNeeds(Duration.ofDays(30)));
        time(label, "snapshot (metrics)", engine::snapshot);
        BackupReport report = engine.monthlyReport(lastMonth);
        time(label, "render HTML (monthly)", () -> ReportRenderer.render(report, ReportFormat.HTML));
        if (report.forecast() instanceof SpaceForecast.Predicted p) {
            System.out.printf(Locale.ROOT, "  forecast: %d GB in 30 days (%d .. %d)%n", p.predictedBytes() / 1_000_000_000,
                    p.lowerBytes() / 1_000_000_000, p.upperBytes() / 1_000_000_000);
        }
    }

    private static void time(String label, String what, Supplier<?> task) {
        for (int i = 0; i < 2; i++) {
            task.get();
        }
        int runs = 5;
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.get();
            long took = System.nanoTime() - start;
            best = Math.min(best, took);
            total += took;
        }
        System.out.printf(Locale.ROOT, "%-11s %-26s best %6d ms, mean %6d ms%n", label, what, best / 1_000_000,
                total / runs / 1_000_000);
    }

    private static int populate(InMemoryStorage memory, Path dir, Instant now) throws Exception {
        byte[] marker = "{\"format\":\"backline\",\"version\":1}".getBytes(StandardCharsets.UTF_8);
        memory.put("backline-repository.json", marker);
        Files.write(dir.resolve("backline-repository.json"), marker);
        Random random = new Random(1);
        int count = 0;
        for (int s = 0; s < SOURCES; s++) {
            String source = String.format(Locale.ROOT, "source-%02d", s);
            Files.createDirectories(dir.resolve(source));
            long base = 200_000_000L + 50_000_000L * s;
            for (int i = 0; i < PER_SOURCE; i++) {
                Instant started = START.plus(Duration.ofHours(4L * i)).plusSeconds(s * 60L);
                String id = ID_TIME.format(started) + "-" + String.format(Locale.ROOT, "%08d", i).replace('0', 'a');
                boolean failed = random.nextInt(50) == 0;
                long stored = base + 20_000L * i + (long) (random.nextGaussian() * 5_000_000);
                Duration took = Duration.ofSeconds(60 + random.nextInt(240));
                Instant deletedAt = !failed && started.isBefore(now.minus(Duration.ofDays(60)))
                        && i % 6 != 0 ? started.plus(Duration.ofDays(15)) : null;
                BackupManifest manifest = new BackupManifest(id, 1,
                        new BackupManifest.SourceInfo(source, SourceKind.DATABASE, "bench"), null,
                        failed ? BackupStatus.FAILED : BackupStatus.COMPLETED, started, started.plus(took), took,
                        failed ? new BackupManifest.ErrorInfo("SOURCE", "ToolException", "pg_dump exited with 1") : null,
                        failed ? null : new BackupManifest.ArtifactInfo(id + ".pgdump.zst", stored, "00", stored * 3,
                                "00"),
                        new BackupManifest.CompressionInfo("zstd", 3), new BackupManifest.EncryptionInfo("none", null),
                        new BackupManifest.PayloadInfo("pg_dump-custom"), null, null, null, deletedAt);
                byte[] json = ManifestCodec.write(manifest);
                String key = source + "/" + id + ".manifest.json";
                memory.put(key, json);
                Files.write(dir.resolve(key), json);
                count++;
                if (!failed && i % 10 == 0) {
                    VerificationRecord record = new VerificationRecord(1, id, source, "INTEGRITY",
                            random.nextInt(100) == 0 ? VerificationRecord.Outcome.FAILED
                                    : VerificationRecord.Outcome.PASSED, started.plus(Duration.ofHours(2)),
                            started.plus(Duration.ofHours(2)).plusSeconds(30), Duration.ofSeconds(30), stored, null,
                            null, null);
                    byte[] recordJson = ManifestCodec.mapper().writeValueAsBytes(record);
                    String recordKey = source + "/" + id + ".verify-"
                            + ID_TIME.format(record.startedAt()) + ".json";
                    memory.put(recordKey, recordJson);
                    Files.write(dir.resolve(recordKey), recordJson);
                }
            }
        }
        return count;
    }
}
