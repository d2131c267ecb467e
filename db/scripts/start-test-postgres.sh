#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 and a WebSocket-to-TCP proxy (Debian websockify)
# in front of it, so tests can reach a real server through the Neon serverless driver.
# Prints the environment to use on stdout (logs go to stderr), e.g.:
#   eval "$(db/scripts/start-test-postgres.sh)"      # exports PG_TEST_URL, PG_WS_PROXY, PG_TEST_DIR
#   ... run tests ...
#   db/scripts/stop-test-postgres.sh
# Settings (env): PG_TEST_PORT (54329), PG_WS_PORT (54330), PG_TEST_DB (flopcast_test).
# Needs: postgresql server binaries (apt-get install -y postgresql) and websockify (apt-get install -y websockify).
set -euo pipefail

PG_PORT="${PG_TEST_PORT:-54329}"
WS_PORT="${PG_WS_PORT:-54330}"
DB_NAME="${PG_TEST_DB:-flopcast_test}"
STATE_FILE="${PG_TEST_STATE:-${TMPDIR:-/tmp}/flopcast-test-postgres.state}"

log() { echo "[start-test-postgres] $*" >&2; }
die() { log "error: $*"; exit 1; }

# Server binaries: newest installed major under /usr/lib/postgresql, or pg_config's bindir.
PG_BIN="${PG_BIN:-}"
if [[ -z "$PG_BIN" ]]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/postgres" && -x "$d/initdb" ]]; then PG_BIN="$d"; break; fi
  done
fi
[[ -n "$PG_BIN" && -x "$PG_BIN/postgres" ]] || die "PostgreSQL server binaries not found (apt-get install -y postgresql)"
command -v websockify >/dev/null || die "websockify not found (apt-get install -y websockify)"
command -v psql >/dev/null || die "psql not found (apt-get install -y postgresql-client)"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$PG_PORT" && die "127.0.0.1:$PG_PORT is already in use (a cluster already running? run stop-test-postgres.sh)"
port_busy "$WS_PORT" && die "127.0.0.1:$WS_PORT is already in use"

# The cluster must not run as root: as root, run the server as the `postgres` user.
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server"
  as_pg() { runuser -u postgres -- "$@"; }
  OWNER=postgres
else
  as_pg() { "$@"; }
  OWNER="$(id -un)"
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/flopcast-pg.XXXXXX")"
chmod 755 "$DIR"
PASSWORD="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$PASSWORD" > "$DIR/pwfile"
chown "$OWNER" "$DIR" "$DIR/pwfile"
chmod 600 "$DIR/pwfile"
printf 'DIR=%q\nPG_BIN=%q\n' "$DIR" "$PG_BIN" > "$STATE_FILE"

log "initdb ($PG_BIN) in $DIR/data"
as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
rm -f "$DIR/pwfile"

log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2 || { cat "$DIR/postgres.log" >&2; die "PostgreSQL did not start"; }

PGPASSWORD="$PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt \
  -c "CREATE DATABASE $DB_NAME" >&2 || die "could not create database $DB_NAME"

log "starting websockify 127.0.0.1:$WS_PORT -> 127.0.0.1:$PG_PORT"
setsid websockify "127.0.0.1:$WS_PORT" "127.0.0.1:$PG_PORT" >"$DIR/websockify.log" 2>&1 < /dev/null &
echo $! > "$DIR/websockify.pid"
for _ in $(seq 1 50); do
  port_busy "$WS_PORT" && break
  sleep 0.1
done
port_busy "$WS_PORT" || { cat "$DIR/websockify.log" >&2; die "websockify did not start"; }

echo "export PG_TEST_DIR=$DIR"
echo "export PG_TEST_URL=postgres://postgres:$PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
echo "export PG_WS_PROXY=127.0.0.1:$WS_PORT"
log "ready (stop with db/scripts/stop-test-postgres.sh)"
