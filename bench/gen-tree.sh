#!/usr/bin/env bash
# bench/gen-tree.sh — generates the deterministic benchmark file tree of issue 7 (io.backline.bench.GenTree):
# about 55% log-like text (compressible), 30% random "media" bytes (incompressible), 20,000 small files of 1–8 KiB in
# nested directories (scaled with the size), the rest in mixed text/binary documents. Fixed seed: the same size gives
# the same bytes, names and modification times on every machine.
#
# Usage:   bench/gen-tree.sh                  # 1 GiB into bench/data/tree-1G
#          TREE_SIZE=50M bench/gen-tree.sh    # a 50 MiB smoke tree into bench/data/tree-50M
# Env:     TREE_SIZE (default 1G; K/M/G suffixes), TREE_SEED (default 42), plus bench/lib.sh's BENCH_DATA.
# Prints:  the tree's path on stdout. Does nothing when the tree is already complete (marker tree-SIZE.done).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZE="${TREE_SIZE:-1G}"
SEED="${TREE_SEED:-42}"
TREE="$DATA_DIR/tree-$SIZE"
if [[ -f "$TREE.done" && -d "$TREE" ]]; then
  echo "$TREE"
  exit 0
fi
ensure_jars
rm -rf "$TREE" "$TREE.done"
log "generating $TREE ($SIZE, seed $SEED)"
"$JDK17_JAVA" -cp "$BENCH_JAR" io.backline.bench.GenTree generate "$TREE" "$SIZE" "$SEED" >&2
echo "seed=$SEED size=$SIZE files=$(find "$TREE" -type f | wc -l) bytes=$(size_of "$TREE")" >"$TREE.done"
echo "$TREE"
