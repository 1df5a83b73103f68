#!/usr/bin/env bash
# bench/db.sh — database backup and restore, side by side (issue 7), on the databases of bench/db-gen.sh:
#   PostgreSQL: `pg_dump -Fc -Z0 | zstd -3 -T2 | age -r R`, restore `createdb NEWDB && age -d | zstd -d | pg_restore -d NEWDB`
#   MariaDB:    `mariadb-dump --single-transaction | zstd -3 -T2 | age -r R`, restore likewise into a new database
#   plus the bare dump into /dev/null (the floor: the dump tool alone), alternating, medians of BENCH_RUNS.
#
# Backline rows: PostgresSource / MySqlSource and their targets through the library API (io.backline.bench.DbBench,
# mirroring FileBench) and through the `backline` CLI (`backup db`, `restore --to-db … --mode new`) on JDK 17 and 25:
#     DbBench backup  pg|mariadb REPO RECIPIENT JDBC_URL USER          (password, if any, from BACKLINE_DB_PASSWORD_FILE)
#     DbBench restore pg|mariadb REPO ID IDENTITY_FILE JDBC_URL USER   (CREATE_NEW: the database of JDBC_URL must not
#                                                                      exist; the stock rows create it too, timed:
#                                                                      `createdb NEWDB && age -d … | pg_restore -d NEWDB`)
# printing the same "BENCH op=… op_ms=… ok=…" lines (see Probe); backline_rows() below is the one place to adapt.
# backline-aot rows: the `backline` launcher script on JDK 25 with its start-up cache (recorded by an untimed first run).
#
# Usage:   bench/db-gen.sh && bench/db.sh                        # full size
#          PG_SCALE=2 MARIADB_MB=20 bench/db-gen.sh && BENCH_RUNS=1 bench/db.sh   # smoke
# Env:     DB_KINDS ("pg mariadb"), BENCH_RUNS (3), BENCH_JDKS ("17 25"), BENCH_XMX64 (once|all|none), PG_BENCH_DB,
#          MY_BENCH_DB and the connection variables of bench/db-gen.sh, plus bench/lib.sh's.
# Output:  bench/out/db-STAMP.{csv,md,summary.csv}; restores go to databases named <db>_restore (dropped after).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

KINDS="${DB_KINDS:-pg mariadb}"
RUNS="${BENCH_RUNS:-3}"
JDKS="${BENCH_JDKS:-17 25}"
XMX64="${BENCH_XMX64:-once}"
PG_BENCH_DB="${PG_BENCH_DB:-backline_bench}"
MY_BENCH_DB="${MY_BENCH_DB:-backline_bench}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
MYHOST="${MYHOST:-127.0.0.1}" MYPORT="${MYPORT:-3306}" MYUSER="${MYUSER:-root}"
MYCONN="-h $MYHOST -P $MYPORT -u $MYUSER"

ensure_jars
ensure_key
WORK="$OUT_DIR/db-work"
rm -rf "$WORK"; mkdir -p "$WORK"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
CSV="$OUT_DIR/db-$STAMP.csv"
echo "$CSV_HEADER" >"$CSV"
heaps_for() {
  if [[ "$XMX64" == all || ( "$XMX64" == once && "$1" == 1 ) ]]; then echo "default 64m"; else echo "default"; fi
}

HAVE_DBBENCH=0
if unzip -l "$BENCH_JAR" 2>/dev/null | grep 'io/backline/bench/DbBench.class' >/dev/null; then HAVE_DBBENCH=1; fi
[[ $HAVE_DBBENCH == 0 ]] && log "BACKLINE HOOK: io.backline.bench.DbBench is not in $BENCH_JAR (backup-jdbc not on this branch yet): Backline database rows skipped, stock rows only"

pg_size() { psql -Atc "SELECT pg_database_size('$1')" -d postgres; }
my_size() { mariadb $MYCONN -N -e "SELECT sum(data_length + index_length) FROM information_schema.tables WHERE table_schema = '$1'"; }
pg_gone() { dropdb --if-exists "$1"; }
my_gone() { mariadb $MYCONN -e "DROP DATABASE IF EXISTS \`$1\`"; }

# backline_rows KIND OP RUN IN_BYTES: the Backline rows (library API and `backline` CLI, per JDK and heap). The one
# place to adapt.
backline_rows() {
  local kind="$1" op="$2" run="$3" in_bytes="$4" url user db
  [[ $HAVE_DBBENCH == 1 ]] || return 0
  if [[ $kind == pg ]]; then db="$PG_BENCH_DB"; url="jdbc:postgresql://$PGHOST:$PGPORT/"; user="$PGUSER"
  else db="$MY_BENCH_DB"; url="jdbc:mariadb://$MYHOST:$MYPORT/"; user="$MYUSER"; fi
  for jdk in $JDKS; do
    local java; java="$(java_for "$jdk")"
    for heap in $(heaps_for "$run"); do
      local hopt=""; [[ $heap == 64m ]] && hopt="-Xmx64m"
      if [[ $op == backup ]]; then
        local repo="$WORK/bl-$kind-$jdk-$heap"; rm -rf "$repo"; settle
        measure "$CSV" "$kind-backup" - backline-api "$jdk" "$heap" "$run" "$in_bytes" "$repo" \
          "'$java' $hopt -cp '$BENCH_JAR' io.backline.bench.DbBench backup $kind '$repo' '$RECIPIENT' '$url$db' '$user'"
        if [[ $MEASURED_OK == 1 && $heap == default ]]; then
          BL_REPO[$kind]="$repo"; BL_ID[$kind]="$(grep -o 'id=[^ ]*' "$MEASURED_LOG" | head -n1 | cut -d= -f2)"
        fi
        local cli_repo="$WORK/cli-$kind-$jdk-$heap"; rm -rf "$cli_repo"; settle
        measure "$CSV" "$kind-backup" - backline-cli "$jdk" "$heap" "$run" "$in_bytes" "$cli_repo" \
          "'$java' $hopt -jar '$CLI_JAR' backup db bench-$kind '$url$db?user=$user' --repo '$cli_repo' --recipient '$RECIPIENT'"
      elif [[ -n "${BL_REPO[$kind]:-}" ]]; then
        # Backline restores with RestoreMode.CREATE_NEW: it creates the database itself (inside the timed run), and
        # the restore is staged (checked in one pass, the new database dropped if a check fails)
        if [[ $kind == pg ]]; then pg_gone "${db}_restore"; else my_gone "${db}_restore"; fi
        settle
        measure "$CSV" "$kind-restore" - backline-api "$jdk" "$heap" "$run" "$in_bytes" - \
          "'$java' $hopt -cp '$BENCH_JAR' io.backline.bench.DbBench restore $kind '${BL_REPO[$kind]}' '${BL_ID[$kind]}' '$KEY_FILE' '$url${db}_restore' '$user'"
        if [[ $kind == pg ]]; then pg_gone "${db}_restore"; else my_gone "${db}_restore"; fi
        settle
        measure "$CSV" "$kind-restore" - backline-cli "$jdk" "$heap" "$run" "$in_bytes" - \
          "'$java' $hopt -jar '$CLI_JAR' restore '${BL_ID[$kind]}' --repo '${BL_REPO[$kind]}' --to-db '$url${db}_restore?user=$user' --mode new --identity '$KEY_FILE'"
      fi
    done
    # the `backline` launcher with its start-up cache (JDK 25+), recorded by an untimed first run in round 1
    ((jdk >= 25)) || continue
    local launcher="BACKLINE_JAVA='$java' BACKLINE_AOT_DIR='$WORK/aot-$jdk' '$REPO_ROOT/backline'" cmd
    if [[ $op == backup ]]; then
      local aot_repo="$WORK/aot-$kind-$jdk"
      cmd="$launcher backup db bench-$kind '$url$db?user=$user' --repo '$aot_repo' --recipient '$RECIPIENT'"
      rm -rf "$aot_repo"
      [[ $run == 1 ]] && { bash -c "$cmd" >/dev/null 2>&1; rm -rf "$aot_repo"; }
      settle
      measure "$CSV" "$kind-backup" start-up-cache backline-aot "$jdk" default "$run" "$in_bytes" "$aot_repo" "$cmd"
      rm -rf "$aot_repo"
    elif [[ -n "${BL_REPO[$kind]:-}" ]]; then
      cmd="$launcher restore '${BL_ID[$kind]}' --repo '${BL_REPO[$kind]}' --to-db '$url${db}_restore?user=$user' --mode new --identity '$KEY_FILE'"
      if [[ $kind == pg ]]; then pg_gone "${db}_restore"; else my_gone "${db}_restore"; fi
      [[ $run == 1 ]] && bash -c "$cmd" >/dev/null 2>&1
      if [[ $kind == pg ]]; then pg_gone "${db}_restore"; else my_gone "${db}_restore"; fi
      settle
      measure "$CSV" "$kind-restore" start-up-cache backline-aot "$jdk" default "$run" "$in_bytes" - "$cmd"
    fi
  done
}
declare -A BL_REPO BL_ID

for kind in $KINDS; do
  if [[ $kind == pg ]]; then
    db="$PG_BENCH_DB"; in_bytes="$(pg_size "$db")"
    dump="pg_dump -Fc -Z0 '$db'"
    restore_into="createdb '${db}_restore' && age -d -i '$KEY_FILE' '$WORK/$kind.dump.zst.age' | zstd -d -q | pg_restore --no-owner -d '${db}_restore'"
    gone() { pg_gone "${PG_BENCH_DB}_restore"; }
  else
    db="$MY_BENCH_DB"; in_bytes="$(my_size "$db")"
    dump="mariadb-dump $MYCONN --single-transaction '$db'"
    restore_into="mariadb $MYCONN -e 'CREATE DATABASE \`${db}_restore\`' && age -d -i '$KEY_FILE' '$WORK/$kind.dump.zst.age' | zstd -d -q | mariadb $MYCONN '${db}_restore'"
    gone() { my_gone "${MY_BENCH_DB}_restore"; }
  fi
  out="$WORK/$kind.dump.zst.age"
  log "$kind: database $db, $in_bytes bytes on disk, $RUNS rounds"
  for run in $(seq 1 "$RUNS"); do
    settle
    measure "$CSV" "$kind-backup" dump-only floor - - "$run" "$in_bytes" - "$dump >/dev/null"
    settle
    measure "$CSV" "$kind-backup" - stock - - "$run" "$in_bytes" "$out" "$dump | zstd -3 -T2 -q | age -r '$RECIPIENT' -o '$out'"
    backline_rows "$kind" backup "$run" "$in_bytes"
  done
  for run in $(seq 1 "$RUNS"); do
    gone; settle
    measure "$CSV" "$kind-restore" - stock - - "$run" "$in_bytes" - "$restore_into"
    if [[ $run == 1 ]]; then  # the restored copy must hold what the source holds
      if [[ $kind == pg ]]; then q="SELECT (SELECT count(*) FROM pgbench_accounts) || '/' || (SELECT count(*) FROM documents)"
        a="$(psql -Atc "$q" -d "$db")"; b="$(psql -Atc "$q" -d "${db}_restore")"
      else q="SELECT concat((SELECT count(*) FROM orders), '/', (SELECT count(*) FROM events))"
        a="$(mariadb $MYCONN -N -e "$q" "$db")"; b="$(mariadb $MYCONN -N -e "$q" "${db}_restore")"; fi
      [[ "$a" == "$b" ]] || { log "RESTORE MISMATCH ($kind): source $a rows, restored $b"; echo "$kind-restore,check,stock,,,,,,,,,,,,,0,$(load1),row counts differ" >>"$CSV"; }
    fi
    backline_rows "$kind" restore "$run" "$in_bytes"
  done
  if [[ $kind == pg ]]; then dropdb --if-exists "${db}_restore"; else mariadb $MYCONN -e "DROP DATABASE IF EXISTS \`${db}_restore\`"; fi
done

notes=("- PostgreSQL $(psql -Atc 'SHOW server_version' -d postgres), MariaDB $(mariadb $MYCONN -N -e 'SELECT version()')"
  "- MB/s = database size on disk / wall. 'floor' = the dump tool alone into /dev/null.")
[[ $HAVE_DBBENCH == 0 ]] && notes+=("- Backline rows: not measured (benchmarks.jar lacks io.backline.bench.DbBench).")
write_report "$CSV" "$OUT_DIR/db-$STAMP" "# Databases: Backline vs the stock dump pipelines, $RUNS alternating rounds (medians)" \
  "${notes[@]}"
