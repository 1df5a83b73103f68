# bench/lib.sh — shared helpers for the benchmark scripts in bench/. Sourced, not run.
#
# Provides: paths (BENCH_DIR, REPO_ROOT, DATA_DIR, OUT_DIR), the JDKs (java_for 17|25), the jars (ensure_jars),
# the age key (ensure_key), and measure(), which runs one command under /usr/bin/time and appends one CSV row
# with wall, CPU, peak RSS, output size, the in-JVM times a bench main printed, and the 1-minute load average.
#
# Environment (all optional):
#   BENCH_DATA   where generated inputs live            (default bench/data, gitignored)
#   BENCH_OUT    where results, repos and restores go   (default bench/out, gitignored)
#   JDK17_JAVA   java of JDK 17                         (default: `java` on PATH, which must be 17)
#   JDK25_JAVA   java of JDK 25                         (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
#   BENCH_REBUILD=1  rebuild the jars even if present

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
DATA_DIR="${BENCH_DATA:-$BENCH_DIR/data}"
OUT_DIR="${BENCH_OUT:-$BENCH_DIR/out}"
BENCH_JAR="$BENCH_DIR/jmh/target/benchmarks.jar"
CLI_JAR="$REPO_ROOT/backup-cli/target/backline.jar"
KEY_FILE="$OUT_DIR/keys/key.txt"
JDK17_JAVA="${JDK17_JAVA:-$(command -v java)}"
JDK25_JAVA="${JDK25_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
CSV_HEADER="suite,case,tool,jdk,heap,run,wall_s,user_s,sys_s,cpu_s,maxrss_mib,in_bytes,out_bytes,op_s,startup_ms,ok,load1,note,steal_pct,op_cpu_s,op_jit_s"

mkdir -p "$DATA_DIR" "$OUT_DIR"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

java_for() {
  case "$1" in
    17) echo "$JDK17_JAVA" ;;
    25) echo "$JDK25_JAVA" ;;
    *) echo "unknown JDK '$1' (use 17 or 25)" >&2; return 1 ;;
  esac
}

# Builds bench/jmh/target/benchmarks.jar and backup-cli/target/backline.jar from this work tree when missing.
# Never installs into ~/.m2.
# Maven's output goes to stderr: scripts capture the stdout of others (gen-tree.sh prints the tree's path).
ensure_jars() {
  if [[ ! -f "$BENCH_JAR" || "${BENCH_REBUILD:-0}" == 1 ]]; then
    log "building $BENCH_JAR"
    (cd "$REPO_ROOT" && mvn -B -q -Pbench -pl bench/jmh -am package -DskipTests) >&2
  fi
  if [[ ! -f "$CLI_JAR" || "${BENCH_REBUILD:-0}" == 1 ]]; then
    log "building $CLI_JAR"
    (cd "$REPO_ROOT" && mvn -B -q -DskipTests -pl backup-cli -am package) >&2
  fi
}

# settle: flush writes and pause between timed runs.
settle() { sync; sleep 1; }

# warm_tree DIR: reads every file of DIR once, untimed, so that the next timed run reads it from the page cache.
# Without it, whichever tool runs first after gigabytes were written to tmpfs (restores, repositories) pays for
# reading evicted parts of the tree from disk: one files.sh run on a 24 GiB guest had the stock pipeline at 4.6 s
# instead of 3.1 s, with 1.6-3x the kernel time, in every round (after dropping the page cache: 5.6 s against 3.5 s
# cached). (`tar -cf /dev/null` would not read the files.)
warm_tree() { tar -C "$1" -cf - . | cat >/dev/null; }

# prepare_tree: builds the jars and the age key when missing and sets TREE (the generated tree of $SIZE) and
# IN_BYTES (its size), for the file benchmarks.
prepare_tree() {
  ensure_jars
  ensure_key
  TREE="$(TREE_SIZE="$SIZE" "$BENCH_DIR/gen-tree.sh")"
  IN_BYTES="$(size_of "$TREE")"
}

# An age identity file (0600) for every benchmark; RECIPIENT is its public half.
ensure_key() {
  mkdir -p "$(dirname "$KEY_FILE")"
  chmod 700 "$(dirname "$KEY_FILE")"
  if [[ ! -f "$KEY_FILE" ]]; then
    (umask 077 && age-keygen -o "$KEY_FILE" 2>/dev/null)
  fi
  RECIPIENT="$(age-keygen -y "$KEY_FILE")"
  export RECIPIENT
}

load1() { cut -d' ' -f1 /proc/loadavg; }
# CPU time the hypervisor gave to other guests while this one had work ("steal" in /proc/stat), in clock ticks.
steal_ticks() { awk '/^cpu /{print $9}' /proc/stat; }

# Bytes of a file or a directory tree (apparent size of files).
size_of() {
  if [[ -d "$1" ]]; then find "$1" -type f -printf '%s\n' | awk '{s+=$1} END{print s+0}'; elif [[ -f "$1" ]]; then stat -c %s "$1"; else echo 0; fi
}

# bench_field LINE NAME: the value of NAME=… in a bench main's "BENCH op=…" line; empty when absent.
bench_field() { grep -o " $2=[^ ]*" <<<"$1" | head -n1 | cut -d= -f2; }

# measure CSV SUITE CASE TOOL JDK HEAP RUN IN_BYTES OUT_PATH COMMAND
#   Runs COMMAND (a bash string; pipelines allowed) under /usr/bin/time. CPU is user+sys of every process waited
#   for (the whole pipeline); peak RSS is that of the largest single process. OUT_PATH ('-' for none) is sized
#   afterwards. When the command's output holds a "BENCH ... op_ms=… startup_ms=…" line (a bench main), those
#   in-JVM figures go in op_s and startup_ms, and the CPU time of the process and of its JIT compiler threads
#   during the timed operation alone (warm-up runs before it excluded) in op_cpu_s and op_jit_s. steal_pct is the
#   share of the machine's CPU time (wall × cores) that the hypervisor took away during the run: on a shared guest,
#   a run with a high share is slow for reasons outside the tools. The command's output is kept in OUT_DIR/logs/.
#   Sets MEASURED_OK=1/0 and MEASURED_LOG.
measure() {
  local csv="$1" suite="$2" case_="$3" tool="$4" jdk="$5" heap="$6" run="$7" in_bytes="$8" out_path="$9"
  local cmd="${10}"
  local logdir="$OUT_DIR/logs"
  mkdir -p "$logdir"
  local tag="${suite}_${case_}_${tool}_${jdk}_${heap}_${run}"
  tag="${tag//[^A-Za-z0-9_.-]/_}"
  local logf="$logdir/$tag.log" timef="$logdir/$tag.time"
  local load; load="$(load1)"
  local ok=1 steal_before; steal_before="$(steal_ticks)"
  /usr/bin/time -f '%e %U %S %M' -o "$timef" bash -o pipefail -c "$cmd" >"$logf" 2>&1 || ok=0
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$timef")
  local out_bytes=0
  [[ "$out_path" != "-" ]] && out_bytes="$(size_of "$out_path")"
  local op_s="" startup_ms="" op_cpu_s="" op_jit_s="" bench_line
  bench_line="$(grep -m1 '^BENCH op=' "$logf" || true)"
  if [[ -n "$bench_line" ]]; then
    op_s="$(bench_field "$bench_line" op_ms | awk '{printf "%.3f", $1/1000}')"
    startup_ms="$(bench_field "$bench_line" startup_ms)"
    op_cpu_s="$(bench_field "$bench_line" op_cpu_s)"
    op_jit_s="$(bench_field "$bench_line" op_jit_s)"
    [[ "$bench_line" == *" ok=true"* ]] || ok=0
  fi
  local cpu; cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')"
  local rss_mib; rss_mib="$(awk -v r="$rss" 'BEGIN{printf "%.1f", r/1024}')"
  local steal_pct; steal_pct="$(awk -v a="$steal_before" -v b="$(steal_ticks)" -v w="$wall" -v n="$(nproc)" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN{ if (w > 0) printf "%.1f", (b - a) / hz / (w * n) * 100 }')"
  local note=""
  [[ $ok == 0 ]] && note="FAILED: $(grep -v '^BENCH' "$logf" | tail -n 3 | tr '\n,' '  ' | cut -c1-200)"
  echo "$suite,$case_,$tool,$jdk,$heap,$run,$wall,$user,$sys,$cpu,$rss_mib,$in_bytes,$out_bytes,$op_s,$startup_ms,$ok,$load,$note,$steal_pct,$op_cpu_s,$op_jit_s" >>"$csv"
  log "$(printf '%-8s %-28s jdk=%-2s heap=%-6s run=%s  wall=%6ss cpu=%6ss rss=%7sMiB ok=%s load=%s steal=%s%%' \
    "$suite" "$case_/$tool" "$jdk" "$heap" "$run" "$wall" "$cpu" "$rss_mib" "$ok" "$load" "$steal_pct")"
  MEASURED_OK=$ok
  MEASURED_LOG="$logf"
}

# write_report CSV BASE TITLE [NOTE...]: summarizes CSV (medians per row kind, × against the stock rows) into
# BASE.md and BASE.summary.csv, headed by TITLE, the machine facts and one line per NOTE; prints the table.
write_report() {
  local csv="$1" base="$2" title="$3" note
  shift 3
  "$JDK17_JAVA" -cp "$BENCH_JAR" io.backline.bench.Summarize "$csv" "$base.md.tmp" "$base.summary.csv" stock
  {
    echo "$title"
    echo
    machine_facts
    for note in "$@"; do echo "$note"; done
    cat "$base.md.tmp"
  } >"$base.md"
  rm -f "$base.md.tmp"
  log "results: $base.md"
  cat "$base.md"
}

# Writes the machine facts as Markdown (used at the top of every result file).
machine_facts() {
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), host cores: $(nproc), CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "- memory: $(free -g | awk '/Mem:/{print $2}') GiB, disk: $(df -h "$OUT_DIR" | awk 'NR==2{print $1" "$2}')"
  echo "- JDK 17: $("$JDK17_JAVA" -version 2>&1 | sed -n 2p); JDK 25: $("$JDK25_JAVA" -version 2>&1 | sed -n 2p)"
  echo "- age $(age --version), zstd $(zstd --version | grep -o "v[0-9.]*" | head -n 1), $(restic version | cut -d' ' -f1-2), $(borg --version)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates every figure)"
}
