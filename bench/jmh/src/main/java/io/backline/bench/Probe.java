package io.backline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * <p>Per-thread CPU comes from {@code /proc/self/task/<tid>/stat}, sampled every 50 ms by a daemon thread so that
 * threads which end before the report (zstd's workers end when the compressor is closed) are still counted with their
 * last sample. Linux only; elsewhere the thread table is empty. Output lines start with {@code BENCH} and hold
 * {@code key=value} pairs that the scripts parse.
 */
public final class Probe {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final long mainEnteredMillis = System.currentTimeMillis();
    private final long startupMillis;
    private final Map<String, long[]> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private Probe() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        this.startupMillis = mainEnteredMillis - jvmStart;
        sample();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
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

    /** Milliseconds from JVM start to {@link #start()}. */
    public long startupMillis() {
        return startupMillis;
    }

    private void sample() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
            for (Path task : dirs) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    lastSeen.put(task.getFileName() + "/" + comm, new long[] {ticks});
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            // /proc unavailable
        }
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
        StringBuilder sb = new StringBuilder("BENCH op=").append(op)
                .append(" startup_ms=").append(startupMillis)
                .append(" op_ms=").append(String.format(Locale.ROOT, "%.1f", opNanos / 1e6))
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
        StringBuilder t = new StringBuilder("BENCH threads_cpu_s");
        for (Map.Entry<String, Long> e : byGroup.entrySet()) {
            if (e.getValue() > 0) {
                t.append(' ').append(e.getKey()).append('=')
                        .append(String.format(Locale.ROOT, "%.2f", e.getValue() / (double) TICKS_PER_SECOND));
            }
        }
        t.append(" total=").append(String.format(Locale.ROOT, "%.2f", total / (double) TICKS_PER_SECOND));
        System.out.println(t);
    }
}
