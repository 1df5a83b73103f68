#!/usr/bin/env bash
# bench/jmh.sh — runs the JMH stage benchmarks (bench/jmh: age encrypt/decrypt, zstd compress levels 1/3 with 0/1
# workers, zstd decompress, SHA-256, tar writing of a tree, LocalStorage put) on JDK 17 and JDK 25 and writes one
# Markdown table with ms/op and MB/s per JDK side by side.
#
# Usage:   bench/jmh.sh                          # every benchmark, 64 MiB per operation
#          JMH_FILTER='Age' bench/jmh.sh         # only the age benchmarks (a JMH regex)
#          JMH_SIZE_MIB=8 JMH_OPTS='-f 1 -wi 1 -w 1s -i 2 -r 1s' bench/jmh.sh   # smoke
# Env:     JMH_FILTER (default: all), JMH_SIZE_MIB (64), BENCH_JDKS ("17 25"),
#          JMH_OPTS (default "-f 1 -wi 3 -w 1s -i 5 -r 1s"), plus bench/lib.sh's variables.
# Output:  bench/out/jmh-STAMP.md and bench/out/jmh-STAMP-jdkN.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

FILTER="${JMH_FILTER:-.*}"
SIZE="${JMH_SIZE_MIB:-64}"
JDKS="${BENCH_JDKS:-17 25}"
OPTS="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
ensure_jars
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
MD="$OUT_DIR/jmh-$STAMP.md"
declare -A LOADS
for jdk in $JDKS; do
  java="$(java_for "$jdk")"
  json="$OUT_DIR/jmh-$STAMP-jdk$jdk.json"
  LOADS[$jdk]="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "JMH on JDK $jdk (load ${LOADS[$jdk]})"
  # shellcheck disable=SC2086
  "$java" -jar "$BENCH_JAR" $OPTS -p sizeMiB="$SIZE" -rf json -rff "$json" "$FILTER" >"$OUT_DIR/jmh-$STAMP-jdk$jdk.log" 2>&1
  LOADS[$jdk]="${LOADS[$jdk]} → $(cut -d' ' -f1-3 /proc/loadavg)"
done

row_key='([.benchmark | sub("io.backline.bench.jmh."; "")] + ((.params // {}) | to_entries | map(select(.key != "sizeMiB")) | map(.key + "=" + .value)) | join(" "))'
{
  echo "# JMH stage benchmarks, $SIZE MiB per operation (JMH options: $OPTS)"
  echo
  machine_facts
  for jdk in $JDKS; do echo "- load average during JDK $jdk: ${LOADS[$jdk]}"; done
  echo "- MB/s = $SIZE MiB of input / (ms/op); ± is JMH's 99.9% error. Single-threaded unless workers=1."
  echo
  printf '| benchmark |'; for jdk in $JDKS; do printf ' JDK %s ms/op | JDK %s MB/s |' "$jdk" "$jdk"; done; echo
  printf '|---|'; for _ in $JDKS; do printf -- '---|---|'; done; echo
  first="${JDKS%% *}"
  jq -r ".[] | $row_key" "$OUT_DIR/jmh-$STAMP-jdk$first.json" | while read -r key; do
    printf '| %s |' "$key"
    for jdk in $JDKS; do
      jq -r --arg k "$key" --argjson mib "$SIZE" ".[] | select(($row_key) == \$k) |
        \" \\(.primaryMetric.score * 10 | round / 10) ± \\(.primaryMetric.scoreError | if type == \"number\" then (. * 10 | round / 10 | tostring) else \"n/a\" end) | \\(\$mib * 1.048576 / (.primaryMetric.score / 1000) | round) |\"" \
        "$OUT_DIR/jmh-$STAMP-jdk$jdk.json" | tr -d '\n'
    done
    echo
  done
} >"$MD"
log "results: $MD"
cat "$MD"
