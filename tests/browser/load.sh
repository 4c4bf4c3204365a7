#!/usr/bin/env bash
# Load test of GET /api/search: wrk on loopback, 64 connections for 30 s (bounded), queries from
# data/bench/search_queries.txt in turn, latency percentiles (p50 … p99) from wrk --latency.
#
#   tests/browser/load.sh [STORE_DIR]
#
# Without STORE_DIR, the ANT corpus (/work/shared/data/news/ant_v1.1, or $ANT) is ingested into a
# temporary store first (with entities; NO_ENTITIES=1 adds --no-entities). Knobs: CONNECTIONS
# (64), DURATION (30s), THREADS (2), FACETS (0; 1 asks for facets on every search).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-2}
FACETS=${FACETS:-0}
ANT=${ANT:-/work/shared/data/news/ant_v1.1}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk
fi

TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

cargo build --release -p marsad-cli
MARSAD=target/release/marsad
STORE=${1:-}
if [ -z "$STORE" ]; then
  STORE="$TMP/store"
  echo "load.sh: ingesting $ANT${NO_ENTITIES:+ (--no-entities)}"
  "$MARSAD" --data "$STORE" ingest ${NO_ENTITIES:+--no-entities} "$ANT" >"$TMP/ingest.log" 2>&1 || { tail "$TMP/ingest.log"; exit 1; }
  tail -2 "$TMP/ingest.log"
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$MARSAD" --data "$STORE" serve --rate-limit 0 --addr "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.25
done
curl -fsS "http://127.0.0.1:$PORT/api/health"; echo

# The queries, percent-encoded, as a Lua table.
{
  echo "local paths = {"
  grep -v '^#' data/bench/search_queries.txt | grep -v '^[[:space:]]*$' | python3 -c '
import sys, urllib.parse
facets = sys.argv[1]
for q in sys.stdin.read().splitlines():
    print("  \"/api/search?limit=10&facets=%s&q=%s\"," % (facets, urllib.parse.quote(q, safe="")))
' "$FACETS"
  cat <<'EOF'
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx (wrk): %d; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
EOF
} >"$TMP/search.lua"

echo "load.sh: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (GET /api/search, facets=$FACETS) on $(nproc) cores"
timeout 300 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$TMP/search.lua" "http://127.0.0.1:$PORT"
