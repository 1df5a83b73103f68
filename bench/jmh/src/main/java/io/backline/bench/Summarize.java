package io.backline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the raw CSV the scripts write (one row per run, header in {@code bench/lib.sh}) into medians per
 * (suite, case, tool, JDK, heap), as a Markdown table and a summary CSV. Each suite's rows get a ratio of median wall
 * time against that suite's baseline row (the tool named {@code BASELINE_TOOL}, e.g. {@code stock}); rows of the case
 * {@code warm} (a bench main run with {@code -Dbench.warmup=N}) take their ratio from the in-JVM time of the timed run.
 * The last column is the range of the hypervisor's steal over the runs (column {@code steal_pct}, absent from files
 * written before it was recorded): rows whose runs lost a large share of the machine are slow for reasons outside
 * the tools. Rows of a bench main also show the CPU time of the timed operation alone and, in brackets, that of the
 * JIT compiler threads during it (columns {@code op_cpu_s}, {@code op_jit_s}).
 *
 * <p>Under each suite's table, for each JDK with both a fresh API row ({@code backline-api}, default heap) and a warm
 * row: the <em>JIT floor</em>, the least wall time a fresh JVM could take on this machine's cores with the pipeline's
 * present CPU cost, {@code max(warm op, (warm op CPU − its JIT + fresh op JIT) / cores)}. A fresh run can use no less
 * CPU than the warm pipeline plus the compiling it does, and no more than all the cores; where the floor is above a
 * target, no overlap of the stages can meet it without taking CPU out of the pipeline or the JIT.
 *
 * <pre>
 * Summarize RAW.csv SUMMARY.md SUMMARY.csv [BASELINE_TOOL]
 * </pre>
 */
public final class Summarize {
    /** The case of rows timed in a JVM that ran the operation before (their wall includes the warm-up runs). */
    static final String WARM_CASE = "warm";
    /** Columns of the CPU time of the timed operation and of the JIT threads during it (absent from older files). */
    private static final int OP_CPU = 19;
    private static final int OP_JIT = 20;

    private Summarize() {
    }

    record Row(String[] f) {
        String get(int i) {
            return i < f.length ? f[i] : "";
        }

        double num(int i) {
            String v = get(i);
            return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        }
    }

    public static void main(String[] args) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        String baseline = args.length > 3 ? args[3] : "stock";
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            Row row = new Row(f);
            String key = String.join("|", row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        Map<String, Double> baselineWall = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> e : groups.entrySet()) {
            Row first = e.getValue().get(0);
            if (first.get(2).equals(baseline)) {
                baselineWall.putIfAbsent(first.get(0), median(e.getValue(), 6, true));
            }
        }
        try (PrintStream md = new PrintStream(Files.newOutputStream(Path.of(args[1])), true, "UTF-8");
             PrintStream csv = new PrintStream(Files.newOutputStream(Path.of(args[2])), true, "UTF-8")) {
            csv.println("suite,case,tool,jdk,heap,runs_ok,runs,wall_s_median,wall_s_min,wall_s_max,cpu_s_median,"
                    + "mb_s,out_mib,maxrss_mib_median,op_s_median,startup_ms_median,ratio_vs_" + baseline
                    + ",load1_min,load1_max,steal_pct_min,steal_pct_max,op_cpu_s_median,op_jit_s_median");
            String suite = null;
            for (Map.Entry<String, List<Row>> e : groups.entrySet()) {
                List<Row> rows = e.getValue();
                Row first = rows.get(0);
                if (!first.get(0).equals(suite)) {
                    if (suite != null) {
                        printJitFloors(md, suite, groups, baseline, baselineWall.get(suite), cores);
                    }
                    suite = first.get(0);
                    md.println();
                    md.println("| " + suite + " | JDK | heap | ok/runs | wall s (median) | min–max | CPU s | MB/s | "
                            + "output MiB | peak RSS MiB | in-JVM op s | op CPU s (JIT) | JVM start ms | × " + baseline
                            + " | load1 | steal % |");
                    md.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                }
                long ok = rows.stream().filter(r -> r.get(15).equals("1")).count();
                double wall = median(rows, 6, true);
                double cpu = median(rows, 9, true);
                double rss = median(rows, 10, true);
                double inBytes = median(rows, 11, false);
                double outBytes = median(rows, 12, true);
                double op = median(rows, 13, true);
                double startup = median(rows, 14, true);
                double opCpu = median(rows, OP_CPU, true);
                double opJit = median(rows, OP_JIT, true);
                double[] wallRange = range(rows, 6);
                double[] load = range(rows, 16);
                double[] steal = range(rows, 18);
                Double base = baselineWall.get(first.get(0));
                // a "warm" row times its operation in a JVM that ran it before: its wall holds the warm-up runs
                // too, so its ratio and throughput come from the in-JVM time of the timed run
                boolean warm = first.get(1).equals(WARM_CASE);
                double timed = warm ? op : wall;
                double ratio = base == null || Double.isNaN(timed) ? Double.NaN : timed / base;
                double mbs = inBytes > 0 && !Double.isNaN(timed) ? inBytes / timed / 1e6 : Double.NaN;
                String what = first.get(1).isEmpty() || first.get(1).equals("-") ? first.get(2)
                        : first.get(2) + " (" + first.get(1) + ")";
                md.println("| " + what + " | " + dash(first.get(3)) + " | " + dash(first.get(4)) + " | " + ok + "/"
                        + rows.size() + " | " + f(wall, 2) + " | " + f(wallRange[0], 2) + "–" + f(wallRange[1], 2)
                        + " | " + f(cpu, 2) + " | " + f(mbs, 0) + " | " + f(outBytes / 1048576.0, 1) + " | "
                        + f(rss, 0) + " | " + f(op, 2) + " | "
                        + (Double.isNaN(opCpu) ? "" : f(opCpu, 2) + " (" + f(opJit, 2) + ")") + " | "
                        + f(startup, 0) + " | "
                        + (Double.isNaN(ratio) ? "–" : f(ratio, 2) + "×" + (warm ? " (in-JVM op)" : "")) + " | "
                        + f(load[0], 1) + "–" + f(load[1], 1) + " | "
                        + (Double.isNaN(steal[0]) ? "–" : f(steal[0], 0) + "–" + f(steal[1], 0)) + " |");
                csv.println(String.join(",", first.get(0), first.get(1), first.get(2), first.get(3), first.get(4),
                        Long.toString(ok), Integer.toString(rows.size()), f(wall, 3), f(wallRange[0], 3),
                        f(wallRange[1], 3), f(cpu, 2), f(mbs, 1), f(outBytes / 1048576.0, 2), f(rss, 1), f(op, 3),
                        f(startup, 0), f(ratio, 3), f(load[0], 2), f(load[1], 2), f(steal[0], 1),
                        f(steal[1], 1), f(opCpu, 2), f(opJit, 2)));
            }
            if (suite != null) {
                printJitFloors(md, suite, groups, baseline, baselineWall.get(suite), cores);
            }
        }
    }

    /** Prints, under a suite's table, the JIT floor of each JDK that has a fresh API row and a warm row. */
    private static void printJitFloors(PrintStream md, String suite, Map<String, List<Row>> groups, String baseline,
            Double base, int cores) {
        List<String> jdks = groups.values().stream().map(rows -> rows.get(0))
                .filter(r -> r.get(0).equals(suite) && r.get(1).equals(WARM_CASE)).map(r -> r.get(3)).toList();
        boolean header = false;
        for (String jdk : jdks) {
            List<Row> warm = groups.get(String.join("|", suite, WARM_CASE, "backline-warm", jdk, "default"));
            List<Row> fresh = groups.get(String.join("|", suite, "-", "backline-api", jdk, "default"));
            if (warm == null || fresh == null) {
                continue;
            }
            double warmOp = median(warm, 13, true);
            double warmPipeline = median(warm, OP_CPU, true) - median(warm, OP_JIT, true);
            double freshJit = median(fresh, OP_JIT, true);
            double floor = Math.max(warmOp, (warmPipeline + freshJit) / cores);
            if (Double.isNaN(floor)) {
                continue;
            }
            if (!header) {
                md.println();
                header = true;
            }
            md.println("- JIT floor, JDK " + jdk + ": " + f(floor, 2) + " s"
                    + (base == null ? "" : " (" + f(floor / base, 2) + "× " + baseline + ")")
                    + " = max(warm op " + f(warmOp, 2) + " s, (warm pipeline CPU " + f(warmPipeline, 2)
                    + " s + fresh JIT " + f(freshJit, 2) + " s) / " + cores + " cores)");
        }
    }

    private static String dash(String s) {
        return s.isEmpty() ? "–" : s;
    }

    private static String f(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Median of column {@code i}, over successful runs only when {@code okOnly} (all runs if none succeeded). */
    private static double median(List<Row> rows, int i, boolean okOnly) {
        List<Row> use = rows;
        if (okOnly) {
            List<Row> ok = rows.stream().filter(r -> r.get(15).equals("1")).toList();
            if (!ok.isEmpty()) {
                use = ok;
            }
        }
        double[] v = use.stream().mapToDouble(r -> r.num(i)).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double[] range(List<Row> rows, int i) {
        double[] v = rows.stream().mapToDouble(r -> r.num(i)).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {Arrays.stream(v).min().getAsDouble(), Arrays.stream(v).max().getAsDouble()};
    }
}
