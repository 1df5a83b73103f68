package io.backline.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/** Writes the demo's sample tree: documents, logs, a binary blob, nested folders, a symlink, non-ASCII names. */
final class SampleTree {
    private SampleTree() {
    }

    static void write(Path root) throws IOException {
        Random random = new Random(20261129L);
        Files.createDirectories(root.resolve("docs/handbook"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("media"));
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("docs/README.md"),
                "# Sample application data\n\nThis tree was made by `backline demo`.\n");
        for (int chapter = 1; chapter <= 20; chapter++) {
            StringBuilder text = new StringBuilder("# Chapter " + chapter + "\n\n");
            for (int line = 0; line < 200; line++) {
                text.append("Line ").append(line).append(" of chapter ").append(chapter)
                        .append(": backups are worth what their restores are worth.\n");
            }
            Files.writeString(root.resolve("docs/handbook/chapter-" + chapter + ".md"), text);
        }
        Files.writeString(root.resolve("docs/résumé – naïve.txt"), "Non-ASCII names survive the round trip.\n");
        try (BufferedWriter log = Files.newBufferedWriter(root.resolve("logs/app.log"), StandardCharsets.UTF_8)) {
            Instant time = Instant.parse("2026-11-01T00:00:00Z");
            String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN"};
            for (int i = 0; i < 60_000; i++) {
                time = time.plusMillis(random.nextInt(5_000));
                log.write(time + " " + levels[random.nextInt(levels.length)] + " [worker-" + random.nextInt(8)
                        + "] request " + i + " served in " + random.nextInt(250) + " ms\n");
            }
        }
        byte[] media = new byte[1 << 20];
        random.nextBytes(media);
        try (OutputStream out = Files.newOutputStream(root.resolve("media/photo.raw"))) {
            out.write(media);
        }
        Path secret = root.resolve("config/app.properties");
        Files.writeString(secret, "db.url=jdbc:h2:mem:app\nfeature.flags=alpha,beta\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(root.resolve("docs/latest.md"), Path.of("handbook/chapter-20.md"));
        Files.setLastModifiedTime(root.resolve("docs/README.md"), FileTime.from(Instant.parse(
                "2026-01-02T03:04:05Z")));
    }
}
