#!/usr/bin/env bash
# Stops what start-test-postgres.sh started (websockify and the throwaway cluster) and removes its
# directory. Safe to call when nothing is running.
set -uo pipefail

STATE_FILE="${PG_TEST_STATE:-${TMPDIR:-/tmp}/flopcast-test-postgres.state}"
log() { echo "[stop-test-postgres] $*" >&2; }

if [[ ! -f "$STATE_FILE" ]]; then
  log "nothing to stop ($STATE_FILE not found)"
  exit 0
fi
# shellcheck disable=SC1090
source "$STATE_FILE"
: "${DIR:?}" "${PG_BIN:?}"

if [[ -f "$DIR/websockify.pid" ]]; then
  pid="$(cat "$DIR/websockify.pid")"
  kill "$pid" 2>/dev/null && log "stopped websockify ($pid)"
fi
if [[ -f "$DIR/data/postmaster.pid" ]]; then
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
  else
    "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
  fi
fi
case "$DIR" in
  */flopcast-pg.*) rm -rf "$DIR" ;;
  *) log "refusing to remove unexpected directory $DIR" ;;
esac
rm -f "$STATE_FILE"
log "done"
