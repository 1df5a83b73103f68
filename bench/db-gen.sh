#!/usr/bin/env bash
# bench/db-gen.sh — creates the benchmark databases of issue 7, deterministically:
#   PostgreSQL  database $PG_BENCH_DB: `pgbench -i -s $PG_SCALE` (60 ≈ 900 MB) plus a `documents` table with text and
#               jsonb columns (rows scale with PG_SCALE: 200,000 at 60, ≈ 150 MB), random() seeded with setseed().
#   MariaDB     database $MY_BENCH_DB: `orders` and `events` (JSON text) tables, ≈ $MARIADB_MB MB on disk (500: 485
#               MiB, 2,275,000 + 650,000 rows), from the SEQUENCE engine with values hashed from the row number.
# Existing benchmark databases are dropped and recreated. Connection: PostgreSQL on $PGHOST:$PGPORT as $PGUSER (trust
# auth, no password), MariaDB on $MYHOST:$MYPORT as $MYUSER (no password). Nothing else on the servers is touched.
#
# Usage:   bench/db-gen.sh                             # full size (pgbench scale 60, MariaDB ~500 MB)
#          PG_SCALE=2 MARIADB_MB=20 bench/db-gen.sh    # smoke
#          DB_KINDS=pg bench/db-gen.sh                 # only PostgreSQL
# Env:     DB_KINDS ("pg mariadb"), PG_SCALE (60), PG_BENCH_DB (backline_bench), MARIADB_MB (500),
#          MY_BENCH_DB (backline_bench), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres),
#          MYHOST/MYPORT/MYUSER (127.0.0.1/3306/root).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

KINDS="${DB_KINDS:-pg mariadb}"
PG_SCALE="${PG_SCALE:-60}"
PG_BENCH_DB="${PG_BENCH_DB:-backline_bench}"
MARIADB_MB="${MARIADB_MB:-500}"
MY_BENCH_DB="${MY_BENCH_DB:-backline_bench}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
MYHOST="${MYHOST:-127.0.0.1}" MYPORT="${MYPORT:-3306}" MYUSER="${MYUSER:-root}"
my() { mariadb -h "$MYHOST" -P "$MYPORT" -u "$MYUSER" "$@"; }

if [[ " $KINDS " == *" pg "* ]]; then
  rows=$(( 200000 * PG_SCALE / 60 ))
  log "PostgreSQL: $PG_BENCH_DB with pgbench scale $PG_SCALE and $rows documents"
  dropdb --if-exists "$PG_BENCH_DB"
  createdb "$PG_BENCH_DB"
  pgbench -i -q -s "$PG_SCALE" "$PG_BENCH_DB" >&2
  psql -q -v ON_ERROR_STOP=1 -d "$PG_BENCH_DB" <<SQL
SELECT setseed(0.42) \g /dev/null
CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL, body text NOT NULL, attrs jsonb NOT NULL);
INSERT INTO documents
SELECT g,
       'document ' || g || ' ' || md5(g::text),
       repeat('lorem ipsum dolor sit amet ' || (random() * 1000)::int || ' ', 8 + (random() * 16)::int)
         || md5(random()::text) || md5(random()::text),
       jsonb_build_object('customer', (random() * 100000)::int, 'tags',
                          jsonb_build_array('t' || (random() * 50)::int, 't' || (random() * 50)::int),
                          'score', round((random() * 100)::numeric, 2), 'active', random() < 0.8)
FROM generate_series(1, $rows) AS g;
ANALYZE;
SQL
  psql -Atc "SELECT 'size: ' || pg_size_pretty(pg_database_size('$PG_BENCH_DB'))" -d "$PG_BENCH_DB" >&2
fi

if [[ " $KINDS " == *" mariadb "* ]]; then
  # ≈ MARIADB_MB MB on disk, data and indexes (500 gives 485 MiB)
  orders=$(( MARIADB_MB * 4550 ))
  events=$(( MARIADB_MB * 1300 ))
  log "MariaDB: $MY_BENCH_DB with $orders orders and $events events (~$MARIADB_MB MB)"
  my -e "DROP DATABASE IF EXISTS \`$MY_BENCH_DB\`; CREATE DATABASE \`$MY_BENCH_DB\`"
  # Deterministic: every "random" value is u(salt, row), a uniform number in [0, 1) taken from the MD5 of the salt
  # and the row number (plain RAND() draws from the connection's unseeded generator; RAND(N) sequences for
  # different N are visibly correlated), and no value depends on the clock.
  my "$MY_BENCH_DB" >/dev/null <<SQL
CREATE FUNCTION u(salt VARCHAR(8), n BIGINT) RETURNS DOUBLE DETERMINISTIC
  RETURN conv(left(md5(concat(salt, ':', n)), 12), 16, 10) / 281474976710656;
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer INT NOT NULL, created DATETIME NOT NULL,
  amount DECIMAL(12,2) NOT NULL, status VARCHAR(16) NOT NULL, note VARCHAR(255) NOT NULL, KEY (customer)) ENGINE=InnoDB;
CREATE TABLE events (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, kind VARCHAR(32) NOT NULL,
  payload LONGTEXT NOT NULL) ENGINE=InnoDB;
INSERT INTO orders
SELECT seq, floor(u('cust', seq) * 100000), '2026-01-01' + INTERVAL floor(u('time', seq) * 31536000) SECOND,
       round(u('amount', seq) * 1000, 2), elt(1 + floor(u('status', seq) * 4), 'new', 'paid', 'shipped', 'cancelled'),
       concat('order note ', seq, ' ', md5(seq), ' ', repeat('x', floor(u('pad', seq) * 40)))
FROM seq_1_to_$orders;
INSERT INTO events
SELECT seq, 1 + floor(u('order', seq) * $orders), elt(1 + floor(u('kind', seq) * 3), 'created', 'updated', 'shipped'),
       json_object('by', concat('user', floor(u('user', seq) * 500)), 'at', 1767225600 + seq,
                   'items', json_array(floor(u('item1', seq) * 1000), floor(u('item2', seq) * 1000),
                                       floor(u('item3', seq) * 1000)),
                   'comment', repeat(md5(seq), 1 + floor(u('comment', seq) * 4)))
FROM seq_1_to_$events;
DROP FUNCTION u;
ANALYZE TABLE orders, events;
SQL
  my -N -e "SELECT concat('size: ', round(sum(data_length + index_length) / 1048576), ' MiB') FROM information_schema.tables WHERE table_schema = '$MY_BENCH_DB'" >&2
fi
