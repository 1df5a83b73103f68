#!/usr/bin/env bash
# bench/run-all.sh — runs every benchmark in turn, for a full re-run on a quiet machine:
#   JMH stage benchmarks (jmh.sh), age vs the CLI (age-vs-cli.sh), files vs stock/restic/borg (files.sh), the profile
#   by stage (profile.sh) and, with BENCH_DB=1, the database benchmarks (db-gen.sh + db.sh).
# Usage:   bench/run-all.sh                    # full size: 1 GiB tree, 1 GiB age file, 3 rounds
#          BENCH_SMOKE=1 bench/run-all.sh      # 50 MiB tree, 100 MiB age file, short JMH: proves the scripts
# Env:     BENCH_SMOKE (0), BENCH_DB (0), and every variable of the scripts it calls.
# Each script writes its own results into bench/out/ (Markdown + CSV); this one logs to bench/out/run-all-STAMP.log.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOG="$OUT_DIR/run-all-$STAMP.log"
if [[ "${BENCH_SMOKE:-0}" == 1 ]]; then
  export TREE_SIZE="${TREE_SIZE:-50M}" AGE_SIZE="${AGE_SIZE:-100M}" JMH_SIZE_MIB="${JMH_SIZE_MIB:-8}"
  export JMH_OPTS="${JMH_OPTS:--f 1 -wi 1 -w 1s -i 2 -r 1s}" PG_SCALE="${PG_SCALE:-2}" MARIADB_MB="${MARIADB_MB:-20}"
fi
{
  echo "run-all $STAMP smoke=${BENCH_SMOKE:-0} load $(cut -d' ' -f1-3 /proc/loadavg)"
  "$BENCH_DIR/jmh.sh"
  "$BENCH_DIR/age-vs-cli.sh"
  "$BENCH_DIR/files.sh"
  "$BENCH_DIR/profile.sh"
  if [[ "${BENCH_DB:-0}" == 1 ]]; then "$BENCH_DIR/db-gen.sh"; "$BENCH_DIR/db.sh"; fi
  echo "run-all done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$LOG"
