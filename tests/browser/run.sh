#!/usr/bin/env bash
# The browser test: builds marsad, ingests data/sample into a temporary store, serves it on a free
# loopback port and drives the page in headless Chromium (test.mjs). Screenshots go to
# tests/browser/out/; the search page's, the event map's and the timeline's are copied to docs/.
#
# Installs what it needs when missing: chromium and Arabic fonts (apt), playwright-core (npm ci,
# no browser download).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
HERE=tests/browser

if ! command -v chromium >/dev/null 2>&1; then
  echo "run.sh: installing chromium and fonts (apt)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-core
fi
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
  echo "run.sh: npm ci"
  (cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

cargo build --release -p marsad-cli
MARSAD="${CARGO_TARGET_DIR:-target}/release/marsad"

TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

"$MARSAD" --data "$TMP/store" ingest data/sample >"$TMP/ingest.log" 2>&1 || { cat "$TMP/ingest.log"; exit 1; }
"$MARSAD" --data "$TMP/store" report --out "$TMP/report.html" >"$TMP/report.log" 2>&1 || { cat "$TMP/report.log"; exit 1; }

PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
MARSAD_TOKEN=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export MARSAD_TOKEN
"$MARSAD" --data "$TMP/store" serve --addr "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!

status=0
MARSAD_URL="http://127.0.0.1:$PORT" MARSAD_OUT="$HERE/out" MARSAD_REPORT="$TMP/report.html" node "$HERE/test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log"; cat "$TMP/serve.log"
  exit "$status"
fi
# The README's screenshot is refreshed by hand runs, not by CI.
if [ -z "${CI:-}" ]; then
  mkdir -p docs
  cp "$HERE/out/search.png" docs/screenshot-search.png
  cp "$HERE/out/map.png" docs/screenshot-map.png
  cp "$HERE/out/timeline.png" docs/screenshot-timeline.png
fi
echo "run.sh: ok (screenshots in $HERE/out, docs/screenshot-{search,map,timeline}.png)"
