package io.backline.analytics;

import io.backline.core.manifest.VerificationRecord.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** Forty days of two sources with growth, failures, an interruption and verifications. */
final class SampleHistory {
    static final Instant START = Instant.parse("2026-10-20T02:00:00Z");
    static final Instant NOW = START.plus(Duration.ofDays(40)).plus(Duration.ofHours(6));
    private static final long MB = 1_000_000L;

    private SampleHistory() {
    }

    static SyntheticRepository create() {
        SyntheticRepository repo = new SyntheticRepository();
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            Instant day = START.plus(Duration.ofDays(i));
            String app = repo.completed("app", day, 400 * MB + 6 * MB * i + (long) (random.nextGaussian() * 60 * MB),
                    Duration.ofSeconds(120 + random.nextInt(90)));
            if (i % 7 == 3) {
                repo.failed("app", day.plusSeconds(3600), "SOURCE", "pg_dump: error: connection to server failed, "
                        + "\"quoted\" <b>not bold</b>");
            }
            if (i >= 10) {
                String db = repo.completed("orders-db", day.plusSeconds(1800), 150 * MB + 2 * MB * i,
                        Duration.ofSeconds(40 + random.nextInt(30)));
                repo.verification("orders-db", db, day.plusSeconds(7200), Outcome.PASSED);
            }
            if (i == 25) {
                repo.interrupted("orders-db", day.plusSeconds(5400));
            }
            repo.verification("app", app, day.plusSeconds(7200), i == 33 ? Outcome.FAILED : Outcome.PASSED);
        }
        return repo;
    }
}
