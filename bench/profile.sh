#!/usr/bin/env bash
# bench/profile.sh — where Backline's time goes: runs FileBench backup, restore and verify once per JDK under Java
# Flight Recorder (settings=profile) and summarises the samples by pipeline stage (io.backline.bench.JfrSummary:
# tar walk and format, file read, content SHA-256, zstd, age, stored SHA-256, write, fsync, …), together with the
# CPU seconds of every thread of the process from /proc (the "BENCH threads_cpu_s" line: main, zstd's native workers
# as spawned-native, JIT, GC; ended-unsampled for what threads used after their last sample).
#
# Usage:   bench/profile.sh                      # on the 1 GiB tree
#          TREE_SIZE=50M bench/profile.sh        # smoke
# When `perf` works (PROFILE_PERF=1, the default if perf is installed), each operation is also run once under
# `perf record` with the JIT's perf map, giving the CPU of ALL threads (zstd's native workers and the kernel's
# I/O work included) by component: libzstd-jni, [JIT] Java code (SHA-256, ChaCha20-Poly1305, tar), the kernel,
# libjvm (JIT compiler, GC, interpreter).
#
# Env:     TREE_SIZE (1G), BENCH_JDKS ("17 25"), PROFILE_COMPRESSION (zstd:3, as the CLI), PROFILE_PERF (0/1),
#          PROFILE_OPS ("backup restore verify"; restore and verify need backup in the same run), BENCH_WORK
#          (repository and restore directory; default bench/out/profile-work, e.g. /dev/shm/… to take the disk out),
#          plus bench/lib.sh's.
# Output:  bench/out/profile-SIZE-STAMP.md (and the .jfr recordings beside it).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZE="${TREE_SIZE:-1G}"
JDKS="${BENCH_JDKS:-17 25}"
COMPRESSION="${PROFILE_COMPRESSION:-zstd:3}"
OPS="${PROFILE_OPS:-backup restore verify}"
PERF="${PROFILE_PERF:-$(command -v perf >/dev/null && echo 1 || echo 0)}"

# perf_summary DATA: CPU samples by component, then the hottest symbols (zstd's are unnamed: its library is a temp
# file deleted at start-up, so it shows as one component).
perf_summary() {
  echo
  echo "perf, all threads, share of CPU samples by component:"
  echo
  echo '```'
  perf report -i "$1" --stdio --no-children --sort dso 2>/dev/null | grep -v '^#' | grep -v '^$' \
    | sed -E 's/libzstd-jni[^ ]*/libzstd-jni (zstd, all threads)/; s/\[JIT\] tid [0-9]+/[JIT] (Java code)/' | head -n 8
  echo '```'
  echo
  echo "hottest symbols (≥ 1%):"
  echo
  echo '```'
  perf report -i "$1" --stdio --no-children --sort sym --percent-limit 1 2>/dev/null | grep -v '^#' | grep -v '^$' \
    | grep -v '\] 0x0000' | head -n 20
  echo '```'
}
prepare_tree
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="${BENCH_WORK:-$OUT_DIR/profile-work}"
MD="$OUT_DIR/profile-$SIZE-$STAMP.md"
rm -rf "$WORK"; mkdir -p "$WORK"
{
  echo "# Where Backline's time goes — $SIZE tree, JFR samples by stage"
  echo
  machine_facts
  echo "- compression $COMPRESSION; one run per operation and JDK, so single-run noise applies."
} >"$MD"

for jdk in $JDKS; do
  java="$(java_for "$jdk")"
  repo="$WORK/repo-$jdk"
  for op in $OPS; do
    jfr="$OUT_DIR/profile-$SIZE-$STAMP-$op-jdk$jdk.jfr"
    rec="-XX:StartFlightRecording=filename=$jfr,settings=profile"
    sync; sleep 1
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    case $op in
      backup)  out="$("$java" "$rec" -cp "$BENCH_JAR" io.backline.bench.FileBench backup "$repo" "$TREE" "$RECIPIENT" "$COMPRESSION" 2>&1)"
               id="$(grep -o 'id=[^ ]*' <<<"$out" | head -n1 | cut -d= -f2)" ;;
      restore) rm -rf "$WORK/restore"
               out="$("$java" "$rec" -cp "$BENCH_JAR" io.backline.bench.FileBench restore "$repo" "$id" "$WORK/restore" "$KEY_FILE" 2>&1)" ;;
      verify)  out="$("$java" "$rec" -cp "$BENCH_JAR" io.backline.bench.FileBench verify "$repo" "$id" "$KEY_FILE" 2>&1)" ;;
    esac
    log "profiled $op on JDK $jdk (load $load)"
    {
      echo
      echo "## $op, JDK $jdk (load before: $load)"
      echo
      echo '```'
      grep '^BENCH' <<<"$out" || true
      echo '```'
      echo
      "$java" -cp "$BENCH_JAR" io.backline.bench.JfrSummary "$jfr"
    } >>"$MD"
    if [[ "$PERF" == 1 ]]; then
      pdata="$WORK/perf-$op-$jdk.data"
      popts="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit"
      sync; sleep 1
      case $op in
        backup)  perf record -q -F 499 -o "$pdata" -- "$java" $popts -cp "$BENCH_JAR" io.backline.bench.FileBench backup "$WORK/perf-repo-$jdk" "$TREE" "$RECIPIENT" "$COMPRESSION" >"$WORK/perf-$op.log" 2>&1
                 pid_id="$(grep -o 'id=[^ ]*' "$WORK/perf-$op.log" | head -n1 | cut -d= -f2)" ;;
        restore) rm -rf "$WORK/restore"
                 perf record -q -F 499 -o "$pdata" -- "$java" $popts -cp "$BENCH_JAR" io.backline.bench.FileBench restore "$WORK/perf-repo-$jdk" "$pid_id" "$WORK/restore" "$KEY_FILE" >"$WORK/perf-$op.log" 2>&1 ;;
        verify)  perf record -q -F 499 -o "$pdata" -- "$java" $popts -cp "$BENCH_JAR" io.backline.bench.FileBench verify "$WORK/perf-repo-$jdk" "$pid_id" "$KEY_FILE" >"$WORK/perf-$op.log" 2>&1 ;;
      esac
      {
        echo
        echo "perf run of the same operation (load before: $(cut -d' ' -f1-3 /proc/loadavg)):"
        echo
        echo '```'
        grep '^BENCH' "$WORK/perf-$op.log" || true
        echo '```'
        perf_summary "$pdata"
      } >>"$MD"
      rm -f "$pdata"
    fi
  done
  rm -rf "$WORK/restore"
done
log "results: $MD"
cat "$MD"
