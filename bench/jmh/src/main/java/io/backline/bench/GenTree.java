package io.backline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Generates the benchmark file tree of issue 7, deterministically (same seed and size, same bytes, names and times):
 *
 * <ul>
 *   <li>{@code logs/}: about 55% of the bytes, log-like text in files of 256 KiB to 16 MiB (compressible);</li>
 *   <li>{@code media/}: about 30%, random bytes in files of 512 KiB to 32 MiB (incompressible, like photos and
 *       video);</li>
 *   <li>{@code small/}: 20,000 files of 1 to 8 KiB (scaled with the size) in two levels of nested directories, two
 *       thirds text, one third binary;</li>
 *   <li>{@code mixed/}: the rest (about 6%), files of 32 KiB to 1 MiB alternating 16 KiB blocks of text and random
 *       bytes.</li>
 * </ul>
 * Every file and directory gets the same modification time.
 *
 * <pre>
 * java -cp benchmarks.jar io.backline.bench.GenTree generate DIR SIZE [SEED]   # SIZE in bytes, or 50M, 1G
 * java -cp benchmarks.jar io.backline.bench.GenTree mutate DIR PERCENT [SEED]  # flip bytes in PERCENT% of the data
 * java -cp benchmarks.jar io.backline.bench.GenTree random FILE SIZE [SEED]    # one file of random bytes
 * </pre>
 * {@code mutate} is its own inverse: running it again with the same arguments restores the tree byte for byte (and the
 * modification times), so a "5% changed" backup can be taken without copying the tree.
 */
public final class GenTree {
    static final long GIB = 1L << 30;
    static final long FIXED_MTIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final int SMALL_FILES_PER_GIB = 20_000;
    private static final int BUFFER = 1 << 20;

    private final byte[] buffer = new byte[BUFFER];
    private long written;
    private int fileCount;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: GenTree generate DIR SIZE [SEED] | GenTree mutate DIR PERCENT [SEED]");
            System.exit(2);
        }
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> new GenTree().generate(dir, parseSize(args[2]), seed);
            case "mutate" -> mutate(dir, Double.parseDouble(args[2]), seed);
            case "random" -> randomFile(dir, parseSize(args[2]), seed);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Writes {@code size} random bytes (fixed by {@code seed}) to {@code file}. */
    static void randomFile(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[BUFFER];
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(left, BUFFER);
                Corpus.fillRandom(random, buffer, 0, n);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** Generates the tree into {@code dir} (absent or empty): {@code total} bytes, contents fixed by {@code seed}. */
    public static void generateTree(Path dir, long total, long seed) throws IOException {
        new GenTree().generate(dir, total, seed);
    }

    static long parseSize(String s) {
        String t = s.trim().toUpperCase();
        long mult = 1;
        if (t.endsWith("K")) {
            mult = 1L << 10;
        } else if (t.endsWith("M")) {
            mult = 1L << 20;
        } else if (t.endsWith("G")) {
            mult = 1L << 30;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return (long) (Double.parseDouble(t) * mult);
    }

    void generate(Path dir, long total, long seed) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty; remove it first");
                }
            }
        }
        long started = System.nanoTime();
        SplittableRandom layout = new SplittableRandom(seed);
        double scale = (double) total / GIB;

        // small files first: their count is fixed by the scale, their size by chance
        int smallCount = Math.max(50, (int) Math.round(SMALL_FILES_PER_GIB * scale));
        int level1 = Math.max(2, (int) Math.round(20 * Math.sqrt(scale)));
        int level2 = Math.max(2, (int) Math.round(10 * Math.sqrt(scale)));
        long smallBytes = 0;
        for (int i = 0; i < smallCount; i++) {
            int size = 1024 + layout.nextInt(7 * 1024 + 1);
            boolean binary = i % 3 == 2;
            Path file = dir.resolve("small").resolve(String.format("d%02d", i % level1))
                    .resolve(String.format("e%02d", (i / level1) % level2))
                    .resolve(String.format("f%05d.%s", i, binary ? "bin" : "txt"));
            writeFile(file, size, binary ? Kind.RANDOM : Kind.TEXT, seed * 1_000_003L + i);
            smallBytes += size;
        }
        long textTarget = (long) (total * 0.55);
        long mediaTarget = (long) (total * 0.30);
        long mixedTarget = Math.max(0, total - textTarget - mediaTarget - smallBytes);
        int n = 0;
        n = fill(dir.resolve("logs"), "app-%04d.log", textTarget, 256 << 10, 16 << 20, Kind.TEXT, layout, seed, n);
        n = fill(dir.resolve("media"), "clip-%04d.mp4", mediaTarget, 512 << 10, 32 << 20, Kind.RANDOM, layout, seed,
                n);
        fill(dir.resolve("mixed"), "doc-%04d.dat", mixedTarget, 32 << 10, 1 << 20, Kind.MIXED, layout, seed, n);
        setTimes(dir);
        System.out.printf("generated %s: %d files, %d bytes (%.1f MiB) in %.1f s%n", dir, fileCount, written,
                written / 1048576.0, (System.nanoTime() - started) / 1e9);
    }

    private int fill(Path dir, String pattern, long target, int min, int max, Kind kind, SplittableRandom layout,
                     long seed, int n) throws IOException {
        long done = 0;
        int i = 0;
        while (done < target) {
            long size = Math.min(target - done, min + layout.nextInt(max - min + 1));
            writeFile(dir.resolve(String.format(pattern, i++)), size, kind, seed * 7_919L + 1_000_000L + n++);
            done += size;
        }
        return n;
    }

    private enum Kind { TEXT, RANDOM, MIXED }

    private void writeFile(Path file, long size, Kind kind, long fileSeed) throws IOException {
        Files.createDirectories(file.getParent());
        Corpus.Text text = Corpus.text(fileSeed);
        SplittableRandom random = new SplittableRandom(fileSeed ^ 0x9e3779b97f4a7c15L);
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            long offset = 0;
            while (left > 0) {
                int n = (int) Math.min(left, BUFFER);
                switch (kind) {
                    case TEXT -> text.fill(buffer, 0, n);
                    case RANDOM -> Corpus.fillRandom(random, buffer, 0, n);
                    case MIXED -> {
                        for (int p = 0; p < n; ) {
                            int block = (int) Math.min(n - p, 16384 - ((offset + p) % 16384));
                            if (((offset + p) / 16384) % 2 == 0) {
                                text.fill(buffer, p, block);
                            } else {
                                Corpus.fillRandom(random, buffer, p, block);
                            }
                            p += block;
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                out.write(buffer, 0, n);
                left -= n;
                offset += n;
            }
        }
        written += size;
        fileCount++;
    }

    private static void setTimes(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Collections.reverseOrder()).toList();
        }
        FileTime time = FileTime.fromMillis(FIXED_MTIME);
        for (Path p : all) {
            Files.setLastModifiedTime(p, time);
        }
    }

    /**
     * Flips bit 5 of every 4096th byte (text stays text, compressibility stays) in files chosen at random until
     * {@code percent}% of the bytes are covered, so every content-defined chunk of those files changes. The chosen
     * files get a later modification time; applying it a second time undoes both.
     */
    static void mutate(Path dir, double percent, long seed) throws IOException {
        List<Path> files = new ArrayList<>();
        long total = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.add(p);
                total += Files.size(p);
            }
        }
        Collections.shuffle(files, new Random(seed));
        long target = (long) (total * percent / 100.0);
        long covered = 0;
        int changed = 0;
        ByteBuffer one = ByteBuffer.allocate(1);
        for (Path p : files) {
            if (covered >= target) {
                break;
            }
            long size = Files.size(p);
            if (covered + size > target + target / 5) {
                continue; // would overshoot by more than a fifth: take smaller files
            }
            boolean wasMutated = Files.getLastModifiedTime(p).toMillis() != FIXED_MTIME;
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (long pos = 0; pos < size; pos += 4096) {
                    one.clear();
                    ch.read(one, pos);
                    one.flip();
                    byte b = (byte) (one.get(0) ^ 0x20);
                    one.clear();
                    one.put(b).flip();
                    ch.write(one, pos);
                }
            }
            Files.setLastModifiedTime(p, FileTime.fromMillis(wasMutated ? FIXED_MTIME : FIXED_MTIME + 86_400_000L));
            covered += size;
            changed++;
        }
        System.out.printf("mutate %s: toggled %d files, %d of %d bytes (%.1f%%)%n", dir, changed, covered, total,
                100.0 * covered / total);
    }
}
