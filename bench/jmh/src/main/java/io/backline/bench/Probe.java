package io.backline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a bench main reports beside its own timing: how long the JVM took to reach {@code main}, and the CPU time of
 * every thread of the process (Java threads, GC and JIT threads, and native threads such as zstd's workers) by name.
 *
 * <p>Per-thread CPU comes from {@code /proc/self/task/<tid>/stat}, sampled every 200 ms by a daemon thread so that
 * threads which end before the report (zstd's workers end when the compressor is closed) are still counted with their
 * last sample; what such threads used after their last sample is the difference between the process's own total
 * ({@code /proc/self/stat}, which keeps the time of ended threads) and the sum over threads, reported as
 * {@code ended-unsampled}. The sampler parses the files by hand from one reused buffer: the probe must not make the
 * JIT compiler work for it (an earlier version split every line with {@code String.split} every 50 ms, which had
 * C2 compile {@code String.split} three or four times per run, ≈ 0.15 s of compiler time charged to Backline).
 * Linux only; elsewhere the thread table is empty. Output lines start with {@code BENCH} and hold
 * {@code key=value} pairs that the scripts parse.
 */
public final class Probe {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final long SAMPLE_MILLIS = 200;
    private final long mainEnteredMillis = System.currentTimeMillis();
    private final long startupMillis;
    private final Map<String, long[]> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final Thread sampler;
    private final byte[] statBuffer = new byte[1024];
    private volatile boolean running = true;
    private long markProcessTicks;
    private long markJitTicks;

    private Probe() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        this.startupMillis = mainEnteredMillis - jvmStart;
        mark();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts probing; call first thing in {@code main}. */
    public static Probe start() {
        return new Probe();
    }

    /**
     * Names the calling thread {@code label} in the report. Native threads it spawns (zstd's workers) inherit its
     * Linux name; they are reported as {@code spawned-native} instead of under its label.
     */
    public void label(String label) {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            labels.put(self.substring(self.lastIndexOf('/') + 1), label);
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux
        }
    }

    /**
     * Marks the start of the timed operation: {@link #report} then gives the CPU time the process and its JIT
     * compiler threads used since ({@code op_cpu_s}, {@code op_jit_s}), apart from what warm-up runs before it used.
     * Without a mark they count from {@link #start()}.
     */
    public synchronized void mark() {
        sample();
        markProcessTicks = Math.max(0, processTicks());
        markJitTicks = jitTicks();
    }

    /** CPU ticks of the JIT compiler threads seen so far (ended ones with their last sample). */
    private long jitTicks() {
        long sum = 0;
        for (Map.Entry<String, long[]> e : lastSeen.entrySet()) {
            if (group(e.getKey().substring(e.getKey().indexOf('/') + 1)).equals("jit")) {
                sum += e.getValue()[0];
            }
        }
        return sum;
    }

    /** Milliseconds from JVM start to {@link #start()}. */
    public long startupMillis() {
        return startupMillis;
    }

    private synchronized void sample() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
            for (Path task : dirs) {
                String tid = task.getFileName().toString();
                int length = readInto(task.resolve("stat"));
                int close = lastIndexOf(statBuffer, length, (byte) ')');
                int open = indexOf(statBuffer, length, (byte) '(');
                if (open < 0 || close < open) {
                    continue; // the thread ended between listing and reading
                }
                long ticks = cpuTicksAfterName(statBuffer, close, length);
                if (ticks >= 0) {
                    String comm = new String(statBuffer, open + 1, close - open - 1, StandardCharsets.UTF_8);
                    lastSeen.put(tid + "/" + comm, new long[] {ticks});
                }
            }
        } catch (IOException e) {
            // /proc unavailable
        }
    }

    /** utime + stime of the whole process, ended threads included; -1 when unknown. */
    private synchronized long processTicks() {
        int length = readInto(Path.of("/proc/self/stat"));
        int close = lastIndexOf(statBuffer, length, (byte) ')');
        return close < 0 ? -1 : cpuTicksAfterName(statBuffer, close, length);
    }

    /** Reads a small /proc file into {@link #statBuffer}; the number of bytes read, 0 when it is gone. */
    private synchronized int readInto(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int length = 0;
            int n;
            while (length < statBuffer.length && (n = in.read(statBuffer, length, statBuffer.length - length)) > 0) {
                length += n;
            }
            return length;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * utime + stime from a stat line whose name ends at {@code close}: after ") " come the fields from the third
     * (state) on, space separated; utime and stime are the 14th and 15th. -1 when the line is cut short.
     */
    static long cpuTicksAfterName(byte[] line, int close, int length) {
        int field = 3;
        long utime = -1;
        int i = close + 2;
        while (i < length && field <= 15) {
            long value = 0;
            int start = i;
            while (i < length && line[i] != ' ' && line[i] != '\n') {
                value = value * 10 + (line[i] - '0');
                i++;
            }
            if (i == start) {
                return -1;
            }
            if (field == 14) {
                utime = value;
            } else if (field == 15) {
                return utime + value;
            }
            field++;
            i++;
        }
        return -1;
    }

    private static String seconds(long ticks) {
        return String.format(Locale.ROOT, "%.2f", ticks / (double) TICKS_PER_SECOND);
    }

    private static int indexOf(byte[] bytes, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, int length, byte b) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Groups thread names: GC, JIT, the probe itself, and the rest by name (numbers dropped). */
    static String group(String comm) {
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Periodic")
                || comm.startsWith("VM Thread") || comm.startsWith("Parallel GC") || comm.startsWith("GC ")) {
            return "gc+vm";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") || comm.contains("CompilerThre")) {
            return "jit";
        }
        if (comm.equals("bench-probe")) {
            return "probe";
        }
        return comm.replaceAll("[0-9]+$", "#").replace(' ', '_');
    }

    /** Prints {@code BENCH key=value…} for the operation, then the per-thread CPU lines. */
    public void report(String op, long opNanos, Map<String, Object> extra) {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        long processTicks = processTicks();
        StringBuilder sb = new StringBuilder("BENCH op=").append(op)
                .append(" startup_ms=").append(startupMillis)
                .append(" op_ms=").append(String.format(Locale.ROOT, "%.1f", opNanos / 1e6))
                .append(" op_cpu_s=").append(seconds(processTicks - markProcessTicks))
                .append(" op_jit_s=").append(seconds(jitTicks() - markJitTicks))
                .append(" java=").append(System.getProperty("java.specification.version"))
                .append(" xmx_mib=").append(Runtime.getRuntime().maxMemory() >> 20);
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        System.out.println(sb);
        Map<String, Long> byGroup = new TreeMap<>();
        java.util.Set<String> labelledComms = new java.util.HashSet<>();
        for (String key : lastSeen.keySet()) {
            if (labels.containsKey(key.substring(0, key.indexOf('/')))) {
                labelledComms.add(key.substring(key.indexOf('/') + 1));
            }
        }
        long total = 0;
        for (Map.Entry<String, long[]> e : lastSeen.entrySet()) {
            String tid = e.getKey().substring(0, e.getKey().indexOf('/'));
            String comm = e.getKey().substring(e.getKey().indexOf('/') + 1);
            String label = labels.get(tid);
            if (label == null) {
                // native threads (zstd workers) carry the Linux name of the thread that created them
                label = comm.equals("java") || labelledComms.contains(comm) ? "spawned-native" : group(comm);
            }
            byGroup.merge(label, e.getValue()[0], Long::sum);
            total += e.getValue()[0];
        }
        if (processTicks > total) {
            byGroup.put("ended-unsampled", processTicks - total);
            total = processTicks;
        }
        StringBuilder t = new StringBuilder("BENCH threads_cpu_s");
        for (Map.Entry<String, Long> e : byGroup.entrySet()) {
            if (e.getValue() > 0) {
                t.append(' ').append(e.getKey()).append('=')
                        .append(seconds(e.getValue()));
            }
        }
        t.append(" total=").append(seconds(total));
        System.out.println(t);
    }
}
