#!/usr/bin/env bash
# A fresh database for one harness run: drop/create (or delete the SQLite file), migrate,
# load the fixture (services, the bench staff user). Env comes from bench/target.toml.
# usage: reset_db.sh VENV_DIR sqlite|postgres
set -euo pipefail
venv="${1:?usage: reset_db.sh VENV_DIR DB}"
db="${2:?usage: reset_db.sh VENV_DIR DB}"
cd "$(dirname "$0")/.."
export BENCH_DB="$db"
state="${BENCH_STATE_DIR:?BENCH_STATE_DIR not set}"
mkdir -p "$state"
case "$db" in
  sqlite)
    f="${BENCH_SQLITE_PATH:-$state/db.sqlite3}"
    rm -f "$f" "$f-wal" "$f-shm" "$f-journal"
    ;;
  postgres)
    pg=(-h "${BENCH_PG_HOST:-127.0.0.1}" -p "${BENCH_PG_PORT:-55432}" -U "${BENCH_PG_USER:-postgres}")
    name="${BENCH_PG_DB:-putright_bench}"
    psql "${pg[@]}" -d postgres -qX -v ON_ERROR_STOP=1 \
      -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" \
      -c "CREATE DATABASE \"$name\""
    ;;
  *) echo "unknown db: $db" >&2; exit 2 ;;
esac
"$venv/bin/python" manage.py migrate --noinput -v 0
"$venv/bin/python" manage.py bench_setup
