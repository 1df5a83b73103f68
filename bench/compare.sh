#!/usr/bin/env bash
# bench/compare.sh — what a change bought: the file benchmarks through the bench mains of two builds of Backline,
# alternating with the stock pipeline on the same tree in one run (PERFORMANCE.md's "same machine" tables):
#   backup   FileBench backup (zstd 3, age)           vs `tar -cf - | zstd -3 -T2 | age -r R`
#   restore  FileBench restore (verified, staged)     vs `age -d | zstd -d | tar -x`
#   verify   FileBench verify (integrity)             vs `age -d | zstd -d > /dev/null`
# Each revision's bench jar is built in a temporary git worktree (nothing is installed into ~/.m2); AFTER defaults
# to this work tree's own bench jar (bench/jmh/target/benchmarks.jar, built when missing). Restores and
# verifications of both builds read one reference backup made, untimed, by the AFTER build.
#
# Usage:   bench/compare.sh BEFORE [AFTER]                      # revisions: anything `git rev-parse` takes
#          BENCH_WORK=/dev/shm/backline-compare bench/compare.sh b4dfda6
# Env:     TREE_SIZE (1G), BENCH_RUNS (5), BENCH_JDKS ("17 25"), BENCH_SUITES ("backup restore verify"),
#          BENCH_WORK (default bench/out/compare-work; /dev/shm/… takes the disk out), plus bench/lib.sh's variables.
# Output:  bench/out/compare-SIZE-STAMP.{csv,md}; tools are named backline-REV (REV abbreviated; "worktree" for
#          the work tree), so the table shows both builds beside the stock pipeline with their × stock.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BEFORE="${1:?usage: bench/compare.sh BEFORE [AFTER]}"
AFTER="${2:-worktree}"
SIZE="${TREE_SIZE:-1G}"
RUNS="${BENCH_RUNS:-5}"
JDKS="${BENCH_JDKS:-17 25}"
SUITES="${BENCH_SUITES:-backup restore verify}"
WORK="${BENCH_WORK:-$OUT_DIR/compare-work}"

prepare_tree
rm -rf "$WORK"; mkdir -p "$WORK" "$OUT_DIR/compare"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
CSV="$OUT_DIR/compare-$SIZE-$STAMP.csv"
echo "$CSV_HEADER" >"$CSV"

# jar_of REV: the bench jar of a revision (cached by commit id), or this work tree's for "worktree".
jar_of() {
  if [[ "$1" == worktree ]]; then echo "$BENCH_JAR"; return; fi
  local commit; commit="$(git -C "$REPO_ROOT" rev-parse --short "$1^{commit}")"
  local jar="$OUT_DIR/compare/benchmarks-$commit.jar"
  if [[ ! -f "$jar" ]]; then
    local tree; tree="$(mktemp -d)"
    log "building the bench jar of $1 ($commit)"
    git -C "$REPO_ROOT" worktree add --detach -q "$tree" "$commit"
    (cd "$tree" && mvn -B -q -Pbench -pl bench/jmh -am package -DskipTests) >&2
    cp "$tree/bench/jmh/target/benchmarks.jar" "$jar"
    git -C "$REPO_ROOT" worktree remove --force "$tree"
  fi
  echo "$jar"
}
name_of() { [[ "$1" == worktree ]] && echo worktree || git -C "$REPO_ROOT" rev-parse --short "$1^{commit}"; }

BEFORE_JAR="$(jar_of "$BEFORE")"; BEFORE_NAME="backline-$(name_of "$BEFORE")"
AFTER_JAR="$(jar_of "$AFTER")"; AFTER_NAME="backline-$(name_of "$AFTER")"

# the reference backup both builds restore and verify, and the stock pipeline's artifact
REF_REPO="$WORK/reference"
"$(java_for "${JDKS##* }")" -cp "$AFTER_JAR" io.backline.bench.FileBench backup "$REF_REPO" "$TREE" "$RECIPIENT" \
  zstd:3 >"$WORK/reference.log" 2>&1
REF_ID="$(grep -o 'id=[^ ]*' "$WORK/reference.log" | head -n1 | cut -d= -f2)"
STOCK_AGE="$WORK/stock.tar.zst.age"
tar -C "$TREE" -cf - . | zstd -3 -T2 -q | age -r "$RECIPIENT" >"$STOCK_AGE"
DEST="$WORK/restore"
log "comparing $BEFORE_NAME and $AFTER_NAME on $TREE, $RUNS rounds, JDKs $JDKS, suites $SUITES"

for run in $(seq 1 "$RUNS"); do
  for suite in $SUITES; do
    settle
    case "$suite" in
      backup) warm_tree "$TREE"
              measure "$CSV" backup - stock - - "$run" "$IN_BYTES" "$WORK/stock-run.age" \
                "tar -C '$TREE' -cf - . | zstd -3 -T2 -q | age -r '$RECIPIENT' >'$WORK/stock-run.age'" ;;
      restore) rm -rf "$DEST"; mkdir -p "$DEST"
               measure "$CSV" restore - stock - - "$run" "$IN_BYTES" "$DEST" \
                 "age -d -i '$KEY_FILE' '$STOCK_AGE' | zstd -d -q | tar -C '$DEST' -xf -" ;;
      verify) measure "$CSV" verify - stock - - "$run" "$IN_BYTES" - \
                "age -d -i '$KEY_FILE' '$STOCK_AGE' | zstd -d -q >/dev/null" ;;
    esac
    for jdk in $JDKS; do
      java="$(java_for "$jdk")"
      for side in before after; do
        if [[ "$side" == before ]]; then jar="$BEFORE_JAR"; tool="$BEFORE_NAME"; else jar="$AFTER_JAR"; tool="$AFTER_NAME"; fi
        rm -rf "$DEST" "$WORK/repo"; settle
        if [[ "$suite" == backup ]]; then warm_tree "$TREE"; fi
        case "$suite" in
          backup) measure "$CSV" backup - "$tool" "$jdk" default "$run" "$IN_BYTES" "$WORK/repo" \
                    "'$java' -cp '$jar' io.backline.bench.FileBench backup '$WORK/repo' '$TREE' '$RECIPIENT' zstd:3" ;;
          restore) measure "$CSV" restore - "$tool" "$jdk" default "$run" "$IN_BYTES" "$DEST" \
                     "'$java' -cp '$jar' io.backline.bench.FileBench restore '$REF_REPO' '$REF_ID' '$DEST' '$KEY_FILE'" ;;
          verify) measure "$CSV" verify - "$tool" "$jdk" default "$run" "$IN_BYTES" - \
                    "'$java' -cp '$jar' io.backline.bench.FileBench verify '$REF_REPO' '$REF_ID' '$KEY_FILE'" ;;
        esac
      done
    done
  done
done
rm -rf "$DEST" "$WORK/repo" "$WORK/stock-run.age"

write_report "$CSV" "$OUT_DIR/compare-$SIZE-$STAMP" \
  "# Compare: $BEFORE_NAME ($BEFORE) vs $AFTER_NAME ($AFTER) — tree of $SIZE, $RUNS alternating rounds (medians)" \
  "- × stock = median wall / the stock pipeline's median wall in the same suite."
