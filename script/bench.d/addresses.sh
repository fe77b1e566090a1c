#!/usr/bin/env bash
# script/bench addresses [streets each way, default 290: about a million points]: loads synthetic
# address points over the demo city through the real import (script/import addresses, COPY and one
# INSERT ... SELECT), then measures search as you type and reverse geocoding over HTTP, each beside
# the SQL it runs (AddressBench.java). Scratch database curbside_bench_addresses (CURBSIDE_BENCH_DB
# names another), kept afterwards for EXPLAIN; CURBSIDE_BENCH_REUSE=1 measures it again without loading.
set -euo pipefail
cd "$(dirname "$0")/../.."
source script/lib/database.sh

streets=${1:-290}
port=${CURBSIDE_BENCH_PORT:-8099}
heap=${CURBSIDE_BENCH_HEAP:-256m}
db=${CURBSIDE_BENCH_DB:-curbside_bench_addresses}
work=$(mktemp -d)
server=
log_kept=${TMPDIR:-/tmp}/curbside-bench-addresses-server.log
trap 'set +e; [ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null || true; cp "$work/server.log" "$log_kept" 2>/dev/null && echo "Server log: $log_kept" >&2; rm -rf "$work"' EXIT
ensure_local_database || no_database
build_if_needed
url="jdbc:postgresql://$pg_host:$pg_port/$db"
file=${TMPDIR:-/tmp}/curbside-bench-addresses-$streets.csv

start_server() {
  CURBSIDE_PORT=$port CURBSIDE_DATABASE_URL="$url" CURBSIDE_DATABASE_USER="$pg_user" CURBSIDE_OPENDATA_DATABASE_URL="$url" \
    CURBSIDE_PHOTO_DIR="$work/photos" CURBSIDE_MODE=dev CURBSIDE_DEMO_CITY=true CURBSIDE_DEMO_ADDRESSES=false \
    CURBSIDE_RATE_LIMIT_READS_PER_MINUTE=1000000000 CURBSIDE_RATE_LIMIT_WRITES_PER_MINUTE=1000000000 \
    java -Xmx"$heap" ${CURBSIDE_JAVA_OPTS:-} -jar "$jar" >> "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/readiness" && return 0
    kill -0 $server 2>/dev/null || break
    sleep 1
  done
  say "The server did not start:"; tail -30 "$work/server.log" >&2; exit 1
}

loaded=0
if [ "${CURBSIDE_BENCH_REUSE:-}" = 1 ] && [ "$(local_psql -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ]; then
  loaded=$(local_psql -d "$db" -c "SELECT count(*) FROM address")
fi
if [ "$loaded" = 0 ]; then
  local_psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
fi
start_server  # migrates, and loads the demo city (the import tests each point against its boundary)
[ -f "$file" ] || java script/lib/SyntheticAddresses.java api/src/main/resources/demo/jurisdiction.geojson "$file" "$streets"  12
if [ "$loaded" = 0 ]; then
  say "Importing $(($(wc -l < "$file") - 1)) address points ($(du -h "$file" | cut -f1)) with script/import addresses..."
  started=$(date +%s%N)
  CURBSIDE_DATABASE_URL="$url" CURBSIDE_DATABASE_USER="$pg_user" CURBSIDE_OPENDATA_DATABASE_URL="$url" \
    java -Xmx"$heap" -jar "$jar" import addresses "$file" > "$work/import.log" 2>&1 \
    || { tail -30 "$work/import.log" >&2; exit 1; }
  grep -E "Imported|Loaded" "$work/import.log" >&2
  say "Import (JVM start, migration check, read, COPY, INSERT ... SELECT, streets, ANALYZE): $(( ($(date +%s%N) - started) / 1000000 )) ms"
fi
PGPASSWORD=${CURBSIDE_DATABASE_PASSWORD:-} java -cp "$jar" script/bench.d/AddressBench.java "http://127.0.0.1:$port" "$url" \
  "$pg_user" "$file"
