#!/usr/bin/env bash
# bench/overlap.sh — measures the two-thread read path proposed in docs/PERFORMANCE.md before anyone builds it:
# restore and integrity verification of one Backline backup through the library (FileBench: one thread, with and
# without the stored-checksum pre-pass) against the prototype io.backline.bench.OverlapBench (fetch + stored SHA-256 +
# decrypt + decompress on a producer thread, content SHA-256 + tar extraction on the caller), and against the stock
# pipeline, on JDK 17 and 25, alternating, medians.
#
# Usage:   BENCH_WORK=/dev/shm/backline-overlap bench/overlap.sh          # 1 GiB tree, writes in RAM
#          TREE_SIZE=50M bench/overlap.sh                                  # smoke
# Env:     TREE_SIZE (1G), BENCH_RUNS (3), BENCH_JDKS ("17 25"), BENCH_WORK (default bench/out/overlap-work),
#          plus bench/lib.sh's variables.
# Output:  bench/out/overlap-SIZE-STAMP.{csv,md,summary.csv}.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZE="${TREE_SIZE:-1G}"
RUNS="${BENCH_RUNS:-3}"
JDKS="${BENCH_JDKS:-17 25}"
ensure_jars
ensure_key
TREE="$(TREE_SIZE="$SIZE" "$BENCH_DIR/gen-tree.sh")"
IN_BYTES="$(size_of "$TREE")"
WORK="${BENCH_WORK:-$OUT_DIR/overlap-work}"
rm -rf "$WORK"; mkdir -p "$WORK"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
CSV="$OUT_DIR/overlap-$SIZE-$STAMP.csv"
echo "$CSV_HEADER" >"$CSV"
REPO="$WORK/repo"
STOCK="$WORK/stock.tar.zst.age"
DEST="$WORK/restore"
log "overlap benchmark: $TREE, $RUNS rounds, JDKs $JDKS, load $(cut -d' ' -f1-3 /proc/loadavg)"
ID="$("$JDK25_JAVA" -cp "$BENCH_JAR" io.backline.bench.FileBench backup "$REPO" "$TREE" "$RECIPIENT" zstd:3 | grep -o 'id=[^ ]*' | head -n1 | cut -d= -f2)"
tar -C "$TREE" -cf - . | zstd -3 -T2 -q | age -r "$RECIPIENT" -o "$STOCK"
settle() { sync; sleep 1; }
main_of() { case "$1" in library*) echo io.backline.bench.FileBench ;; *) echo io.backline.bench.OverlapBench ;; esac; }

for run in $(seq 1 "$RUNS"); do
  settle
  measure "$CSV" verify - stock - - "$run" "$IN_BYTES" - "age -d -i '$KEY_FILE' '$STOCK' | zstd -d -q >/dev/null"
  for jdk in $JDKS; do
    java="$(java_for "$jdk")"
    for variant in library overlap; do
      settle
      measure "$CSV" verify - "backline-$variant" "$jdk" default "$run" "$IN_BYTES" - \
        "'$java' -cp '$BENCH_JAR' $(main_of $variant) verify '$REPO' '$ID' '$KEY_FILE'"
    done
  done
  rm -rf "$DEST"; settle
  measure "$CSV" restore - stock - - "$run" "$IN_BYTES" "$DEST" \
    "mkdir -p '$DEST' && age -d -i '$KEY_FILE' '$STOCK' | zstd -d -q | tar -C '$DEST' -xf -"
  for jdk in $JDKS; do
    java="$(java_for "$jdk")"
    for variant in library library-no-precheck overlap; do
      rm -rf "$DEST"; settle
      opt=""; [[ $variant == library-no-precheck ]] && opt="-Dbench.precheck=false"
      measure "$CSV" restore - "backline-$variant" "$jdk" default "$run" "$IN_BYTES" "$DEST" \
        "'$java' $opt -cp '$BENCH_JAR' $(main_of $variant) restore '$REPO' '$ID' '$DEST' '$KEY_FILE'"
      if [[ $run == 1 ]] && ! diff -rq "$TREE" "$DEST" >/dev/null; then
        log "RESTORE MISMATCH: backline-$variant JDK $jdk"
        echo "restore,check,backline-$variant,$jdk,,,,,,,,,,,,0,$(load1),restored tree differs" >>"$CSV"
      fi
    done
  done
done
rm -rf "$WORK"

MD="$OUT_DIR/overlap-$SIZE-$STAMP.md"
"$JDK17_JAVA" -cp "$BENCH_JAR" io.backline.bench.Summarize "$CSV" "$MD.tmp" "$OUT_DIR/overlap-$SIZE-$STAMP.summary.csv" stock
{
  echo "# Two-thread read path prototype (OverlapBench) vs the library (FileBench) vs stock — $SIZE tree, $RUNS rounds"
  echo
  machine_facts
  echo "- work directory: $WORK"
  cat "$MD.tmp"
} >"$MD"
rm -f "$MD.tmp"
log "results: $MD"
cat "$MD"
