package io.backline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a bench main by pipeline stage: every {@code jdk.ExecutionSample} (a thread running
 * Java code) and {@code jdk.NativeMethodSample} (a thread inside a native method: zstd, file I/O, or blocked there) is
 * given to the first stage whose rule matches a frame of its stack, from the top. Samples are weighted by their
 * sampling period (read from the recording's settings), so the figures are milliseconds of thread time.
 *
 * <p>Caveat: native threads the JVM does not know (zstd's worker threads) are not sampled at all; their CPU time is in
 * the {@code BENCH threads_cpu_s} line of the bench main ({@code spawned-native}).
 *
 * <pre>
 * JfrSummary RECORDING.jfr   # prints Markdown
 * </pre>
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    /** Rules: a frame "class.method" starting with the prefix gives the stage; "" means look further down. */
    private static final String[][] RULES = {
        {"java.lang.System.arraycopy", ""},
        {"java.io.BufferedOutputStream", ""},
        {"java.io.BufferedInputStream", ""},
        {"java.io.FilterOutputStream", ""},
        {"java.io.FilterInputStream", ""},
        {"java.io.InputStream.readNBytes", ""},
        {"io.backline.core.internal.StageOutputStream", ""},
        {"io.backline.core.internal.StageInputStream", ""},
        {"io.backline.core.internal.NonClosingOutputStream", ""},
        {"sun.security.provider.", "SHA-256"},
        {"java.security.MessageDigest", "SHA-256"},
        {"io.backline.core.internal.Digesting", "SHA-256"},
        {"com.sun.crypto.provider.ChaCha20", "age: ChaCha20-Poly1305"},
        {"com.sun.crypto.provider.Poly1305", "age: ChaCha20-Poly1305"},
        {"javax.crypto.", "age: ChaCha20-Poly1305"},
        {"io.backline.core.crypto.", "age: chunking and copies"},
        {"com.github.luben.zstd", "zstd (JNI)"},
        {"sun.nio.ch.FileDispatcherImpl.force", "fsync"},
        {"sun.nio.ch.FileDispatcherImpl.read", "file read"},
        {"sun.nio.ch.FileDispatcherImpl.pread", "file read"},
        {"sun.nio.ch.FileChannelImpl.read", "file read"},
        {"sun.nio.ch.IOUtil.read", "file read"},
        {"java.io.FileInputStream.read", "file read"},
        {"sun.nio.ch.ChannelInputStream", "file read"},
        {"sun.nio.ch.FileDispatcherImpl.write", "file write"},
        {"sun.nio.ch.FileDispatcherImpl.pwrite", "file write"},
        {"sun.nio.ch.FileChannelImpl.write", "file write"},
        {"sun.nio.ch.IOUtil.write", "file write"},
        {"java.io.FileOutputStream.write", "file write"},
        {"sun.nio.ch.ChannelOutputStream", "file write"},
        {"sun.nio.ch.FileChannelImpl.force", "fsync"},
        {"sun.nio.fs.", "filesystem metadata (stat, open, list, chmod, utimes)"},
        {"java.nio.file.", "filesystem metadata (stat, open, list, chmod, utimes)"},
        {"org.apache.commons.compress.archivers.tar", "tar format (commons-compress)"},
        {"io.backline.core.internal.TreeArchiveWriter", "tar: tree walk and headers"},
        {"io.backline.core.internal.TreeEntryMeta", "tar: tree walk and headers"},
        {"io.backline.core.internal.TarTreeExtractor", "tar: extraction"},
        {"io.backline.core.internal.TargetTree", "tar: extraction"},
        {"io.backline.core.internal.ArtifactWriter", "pipeline: progress and copies"},
        {"jdk.internal.misc.Unsafe.park", "waiting (park)"},
        {"java.lang.Object.wait", "waiting"},
        {"java.lang.Thread.sleep", "waiting"},
        {"com.fasterxml.jackson", "manifest JSON"},
        {"io.backline.core.manifest", "manifest JSON"},
        {"java.lang.ClassLoader", "class loading"},
        {"jdk.internal.loader", "class loading"},
    };

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Map<Long, String> typeNames = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            for (EventType t : recording.readEventTypes()) {
                typeNames.put(t.getId(), t.getName());
            }
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Map<String, Double> periodMs = new HashMap<>(Map.of("jdk.ExecutionSample", 10.0,
                "jdk.NativeMethodSample", 20.0));
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.ActiveSetting") && "period".equals(e.getString("name"))) {
                String type = typeNames.get(e.getLong("id"));
                Double ms = parseMillis(e.getString("value"));
                if (type != null && ms != null && periodMs.containsKey(type)) {
                    periodMs.put(type, ms);
                }
            }
        }
        Map<String, Map<String, Double>> byThread = new TreeMap<>();
        Map<String, Double> all = new TreeMap<>();
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            if (!periodMs.containsKey(type)) {
                continue;
            }
            String thread = e.getThread("sampledThread") != null ? e.getThread("sampledThread").getJavaName()
                    : "?";
            String stage = classify(e.getStackTrace()) + (type.equals("jdk.NativeMethodSample") ? " [native]" : "");
            double w = periodMs.get(type);
            byThread.computeIfAbsent(thread, k -> new TreeMap<>()).merge(stage, w, Double::sum);
            all.merge(stage, w, Double::sum);
        }
        System.out.println("Sampling periods: " + periodMs + ". [native] = inside a native method (on CPU or blocked"
                + " there); zstd worker threads are native and not sampled.");
        for (Map.Entry<String, Map<String, Double>> t : byThread.entrySet()) {
            double total = t.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            if (total < 100) {
                continue;
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "Thread `%s`: %.0f ms sampled%n%n", t.getKey(), total);
            System.out.println("| stage | ms | share |");
            System.out.println("|---|---|---|");
            t.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .filter(s -> s.getValue() / total >= 0.005)
                    .forEach(s -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f%% |%n", s.getKey(), s.getValue(),
                            100 * s.getValue() / total));
        }
    }

    private static Double parseMillis(String v) {
        String[] parts = v.trim().split(" ");
        try {
            double n = Double.parseDouble(parts[0]);
            String unit = parts.length > 1 ? parts[1] : "ms";
            return switch (unit) {
                case "ns" -> n / 1e6;
                case "us" -> n / 1e3;
                case "ms" -> n;
                case "s" -> n * 1000;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String classify(RecordedStackTrace stack) {
        if (stack == null) {
            return "unknown (no stack)";
        }
        List<RecordedFrame> frames = stack.getFrames();
        String stage = null;
        boolean precheck = false;
        boolean inEncrypt = false;
        boolean inDecrypt = false;
        for (RecordedFrame f : frames) {
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            if (name.startsWith("io.backline.core.internal.StoredChecksum")) {
                precheck = true;
            }
            if (name.startsWith("io.backline.core.crypto.EncryptingOutputStream")) {
                inEncrypt = true;
            }
            if (name.startsWith("io.backline.core.crypto.DecryptingInputStream")) {
                inDecrypt = true;
            }
            if (stage == null) {
                for (String[] rule : RULES) {
                    if (name.startsWith(rule[0])) {
                        if (!rule[1].isEmpty()) {
                            stage = rule[1];
                        }
                        break;
                    }
                }
            }
        }
        if (stage == null) {
            RecordedFrame top = frames.isEmpty() ? null : frames.get(0);
            stage = "other: " + (top == null ? "?" : top.getMethod().getType().getName());
        }
        if (stage.equals("SHA-256")) {
            stage = inEncrypt || inDecrypt ? "SHA-256 of stored bytes" : "SHA-256 of content";
        }
        if (precheck) {
            stage = "pre-check pass (StoredChecksum): " + stage;
        }
        return stage;
    }
}
