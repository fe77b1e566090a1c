#!/usr/bin/env bash
# script/bench opendata [rows, default 5,000,000]: the open-data routes on a synthetic city, each
# beside the SQL it is built on (OpenDataBench.java), in one table. Makes the scratch database
# curbside_bench_opendata (CURBSIDE_BENCH_DB names another; the server migrates it), loads the city
# (opendata-city.sql, one session per core), then starts the server with a small heap and measures.
# The database is kept for EXPLAIN afterwards; CURBSIDE_BENCH_REUSE=1 measures it again without
# loading. Two branches with different migrations each need their own database (and port).
set -euo pipefail
cd "$(dirname "$0")/../.."
source script/lib/database.sh

rows=${1:-5000000}
port=${CURBSIDE_BENCH_PORT:-8098}
heap=${CURBSIDE_BENCH_HEAP:-256m}
db=${CURBSIDE_BENCH_DB:-curbside_bench_opendata}
work=$(mktemp -d)
server=
# The server's log outlives the run (a download cut mid-stream says why only there).
log_kept=${TMPDIR:-/tmp}/curbside-bench-opendata-server.log
trap 'set +e; [ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null || true; cp "$work/server.log" "$log_kept" 2>/dev/null && echo "Server log: $log_kept" >&2; rm -rf "$work"' EXIT
ensure_local_database || no_database
build_if_needed
url="jdbc:postgresql://$pg_host:$pg_port/$db"
elapsed() { printf '%s s' $(( $(date +%s) - $1 )); }

start_server() {  # start_server MAX-HEAP
  CURBSIDE_PORT=$port CURBSIDE_DATABASE_URL="$url" CURBSIDE_DATABASE_USER="$pg_user" CURBSIDE_OPENDATA_DATABASE_URL="$url" \
    CURBSIDE_PHOTO_DIR="$work/photos" CURBSIDE_MODE=dev \
    CURBSIDE_RATE_LIMIT_READS_PER_MINUTE=1000000000 CURBSIDE_RATE_LIMIT_WRITES_PER_MINUTE=1000000000 \
    java -Xmx"$1" ${CURBSIDE_JAVA_OPTS:-} -jar "$jar" >> "$work/server.log" 2>&1 &
  server=$!
  # Up to 15 minutes: the first start on a database loaded by an older build migrates it, and V29 builds the
  # tiles' rollup of every published row (about 5 minutes on 5 M).
  for _ in $(seq 1 900); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/readiness" && return 0
    kill -0 $server 2>/dev/null || break
    sleep 1
  done
  say "The server did not start:"; tail -30 "$work/server.log" >&2; exit 1
}
stop_server() { kill $server; wait $server 2>/dev/null || true; server=; }

loaded=0
if [ "${CURBSIDE_BENCH_REUSE:-}" = 1 ] && [ "$(local_psql -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ]; then
  loaded=$(local_psql -d "$db" -c "SELECT count(*) FROM opendata.published_request")
fi
if [ "$loaded" = 0 ]; then
  local_psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  started=$(date +%s)
  start_server 512m  # Flyway migrates the empty database
  stop_server
  say "Migrated in $(elapsed $started); loading $rows published requests..."
  started=$(date +%s)
  city=script/bench.d/opendata-city.sql
  local_psql -d "$db" -v rows="$rows" -v step=before -f $city
  workers=$(nproc)
  for w in $(seq 0 $((workers - 1))); do
    local_psql -d "$db" -v rows="$rows" -v step=load -v worker="$w" -v workers="$workers" -f $city &
  done
  wait
  say "Rows written in $(elapsed $started); building the indexes..."
  local_psql -d "$db" -v rows="$rows" -v step=after -f $city
  say "Loaded in $(elapsed $started): $(local_psql -d "$db" -c "SELECT pg_size_pretty(pg_total_relation_size('opendata.published_request'))") with its indexes."
fi
start_server "$heap"
PGPASSWORD=${CURBSIDE_DATABASE_PASSWORD:-} java -cp "$jar" script/bench.d/OpenDataBench.java "http://127.0.0.1:$port" "$url" \
  "${CURBSIDE_OPENDATA_DATABASE_USER:-curbside_opendata}" "${CURBSIDE_OPENDATA_DATABASE_PASSWORD:-curbside_opendata}" \
  "$pg_user" "$server" "$heap"
