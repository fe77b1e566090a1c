#!/usr/bin/env bash
# script/bench tiles [rows, default 5,000,000]: the vector tiles on the synthetic city of script/bench
# opendata (opendata-city.sql), beside the naive ST_AsMVT over the raw published rows of the same tiles.
# Zooms 10, 12, 14 (cells, from the rollup of V29) and 16 (the requests), a dense area (downtown) and a
# sparse one (a suburb); nine neighbouring tiles each: cold (the first ask of each, after a restart) and
# warm (asked again, from the node's tile cache). Makes the scratch database curbside_bench_tiles
# (CURBSIDE_BENCH_DB names another) and keeps it; CURBSIDE_BENCH_REUSE=1 measures it again without loading.
# The load runs with the rollup's trigger off, then rebuilds the rollup in one statement (timed).
set -euo pipefail
cd "$(dirname "$0")/../.."
source script/lib/database.sh

rows=${1:-5000000}
port=${CURBSIDE_BENCH_PORT:-8099}
heap=${CURBSIDE_BENCH_HEAP:-256m}
db=${CURBSIDE_BENCH_DB:-curbside_bench_tiles}
work=$(mktemp -d)
server=
log_kept=${TMPDIR:-/tmp}/curbside-bench-tiles-server.log
trap 'set +e; [ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null || true; cp "$work/server.log" "$log_kept" 2>/dev/null && echo "Server log: $log_kept" >&2; rm -rf "$work"' EXIT
ensure_local_database || no_database
build_if_needed
url="jdbc:postgresql://$pg_host:$pg_port/$db"
elapsed() { printf '%s s' $(( $(date +%s) - $1 )); }

start_server() {  # start_server MAX-HEAP
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    say "Something already answers on port $port: set CURBSIDE_BENCH_PORT to a free one."; exit 1
  fi
  CURBSIDE_PORT=$port CURBSIDE_DATABASE_URL="$url" CURBSIDE_DATABASE_USER="$pg_user" CURBSIDE_OPENDATA_DATABASE_URL="$url" \
    CURBSIDE_PHOTO_DIR="$work/photos" CURBSIDE_MODE=dev \
    CURBSIDE_RATE_LIMIT_READS_PER_MINUTE=1000000000 CURBSIDE_RATE_LIMIT_WRITES_PER_MINUTE=1000000000 \
    java -Xmx"$1" ${CURBSIDE_JAVA_OPTS:-} -jar "$jar" >> "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
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
  local_psql -d "$db" -c "ALTER TABLE opendata.published_request DISABLE TRIGGER published_request_tile_cell"
  local_psql -d "$db" -v rows="$rows" -v step=before -f $city
  workers=$(nproc)
  for w in $(seq 0 $((workers - 1))); do
    local_psql -d "$db" -v rows="$rows" -v step=load -v worker="$w" -v workers="$workers" -f $city &
  done
  wait
  local_psql -d "$db" -v rows="$rows" -v step=after -f $city
  say "Loaded in $(elapsed $started); building the rollup..."
  started=$(date +%s)
  cells=$(local_psql -d "$db" -c "SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'" \
    -c "SELECT opendata.rebuild_request_tile_cells()" | tail -1)
  local_psql -d "$db" -c "ANALYZE opendata.request_tile_cell" \
    -c "ALTER TABLE opendata.published_request ENABLE TRIGGER published_request_tile_cell"
  say "Rollup of $cells rows built in $(elapsed $started): $(local_psql -d "$db" -c "SELECT pg_size_pretty(pg_total_relation_size('opendata.request_tile_cell'))")."
fi

tile_of() {  # tile_of Z LON LAT: "x y"
  awk -v z="$1" -v lon="$2" -v lat="$3" 'BEGIN { pi = atan2(0, -1); n = 2 ^ z; r = lat * pi / 180;
    printf "%d %d\n", int((lon + 180) / 360 * n), int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / pi) / 2 * n) }'
}
tiles_around() {  # tiles_around Z LON LAT: the nine tiles round the point, "z/x/y" a line
  read -r x y < <(tile_of "$1" "$2" "$3")
  for dx in -1 0 1; do for dy in -1 0 1; do echo "$1/$((x + dx))/$((y + dy))"; done; done
}
stats() {  # stats < milliseconds, one a line: "p50 p95 max"
  sort -n | awk '{ v[NR] = $1 } END { i50 = int((NR - 1) * 0.5) + 1; i95 = int((NR - 1) * 0.95 + 0.999) + 1;
    if (i95 > NR) i95 = NR; printf "%.1f %.1f %.1f", v[i50], v[i95], v[NR] }'
}
ask() {  # ask Z/X/Y: "milliseconds bytes status"
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{time_total} %{size_download} %{http_code}\n' \
    "http://127.0.0.1:$port/tiles/service-requests/$1.mvt" | awk '{ printf "%.2f %d %s\n", $1 * 1000, $2, $3 }'
}
naive() {  # naive Z X Y: milliseconds of ST_AsMVT over the raw live rows of the tile, and the tile's bytes
  local_psql -d "$db" -c '\timing on' -c "SELECT length(ST_AsMVT(t, 'requests', 4096, 'geom')) FROM (
      SELECT ST_AsMVTGeom(ST_Transform(location, 3857), ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS geom,
             tracking_number, service_code, status, received_at, on_time
      FROM opendata.published_request WHERE withdrawn_at IS NULL AND listed
        AND location && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326)) t" \
    | awk '/^Time:/ { ms = $2 } /^[0-9]+$/ { bytes = $1 } END { printf "%.1f %d\n", ms, bytes }'
}

start_server "$heap"
say "Rollup: $(local_psql -d "$db" -c "SELECT count(*) FROM opendata.request_tile_cell") rows for $(local_psql -d "$db" -c "SELECT count(*) FROM opendata.published_request WHERE withdrawn_at IS NULL AND listed") published requests."
printf '\n%-6s %-7s %-24s %-24s %-10s %-24s\n' zoom area "cold p50/p95/max ms" "warm p50/p95/max ms" "max KB gz" "naive ST_AsMVT p50/p95/max ms"
for area in "dense -82.999 39.962" "sparse -83.150 39.920"; do
  read -r name lon lat <<< "$area"
  for z in 10 12 14 16; do
    tiles_around "$z" "$lon" "$lat" > "$work/tiles"
    while read -r t; do ask "$t"; done < "$work/tiles" > "$work/cold"
    for _ in 1 2 3; do while read -r t; do ask "$t"; done < "$work/tiles"; done > "$work/warm"
    while IFS=/ read -r tz tx ty; do naive "$tz" "$tx" "$ty"; done < "$work/tiles" > "$work/naive"
    bad=$(awk '$3 != 200 && $3 != 204' "$work/cold" "$work/warm" | wc -l)
    printf '%-6s %-7s %-24s %-24s %-10s %-24s%s\n' "$z" "$name" "$(cut -d' ' -f1 "$work/cold" | stats)" \
      "$(cut -d' ' -f1 "$work/warm" | stats)" "$(awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m / 1024 }' "$work/cold")" \
      "$(cut -d' ' -f1 "$work/naive" | stats)" "$([ "$bad" = 0 ] || echo "  ($bad answers not 200/204)")"
  done
done
