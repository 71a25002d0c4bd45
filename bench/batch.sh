#!/usr/bin/env bash
# Imports an N-job Indeed feed (default 10,000) into SQLite through POST /job-drafts/batch and
# reports jobs/s and the server's peak RSS. Usage: bench/batch.sh [jobs]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/jobdraft"
dir="$(mktemp -d)"
port=18183
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
python3 bench/feed.py "$n" >"$dir/feed.xml"
RUST_LOG=warn JOBDRAFT_BIND="127.0.0.1:$port" DATABASE_URL="sqlite://$dir/batch.db" "$bin" serve >"$dir/out.txt" 2>"$dir/err.txt" &
pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break; sleep 0.2; done
token="$(grep -o 'jd_pat_[0-9a-f]*' "$dir/out.txt" | head -n 1)"
echo "feed: $n jobs, $(du -h "$dir/feed.xml" | cut -f1); RSS before: $(grep VmRSS /proc/$pid/status | awk '{print $2}') kB"
start=$(date +%s.%N)
curl -sf -X POST "http://127.0.0.1:$port/api/public/v1/job-drafts/batch?reports=false" \
  -H "Authorization: Bearer $token" -H "Content-Type: application/xml" \
  --data-binary @"$dir/feed.xml" -o "$dir/result.json"
end=$(date +%s.%N)
python3 - "$dir/result.json" "$start" "$end" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))["summary"]
secs = float(sys.argv[3]) - float(sys.argv[2])
print(f"summary {summary}; {secs:.2f} s; {summary['total'] / secs:.0f} jobs/s")
PY
echo "server peak RSS: $(grep VmHWM /proc/$pid/status | awk '{print $2}') kB"
