#!/usr/bin/env bash
# Load test: create-over-HTTP throughput and latency against the same server's trivial JSON route
# (/livez), at 64 concurrent connections. Needs `wrk` (apt-get install wrk).
# Usage: bench/load.sh [seconds] [sqlite|postgres]   (default 20 s, SQLite)
#   postgres: a throwaway database `jobdraft_load` on $PG_SERVER (default
#   postgres://postgres@127.0.0.1:5432), dropped and created again on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
backend="${2:-sqlite}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/jobdraft"
dir="$(mktemp -d)"
port=18181
case "$backend" in
  sqlite) db="sqlite://$dir/load.db" ;;
  postgres)
    server="${PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
    psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS jobdraft_load" -c "CREATE DATABASE jobdraft_load"
    db="$server/jobdraft_load" ;;
  *) echo "backend must be sqlite or postgres" >&2; exit 2 ;;
esac
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
RUST_LOG=warn JOBDRAFT_BIND="127.0.0.1:$port" DATABASE_URL="$db" \
  "$bin" serve >"$dir/out.txt" 2>"$dir/err.txt" &
pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break; sleep 0.2; done
export JOBDRAFT_TOKEN="$(grep -o 'jd_pat_[0-9a-f]*' "$dir/out.txt" | head -n 1)"
echo "== $backend: trivial JSON route: GET /livez, 64 connections, ${secs}s"
wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port/livez" | grep -E "Requests/sec|50%|99%|Latency "
echo "== $backend: create: POST /api/public/v1/job-drafts (2 KB text), 64 connections, ${secs}s"
wrk -t2 -c64 -d"${secs}s" --latency -s bench/create.lua "http://127.0.0.1:$port/api/public/v1/job-drafts" | grep -E "Requests/sec|50%|99%|Latency |Non-2xx"
echo "== server peak RSS (kB): $(grep VmHWM /proc/$pid/status | awk '{print $2}')"
