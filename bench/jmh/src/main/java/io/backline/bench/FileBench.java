package io.backline.bench;

import io.backline.core.BackupManager;
import io.backline.core.BackupReader;
import io.backline.core.BackupRestorer;
import io.backline.core.BackupResult;
import io.backline.core.Compression;
import io.backline.core.FileSource;
import io.backline.core.RestoreResult;
import io.backline.core.crypto.BackupEncryption;
import io.backline.core.manifest.BackupManifest;
import io.backline.core.storage.LocalStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * File-tree backup, restore and integrity verification through Backline's public API, timed inside the JVM so that
 * start-up is reported apart ({@code startup_ms}) from the operation ({@code op_ms}).
 *
 * <pre>
 * FileBench backup  REPO SOURCE_DIR RECIPIENT [COMPRESSION]   # COMPRESSION as the CLI takes it, default zstd:3
 * FileBench restore REPO ID TARGET_DIR IDENTITY_FILE
 * FileBench verify  REPO ID IDENTITY_FILE                     # BackupReader open + read to the end + verify()
 * </pre>
 * System property {@code bench.precheck=false} turns off the restorer's {@code verifyBeforeRestore} (on by default,
 * as in the library: a restore into a new directory is then staged and checked in the same pass), to show what the
 * check costs. System property {@code bench.warmup=N} first runs the operation N times in the same JVM (restores
 * into {@code TARGET_DIR-warmup-i}, deleted after) and then times the next run: what an application that has backed
 * up before pays, without JIT warm-up. Prints {@code BENCH} lines (see {@link Probe}); exits 1 when the operation
 * fails.
 */
public final class FileBench {
    private FileBench() {
    }

    public static void main(String[] args) throws IOException {
        Probe probe = Probe.start();
        probe.label("main");
        if (args.length < 4) {
            System.err.println("usage: FileBench backup REPO SRC RECIPIENT [COMPRESSION] | restore REPO ID DEST KEYFILE"
                    + " | verify REPO ID KEYFILE");
            System.exit(2);
        }
        LocalStorage storage = LocalStorage.at(Path.of(args[1]));
        int warmups = Integer.getInteger("bench.warmup", 0);
        for (int i = 1; i <= warmups; i++) {
            String[] warm = args.clone();
            if (args[0].equals("restore")) {
                warm[3] = args[3] + "-warmup-" + i;
            }
            Map<String, Object> ignored = new LinkedHashMap<>();
            long elapsed = run(warm, storage, probe, ignored);
            System.out.printf("BENCH warmup=%d op=%s op_ms=%.1f ok=%s%n", i, args[0], elapsed / 1e6,
                    ignored.get("ok"));
            if (args[0].equals("restore")) {
                deleteTree(Path.of(warm[3]));
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        if (warmups > 0) {
            extra.put("warmups", warmups);
        }
        probe.mark();
        long t0 = run(args, storage, probe, extra);
        probe.report(args[0], t0, extra);
        if (extra.get("error") != null) {
            System.err.println("FAILED: " + extra.get("error"));
            System.exit(1);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        }
    }

    /** Runs the operation once; returns its elapsed nanoseconds and puts what it reports into {@code extra}. */
    private static long run(String[] args, LocalStorage storage, Probe probe, Map<String, Object> extra)
            throws IOException {
        long t0 = System.nanoTime();
        switch (args[0]) {
            case "backup" -> {
                Compression compression = Compression.parse(args.length > 4 ? args[4] : "zstd:3");
                BackupManager manager = BackupManager.builder()
                        .storage(storage)
                        .encryption(BackupEncryption.toRecipients(args[3]))
                        .compression(compression)
                        .build();
                BackupResult result = manager.backup(FileSource.of("bench", Path.of(args[2])));
                t0 = report(probe, "backup", t0, result.error().map(Throwable::toString).orElse(null), extra);
                extra.put("id", result.id());
                extra.put("content_bytes", result.contentBytes());
                extra.put("stored_bytes", result.storedBytes());
                extra.put("compression", compression.toString().replace(' ', '_'));
            }
            case "restore" -> {
                boolean precheck = Boolean.parseBoolean(System.getProperty("bench.precheck", "true"));
                BackupRestorer restorer = BackupRestorer.builder()
                        .storage(storage)
                        .encryption(BackupEncryption.withIdentities(Path.of(args[4])))
                        .verifyBeforeRestore(precheck)
                        .build();
                RestoreResult result = restorer.restoreFiles(args[2], Path.of(args[3]));
                t0 = report(probe, "restore", t0, result.error().map(Throwable::toString).orElse(null), extra);
                extra.put("items", result.items());
                extra.put("bytes", result.bytes());
                extra.put("precheck", precheck);
            }
            case "verify" -> {
                BackupEncryption encryption = BackupEncryption.withIdentities(Path.of(args[3]));
                BackupRestorer restorer = BackupRestorer.builder().storage(storage).encryption(encryption).build();
                BackupManifest manifest = restorer.catalog().find(args[2])
                        .orElseThrow(() -> new IllegalArgumentException("no backup " + args[2])).manifest();
                String error = null;
                long bytes = 0;
                try (BackupReader.Payload payload = BackupReader.of(storage, encryption).open(manifest)) {
                    byte[] buffer = new byte[1 << 17];
                    for (int n; (n = payload.read(buffer)) >= 0; ) {
                        bytes += n;
                    }
                    payload.verify();
                } catch (RuntimeException e) {
                    error = e.toString();
                }
                t0 = report(probe, "verify", t0, error, extra);
                extra.put("content_bytes", bytes);
            }
            default -> {
                System.err.println("unknown operation " + args[0]);
                System.exit(2);
            }
        }
        return t0;
    }

    /** Returns the elapsed nanoseconds since {@code t0} and records the error, if any. */
    private static long report(Probe probe, String op, long t0, String error, Map<String, Object> extra) {
        long elapsed = System.nanoTime() - t0;
        extra.put("ok", error == null);
        if (error != null) {
            extra.put("error", "\"" + error.replace('"', '\'') + "\"");
        }
        return elapsed;
    }
}
