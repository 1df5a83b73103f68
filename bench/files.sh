#!/usr/bin/env bash
# bench/files.sh — file-tree backup, restore and integrity verification, side by side (issue 7):
#   Backline through the library API (bench main io.backline.bench.FileBench: JVM start-up reported apart) and through
#   the `backline` CLI jar, on JDK 17 and JDK 25, zstd 3 + age — vs the stock pipeline
#   `tar -cf - | zstd -3 -T2 | age -r R` — vs restic (first backup, unchanged second, 5%-changed third) — vs borg
#   (`borg create --compression zstd,3`, encryption $BORG_ENCRYPTION, default repokey: AES-CTR + HMAC-SHA256).
#   Restore: Backline vs `age -d | zstd -d | tar -x` vs `restic restore` vs `borg extract`.
#   Verify (integrity level): Backline (BackupReader open + read + verify(); CLI `verify --level integrity`) vs
#   `age -d | zstd -d > /dev/null` vs
#   `restic check --read-data` (and `borg check --verify-data` for reference).
#   Every Backline row also runs with -Xmx64m (once by default) to show it passes in 64 MiB of heap, with its peak RSS.
#   backline-aot: the `backline` launcher script (JDK 25 only) with its start-up cache, which the launcher records on a
#   command's first run: an untimed first run per suite records it, then the timed runs use it (default heap only).
#   backline-warm: the library API in a JVM that has run the operation twice before (FileBench -Dbench.warmup=2), what
#   an application that embeds Backline pays once its JIT has warmed up; its × stock is from the in-JVM time.
#
# Runs alternate (each tool once per round, rounds repeated BENCH_RUNS times) and the tables show medians. Every row
# records the 1-minute load average when it started. Each round starts from empty repositories; untimed `sync`
# between runs. The tree is read from the page cache (24 GiB of RAM; nothing drops caches).
#
# Usage:   bench/files.sh                                   # 1 GiB tree, 3 rounds
#          TREE_SIZE=50M BENCH_RUNS=3 bench/files.sh        # smoke run
# Env:     TREE_SIZE (1G), BENCH_RUNS (3), BENCH_JDKS ("17 25"), BENCH_SUITES ("backup restore verify"),
#          BENCH_TOOLS ("stock backline-api backline-cli backline-aot backline-warm restic borg"),
#          BENCH_XMX64 (once|all|none; default once),
#          BORG_ENCRYPTION (repokey), RESTIC_CHANGE_PERCENT (5), BENCH_RESTORE_DIR (where restores go; default
#          bench/out/files-work/restore — set e.g. /dev/shm/backline-restore to take the disk out: on this machine's
#          ext4, writing a tree right after deleting the previous one costs seconds of kernel time that swamp the
#          tools' own cost), BENCH_WORK (work directory for repositories, artifacts and restores; default
#          bench/out/files-work; /dev/shm/… puts all writes in RAM: the comparison is then of CPU and pipeline, not of
#          the disk, and fsync costs nothing), plus bench/lib.sh's variables.
# Secrets: restic reads its password from a 0600 file (RESTIC_PASSWORD_FILE); borg gets its passphrase through
#          BORG_PASSCOMMAND (cat of a 0600 file); age identities are files. Nothing secret is on a command line.
# Output:  bench/out/files-SIZE-STAMP.{csv,md,summary.csv}; logs in bench/out/logs/; work in bench/out/files-work/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZE="${TREE_SIZE:-1G}"
RUNS="${BENCH_RUNS:-3}"
JDKS="${BENCH_JDKS:-17 25}"
SUITES="${BENCH_SUITES:-backup restore verify}"
TOOLS="${BENCH_TOOLS:-stock backline-api backline-cli backline-aot backline-warm restic borg}"
XMX64="${BENCH_XMX64:-once}"
BORG_ENCRYPTION="${BORG_ENCRYPTION:-repokey}"
CHANGE="${RESTIC_CHANGE_PERCENT:-5}"

prepare_tree
WORK="${BENCH_WORK:-$OUT_DIR/files-work}"
rm -rf "$WORK"
mkdir -p "$WORK/secrets"
chmod 700 "$WORK/secrets"
(umask 077 && head -c 24 /dev/urandom | base64 >"$WORK/secrets/restic.pass" && head -c 24 /dev/urandom | base64 >"$WORK/secrets/borg.pass")
export RESTIC_PASSWORD_FILE="$WORK/secrets/restic.pass"
export RESTIC_CACHE_DIR="$WORK/restic-cache"
export BORG_PASSCOMMAND="cat $WORK/secrets/borg.pass"
export BORG_BASE_DIR="$WORK/borg-base"
export BORG_RELOCATED_REPO_ACCESS_IS_OK=yes BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
CSV="$OUT_DIR/files-$SIZE-$STAMP.csv"
echo "$CSV_HEADER" >"$CSV"
log "file benchmark: tree $TREE ($IN_BYTES bytes), $RUNS rounds, JDKs $JDKS, suites $SUITES, tools $TOOLS"
log "load: $(cut -d' ' -f1-3 /proc/loadavg)"

has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }
has_suite() { [[ " $SUITES " == *" $1 "* ]]; }
# before every backup: settle, and read the tree so that each tool finds it in the page cache (lib.sh)
settle_tree() { settle; warm_tree "$TREE"; }
# heaps for a round: the default heap always; -Xmx64m in round 1 (once), every round (all) or never (none)
heaps_for() {
  local run="$1"
  if [[ "$XMX64" == all || ( "$XMX64" == once && "$run" == 1 ) ]]; then echo "default 64m"; else echo "default"; fi
}
heap_opt() { [[ "$1" == 64m ]] && echo "-Xmx64m" || echo ""; }
# the launcher with its start-up cache in $WORK/aot-JDK (backline-aot); only JDKs that have one (25+)
launcher() { echo "BACKLINE_JAVA='$(java_for "$1")' BACKLINE_AOT_DIR='$WORK/aot-$1' '$REPO_ROOT/backline'"; }
has_aot() { has_tool backline-aot && (($1 >= 25)); }
mutate() { "$JDK17_JAVA" -cp "$BENCH_JAR" io.backline.bench.GenTree mutate "$TREE" "$CHANGE" 7 >&2; }
check_same() { # check_same TOOL DIR: the restored tree must equal the source (once per tool)
  if ! diff -rq "$TREE" "$2" >"$WORK/diff.txt" 2>&1; then
    log "RESTORE MISMATCH for $1: $(head -n 3 "$WORK/diff.txt")"
    echo "restore,check,$1,,,,,,,,,,,,,0,$(load1),restored tree differs from the source" >>"$CSV"
  fi
}

STOCK_OUT="$WORK/stock/tree.tar.zst.age"
BL_REPO="" BL_ID="" RESTIC_REPO="$WORK/restic" BORG_REPO_DIR="$WORK/borg"

# ---------------------------------------------------------------------------------------------------- backup
if has_suite backup; then
  for run in $(seq 1 "$RUNS"); do
    if has_tool stock; then
      rm -rf "$WORK/stock"; mkdir -p "$WORK/stock"; settle_tree
      measure "$CSV" backup - stock - - "$run" "$IN_BYTES" "$STOCK_OUT" \
        "tar -C '$TREE' -cf - . | zstd -3 -T2 -q | age -r '$RECIPIENT' -o '$STOCK_OUT'"
    fi
    for jdk in $JDKS; do
      java="$(java_for "$jdk")"
      for heap in $(heaps_for "$run"); do
        if has_tool backline-api; then
          repo="$WORK/bl-api-$jdk-$heap"; rm -rf "$repo"; settle_tree
          measure "$CSV" backup - backline-api "$jdk" "$heap" "$run" "$IN_BYTES" "$repo" \
            "'$java' $(heap_opt "$heap") -cp '$BENCH_JAR' io.backline.bench.FileBench backup '$repo' '$TREE' '$RECIPIENT' zstd:3"
          if [[ "$MEASURED_OK" == 1 && "$heap" == default && ( -z "$BL_REPO" || "$BL_REPO" == "$repo" ) ]]; then
            BL_REPO="$repo"  # the first JDK's repository is what every Backline restore and verify row reads
            BL_ID="$(grep -o 'id=[^ ]*' "$MEASURED_LOG" | head -n1 | cut -d= -f2)"
          fi
          [[ "$repo" != "$BL_REPO" ]] && rm -rf "$repo"
        fi
        if has_tool backline-cli; then
          repo="$WORK/bl-cli-$jdk-$heap"; rm -rf "$repo"; settle_tree
          measure "$CSV" backup - backline-cli "$jdk" "$heap" "$run" "$IN_BYTES" "$repo" \
            "'$java' $(heap_opt "$heap") -jar '$CLI_JAR' backup files bench '$TREE' --repo '$repo' --recipient '$RECIPIENT' --compression zstd:3"
          rm -rf "$repo"
        fi
      done
      if has_aot "$jdk"; then
        repo="$WORK/bl-aot-$jdk"; rm -rf "$repo"
        cmd="$(launcher "$jdk") backup files bench '$TREE' --repo '$repo' --recipient '$RECIPIENT' --compression zstd:3"
        [[ $run == 1 ]] && { bash -c "$cmd" >/dev/null 2>&1; rm -rf "$repo"; }  # records the start-up cache
        settle_tree
        measure "$CSV" backup start-up-cache backline-aot "$jdk" default "$run" "$IN_BYTES" "$repo" "$cmd"
        rm -rf "$repo"
      fi
      if has_tool backline-warm; then
        repo="$WORK/bl-warm-$jdk"; rm -rf "$repo"; settle_tree
        measure "$CSV" backup warm backline-warm "$jdk" default "$run" "$IN_BYTES" - \
          "'$java' -Dbench.warmup=2 -cp '$BENCH_JAR' io.backline.bench.FileBench backup '$repo' '$TREE' '$RECIPIENT' zstd:3"
        rm -rf "$repo"
      fi
    done
    if has_tool restic; then
      rm -rf "$RESTIC_REPO" "$RESTIC_CACHE_DIR"
      restic init --repo "$RESTIC_REPO" -q >/dev/null
      settle_tree
      measure "$CSV" backup first restic - - "$run" "$IN_BYTES" "$RESTIC_REPO" \
        "cd '$TREE' && restic backup --repo '$RESTIC_REPO' --tag first -q ."
      settle_tree
      measure "$CSV" backup second-unchanged restic - - "$run" "$IN_BYTES" "$RESTIC_REPO" \
        "cd '$TREE' && restic backup --repo '$RESTIC_REPO' --tag second -q ."
      mutate; settle_tree
      measure "$CSV" backup "third-${CHANGE}pct-changed" restic - - "$run" "$IN_BYTES" "$RESTIC_REPO" \
        "cd '$TREE' && restic backup --repo '$RESTIC_REPO' --tag third -q ."
      mutate
    fi
    if has_tool borg; then
      rm -rf "$BORG_REPO_DIR" "$BORG_BASE_DIR"
      borg init --encryption="$BORG_ENCRYPTION" "$BORG_REPO_DIR" >/dev/null 2>&1
      settle_tree
      measure "$CSV" backup "$BORG_ENCRYPTION" borg - - "$run" "$IN_BYTES" "$BORG_REPO_DIR" \
        "cd '$TREE' && borg create --compression zstd,3 '$BORG_REPO_DIR::run$run' ."
      BORG_ARCHIVE="run$run"
    fi
  done
fi

# Without a backup suite in this invocation there is nothing to restore or verify from.
if [[ -z "$BL_REPO" ]] && (has_suite restore || has_suite verify) && has_tool backline-api; then
  log "no Backline backup was made in this invocation (include the backup suite); Backline restore/verify skipped"
fi

# ---------------------------------------------------------------------------------------------------- restore
DEST="${BENCH_RESTORE_DIR:-$WORK/restore}"
if has_suite restore; then
  for run in $(seq 1 "$RUNS"); do
    if has_tool stock && [[ -f "$STOCK_OUT" ]]; then
      rm -rf "$DEST"; settle
      measure "$CSV" restore - stock - - "$run" "$IN_BYTES" "$DEST" \
        "mkdir -p '$DEST' && age -d -i '$KEY_FILE' '$STOCK_OUT' | zstd -d -q | tar -C '$DEST' -xf -"
      [[ $run == 1 ]] && check_same stock "$DEST"
    fi
    if [[ -n "$BL_REPO" ]]; then
      for jdk in $JDKS; do
        java="$(java_for "$jdk")"
        for heap in $(heaps_for "$run"); do
          if has_tool backline-api; then
            rm -rf "$DEST"; settle
            measure "$CSV" restore - backline-api "$jdk" "$heap" "$run" "$IN_BYTES" "$DEST" \
              "'$java' $(heap_opt "$heap") -cp '$BENCH_JAR' io.backline.bench.FileBench restore '$BL_REPO' '$BL_ID' '$DEST' '$KEY_FILE'"
            [[ $run == 1 && $heap == default && $jdk == "${JDKS%% *}" ]] && check_same backline-api "$DEST"
          fi
          if has_tool backline-cli; then
            rm -rf "$DEST"; settle
            measure "$CSV" restore - backline-cli "$jdk" "$heap" "$run" "$IN_BYTES" "$DEST" \
              "'$java' $(heap_opt "$heap") -jar '$CLI_JAR' restore '$BL_ID' --repo '$BL_REPO' --to '$DEST' --identity '$KEY_FILE'"
          fi
        done
        if has_aot "$jdk"; then
          cmd="$(launcher "$jdk") restore '$BL_ID' --repo '$BL_REPO' --to '$DEST' --identity '$KEY_FILE'"
          rm -rf "$DEST"
          [[ $run == 1 ]] && bash -c "$cmd" >/dev/null 2>&1  # records the start-up cache
          rm -rf "$DEST"; settle
          measure "$CSV" restore start-up-cache backline-aot "$jdk" default "$run" "$IN_BYTES" "$DEST" "$cmd"
        fi
        if has_tool backline-warm; then
          rm -rf "$DEST"; settle
          measure "$CSV" restore warm backline-warm "$jdk" default "$run" "$IN_BYTES" "$DEST" \
            "'$java' -Dbench.warmup=2 -cp '$BENCH_JAR' io.backline.bench.FileBench restore '$BL_REPO' '$BL_ID' '$DEST' '$KEY_FILE'"
        fi
      done
      if has_tool backline-api && [[ $run == 1 ]]; then
        # what the restorer's verification costs: off, the restore goes straight into the target; on (the default),
        # a restore into a new directory is staged and checked in the same pass
        rm -rf "$DEST"; settle
        measure "$CSV" restore no-precheck backline-api "${JDKS##* }" default "$run" "$IN_BYTES" "$DEST" \
          "'$(java_for "${JDKS##* }")' -Dbench.precheck=false -cp '$BENCH_JAR' io.backline.bench.FileBench restore '$BL_REPO' '$BL_ID' '$DEST' '$KEY_FILE'"
      fi
    fi
    if has_tool restic && [[ -d "$RESTIC_REPO" ]]; then
      rm -rf "$DEST"; settle
      measure "$CSV" restore first restic - - "$run" "$IN_BYTES" "$DEST" \
        "restic restore --repo '$RESTIC_REPO' latest --tag first --target '$DEST' -q"
      [[ $run == 1 ]] && check_same restic "$DEST"
    fi
    if has_tool borg && [[ -d "$BORG_REPO_DIR" ]]; then
      rm -rf "$DEST"; settle
      measure "$CSV" restore "$BORG_ENCRYPTION" borg - - "$run" "$IN_BYTES" "$DEST" \
        "mkdir -p '$DEST' && cd '$DEST' && borg extract '$BORG_REPO_DIR::$BORG_ARCHIVE'"
      [[ $run == 1 ]] && check_same borg "$DEST"
    fi
  done
  rm -rf "$DEST"
fi

# ---------------------------------------------------------------------------------------------------- verify
if has_suite verify; then
  for run in $(seq 1 "$RUNS"); do
    if has_tool stock && [[ -f "$STOCK_OUT" ]]; then
      settle
      measure "$CSV" verify - stock - - "$run" "$IN_BYTES" - \
        "age -d -i '$KEY_FILE' '$STOCK_OUT' | zstd -d -q >/dev/null"
    fi
    if [[ -n "$BL_REPO" ]] && has_tool backline-api; then
      for jdk in $JDKS; do
        java="$(java_for "$jdk")"
        for heap in $(heaps_for "$run"); do
          settle
          measure "$CSV" verify - backline-api "$jdk" "$heap" "$run" "$IN_BYTES" - \
            "'$java' $(heap_opt "$heap") -cp '$BENCH_JAR' io.backline.bench.FileBench verify '$BL_REPO' '$BL_ID' '$KEY_FILE'"
          if has_tool backline-cli; then
            settle
            measure "$CSV" verify - backline-cli "$jdk" "$heap" "$run" "$IN_BYTES" - \
              "'$java' $(heap_opt "$heap") -jar '$CLI_JAR' verify '$BL_ID' --repo '$BL_REPO' --level integrity --identity '$KEY_FILE'"
          fi
        done
        if has_aot "$jdk"; then
          cmd="$(launcher "$jdk") verify '$BL_ID' --repo '$BL_REPO' --level integrity --identity '$KEY_FILE'"
          [[ $run == 1 ]] && bash -c "$cmd" >/dev/null 2>&1  # records the start-up cache
          settle
          measure "$CSV" verify start-up-cache backline-aot "$jdk" default "$run" "$IN_BYTES" - "$cmd"
        fi
        if has_tool backline-warm; then
          settle
          measure "$CSV" verify warm backline-warm "$jdk" default "$run" "$IN_BYTES" - \
            "'$java' -Dbench.warmup=2 -cp '$BENCH_JAR' io.backline.bench.FileBench verify '$BL_REPO' '$BL_ID' '$KEY_FILE'"
        fi
      done
    fi
    if has_tool restic && [[ -d "$RESTIC_REPO" ]]; then
      settle
      measure "$CSV" verify read-data restic - - "$run" "$IN_BYTES" - \
        "restic check --repo '$RESTIC_REPO' --read-data -q"
    fi
    if has_tool borg && [[ -d "$BORG_REPO_DIR" ]]; then
      settle
      measure "$CSV" verify verify-data borg - - "$run" "$IN_BYTES" - \
        "borg check --verify-data '$BORG_REPO_DIR'"
    fi
  done
fi

write_report "$CSV" "$OUT_DIR/files-$SIZE-$STAMP" \
  "# Files: Backline vs stock pipeline, restic, borg — tree of $SIZE ($IN_BYTES bytes), $RUNS alternating rounds (medians)" \
  "- MB/s = tree bytes / wall. Output MiB = artifact or repository size. Peak RSS = the largest single process." \
  "- × stock = median wall / the stock pipeline's median wall in the same suite. borg encryption: $BORG_ENCRYPTION." \
  "- restic: third backup after flipping bytes in ${CHANGE}% of the data (every chunk of those files changes)."
