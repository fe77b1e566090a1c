# Finds or makes a PostgreSQL with PostGIS for script/server and script/test. Sourced, not run.
# Order: a URL the caller set; a local PostgreSQL on 127.0.0.1:5432 (installing PostGIS on
# Debian/Ubuntu when run as root); Docker; else say exactly what to install.

pg_host=${CURBSIDE_PG_HOST:-127.0.0.1}
pg_port=${CURBSIDE_PG_PORT:-5432}
pg_user=${CURBSIDE_DATABASE_USER:-postgres}

say() { printf '%s\n' "$*" >&2; }

local_psql() {
  # -w: never prompt for a password (a prompt would hang CI and scripts)
  PGPASSWORD=${CURBSIDE_DATABASE_PASSWORD:-} PGCONNECT_TIMEOUT=3 \
    psql -w -h "$pg_host" -p "$pg_port" -U "$pg_user" -X -q -t -A -v ON_ERROR_STOP=1 "$@"
}

local_postgres_answers() {
  command -v psql >/dev/null 2>&1 && local_psql -d postgres -c 'SELECT 1' >/dev/null 2>&1
}

# A server that accepts connections but not our login is a configuration problem to report,
# not a missing server to install.
refuse_if_login_fails() {
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$pg_host" -p "$pg_port" \
      && ! local_postgres_answers; then
    say "PostgreSQL on $pg_host:$pg_port is running but refused to log in $pg_user:"
    local_psql -d postgres -c 'SELECT 1' 2>&1 | head -2 >&2 || true
    say "Set CURBSIDE_DATABASE_USER and CURBSIDE_DATABASE_PASSWORD (or CURBSIDE_DATABASE_URL / CURBSIDE_TEST_JDBC_URL)."
    exit 1
  fi
}

is_root_on_debian() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

start_local_postgres() {
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | while read -r version cluster _; do
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/dev/null || true
    done
    for _ in $(seq 1 20); do local_postgres_answers && return 0; sleep 0.5; done
  fi
  return 1
}

apt_install() {
  say "Installing $* from the distribution's packages..."
  if [ -z "${CURBSIDE_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    export CURBSIDE_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# Makes sure the local server has PostGIS available, installing it when we may.
ensure_local_postgis() {
  if [ "$(local_psql -d postgres -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")" = 1 ]; then
    return 0
  fi
  if is_root_on_debian; then
    major=$(local_psql -d postgres -c 'SHOW server_version_num' | cut -c1-2)
    # Checked afterwards: this runs inside "if", where set -e does not stop on a failure.
    apt_install "postgresql-$major-postgis-3" || true
    if [ "$(local_psql -d postgres -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")" = 1 ]; then
      return 0
    fi
    say "Installing postgresql-$major-postgis-3 failed; install PostGIS for PostgreSQL $major by hand."
    return 1
  fi
  say "The PostgreSQL on $pg_host:$pg_port has no PostGIS. Install it (Debian/Ubuntu:"
  say "  sudo apt-get install postgresql-\$VERSION-postgis-3), or set CURBSIDE_DATABASE_URL."
  return 1
}

# Sets up a local PostgreSQL with PostGIS; returns 1 when there is none and none can be had.
ensure_local_database() {
  refuse_if_login_fails
  if ! local_postgres_answers; then
    start_local_postgres || true
  fi
  if ! local_postgres_answers && is_root_on_debian && ! command -v pg_lsclusters >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
    start_local_postgres || true
  fi
  local_postgres_answers || return 1
  ensure_local_postgis && ensure_opendata_role
}

# The role the open-data routes connect as (CURBSIDE_OPENDATA_DATABASE_USER): it may log in and
# read the published schema, which the migrations grant it, and nothing else.
ensure_opendata_role() {
  role=${CURBSIDE_OPENDATA_DATABASE_USER:-curbside_opendata}
  if [ "$(local_psql -d postgres -c "SELECT count(*) FROM pg_roles WHERE rolname = '$role'")" = 0 ]; then
    local_psql -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '${CURBSIDE_OPENDATA_DATABASE_PASSWORD:-$role}'"
    say "Created the read-only open-data role $role on $pg_host:$pg_port."
  fi
}

docker_answers() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

no_database() {
  say "Curbside needs PostgreSQL 13+ with PostGIS 3, and none was found. Either:"
  say "  - set CURBSIDE_DATABASE_URL (and CURBSIDE_DATABASE_USER/PASSWORD) to one, or"
  say "  - run PostgreSQL on $pg_host:$pg_port with PostGIS installed (Debian/Ubuntu: apt-get install"
  say "    postgresql postgresql-15-postgis-3; this script does it when run as root), or"
  say "  - start a Docker engine, and docker/compose.yaml provides one."
  exit 1
}

jar=api/target/curbside-api-0.1.0-SNAPSHOT.jar

build_if_needed() {
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml openapi/curbside.yaml ./*/src -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    say "Building Curbside..."
    mvn -B -ntp -q -DskipTests install
  fi
}

# Exports CURBSIDE_DATABASE_URL for the application, creating the local database if needed;
# with only Docker at hand, hands over to docker compose (server only: pass "compose").
use_server_database() {
  if [ -n "${CURBSIDE_DATABASE_URL:-}" ]; then
    export CURBSIDE_OPENDATA_DATABASE_URL=${CURBSIDE_OPENDATA_DATABASE_URL:-$CURBSIDE_DATABASE_URL}
    return 0
  fi
  if ensure_local_database; then
    db=${CURBSIDE_DATABASE_NAME:-curbside}
    if [ "$(local_psql -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 0 ]; then
      local_psql -d postgres -c "CREATE DATABASE $db"
      say "Created database $db on $pg_host:$pg_port."
    fi
    # A database migrated before the role existed has the schema but not the grant V16 makes.
    local_psql -d "$db" -c "DO \$\$ BEGIN IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'opendata') THEN
      GRANT USAGE ON SCHEMA opendata TO $role; GRANT SELECT ON ALL TABLES IN SCHEMA opendata TO $role; END IF; END \$\$"
    export CURBSIDE_DATABASE_URL="jdbc:postgresql://$pg_host:$pg_port/$db"
    export CURBSIDE_DATABASE_USER="$pg_user"
    export CURBSIDE_OPENDATA_DATABASE_URL=${CURBSIDE_OPENDATA_DATABASE_URL:-$CURBSIDE_DATABASE_URL}
  elif [ "${1:-}" = compose ] && docker_answers; then
    say "No local PostgreSQL; starting Curbside and PostGIS with docker compose."
    exec docker compose -f docker/compose.yaml up --build
  else
    no_database
  fi
}
