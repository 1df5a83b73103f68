#!/usr/bin/env bash
# bench/age-vs-cli.sh — age v1 encryption and decryption of one file: the stock `age` CLI against Backline's
# BackupEncryption (bench main io.backline.bench.AgeFileBench) on JDK 17 and JDK 25.
#
# Same input for everyone: a file of random bytes (bench/data/random-SIZE.bin, generated once with a fixed seed). The
# decryption input is encrypted once by the age CLI, so every decryptor reads the same stock-made file. Runs alternate
# (CLI, JDK 17, JDK 25, CLI, …) so that drifting machine load hits every row alike; outputs go to disk as age -o does,
# with a `sync` between runs (untimed). Each JVM row reports the in-JVM time (op_s) apart from JVM start-up.
# Backline's output is checked once with the CLI (age -d | cmp) and the CLI's with Backline.
#
# Usage:   bench/age-vs-cli.sh                       # 1 GiB, 3 runs
#          AGE_SIZE=100M BENCH_RUNS=3 bench/age-vs-cli.sh   # smoke run
# Env:     AGE_SIZE (default 1G), BENCH_RUNS (default 3), BENCH_JDKS (default "17 25"),
#          AGE_OVERLAP=0 to skip the *-overlap rows (the library's crypto stream on one thread, file read and write
#          on two more threads), plus those of bench/lib.sh (BENCH_DATA, BENCH_OUT, JDK17_JAVA, JDK25_JAVA).
# Output:  bench/out/age-SIZE-STAMP.{csv,md,summary.csv}; logs in bench/out/logs/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZE="${AGE_SIZE:-1G}"
RUNS="${BENCH_RUNS:-3}"
JDKS="${BENCH_JDKS:-17 25}"
OVERLAP="${AGE_OVERLAP:-1}"

ensure_jars
ensure_key
IN="$DATA_DIR/random-$SIZE.bin"
CT="$DATA_DIR/random-$SIZE.bin.age"
if [[ ! -f "$IN" ]]; then
  log "generating $IN"
  "$JDK17_JAVA" -cp "$BENCH_JAR" io.backline.bench.GenTree random "$IN" "$SIZE"
fi
if [[ ! -f "$CT" || "$CT" -ot "$IN" ]]; then
  age -r "$RECIPIENT" -o "$CT" "$IN"
fi
IN_BYTES="$(size_of "$IN")"
WORK="$OUT_DIR/age-work"
mkdir -p "$WORK"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
CSV="$OUT_DIR/age-$SIZE-$STAMP.csv"
echo "$CSV_HEADER" >"$CSV"
log "age benchmark: $SIZE, $RUNS runs, JDKs $JDKS, load $(cut -d' ' -f1-3 /proc/loadavg)"

settle() { rm -f "$WORK"/out.*; sync; sleep 1; }

ops=(encrypt decrypt)
modes=("")
[[ "$OVERLAP" == 1 ]] && modes+=("-overlap")
for run in $(seq 1 "$RUNS"); do
  for op in "${ops[@]}"; do
    settle
    if [[ $op == encrypt ]]; then
      measure "$CSV" age-encrypt - stock - - "$run" "$IN_BYTES" "$WORK/out.age" \
        "age -r '$RECIPIENT' -o '$WORK/out.age' '$IN'"
    else
      measure "$CSV" age-decrypt - stock - - "$run" "$IN_BYTES" "$WORK/out.bin" \
        "age -d -i '$KEY_FILE' -o '$WORK/out.bin' '$CT'"
    fi
    for jdk in $JDKS; do
      for mode in "${modes[@]}"; do
        settle
        java="$(java_for "$jdk")"
        if [[ $op == encrypt ]]; then
          measure "$CSV" age-encrypt - "backline$mode" "$jdk" default "$run" "$IN_BYTES" "$WORK/out.age" \
            "'$java' -cp '$BENCH_JAR' io.backline.bench.AgeFileBench encrypt$mode '$IN' '$WORK/out.age' '$KEY_FILE'"
          if [[ $run == 1 && -z $mode ]]; then
            age -d -i "$KEY_FILE" "$WORK/out.age" | cmp - "$IN" || { log "age CLI does not read Backline's output back"; exit 1; }
          fi
        else
          measure "$CSV" age-decrypt - "backline$mode" "$jdk" default "$run" "$IN_BYTES" "$WORK/out.bin" \
            "'$java' -cp '$BENCH_JAR' io.backline.bench.AgeFileBench decrypt$mode '$CT' '$WORK/out.bin' '$KEY_FILE'"
          if [[ $run == 1 ]]; then
            cmp "$WORK/out.bin" "$IN" || { log "Backline decrypted the CLI's file wrongly"; exit 1; }
          fi
        fi
      done
    done
  done
done
settle

write_report "$CSV" "$OUT_DIR/age-$SIZE-$STAMP" \
  "# age: Backline vs the age CLI, $SIZE of random bytes, $RUNS alternating runs (medians)" \
  "- MB/s = 10^6 bytes of plaintext per second of wall time (JVM start-up included; in-JVM op s excludes it)."
