#!/usr/bin/env bash
# Load test: create-over-HTTP throughput and latency on SQLite, against the same server's
# trivial JSON route (/livez), at 64 concurrent connections. Needs `wrk` (apt-get install wrk).
# Usage: bench/load.sh [seconds]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/jobdraft"
dir="$(mktemp -d)"
port=18181
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
RUST_LOG=warn JOBDRAFT_BIND="127.0.0.1:$port" DATABASE_URL="sqlite://$dir/load.db" \
  "$bin" serve >"$dir/out.txt" 2>"$dir/err.txt" &
pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break; sleep 0.2; done
export JOBDRAFT_TOKEN="$(grep -o 'jd_pat_[0-9a-f]*' "$dir/out.txt" | head -n 1)"
echo "== trivial JSON route: GET /livez, 64 connections, ${secs}s"
wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port/livez" | grep -E "Requests/sec|50%|99%|Latency "
echo "== create: POST /api/public/v1/job-drafts (2 KB text), 64 connections, ${secs}s"
wrk -t2 -c64 -d"${secs}s" --latency -s bench/create.lua "http://127.0.0.1:$port/api/public/v1/job-drafts" | grep -E "Requests/sec|50%|99%|Latency |Non-2xx"
echo "== server peak RSS (kB): $(grep VmHWM /proc/$pid/status | awk '{print $2}')"
