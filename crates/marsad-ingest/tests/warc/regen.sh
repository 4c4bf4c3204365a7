#!/usr/bin/env bash
# Writes the Arabic test WARC again with warcio (PyPI) in a throwaway venv under target/:
#   bash crates/marsad-ingest/tests/warc/regen.sh [OUT]   (default: the committed fixture)
# .ci/run writes it to target/ and points the ignored test `warcio_fresh` at it.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
out=${1:-crates/marsad-ingest/tests/fixtures/warcio_ar.warc.gz}
venv=target/warcio-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import warcio" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "warcio==1.8.1"
fi
mkdir -p "$(dirname "$out")"
"$venv/bin/python" crates/marsad-ingest/tests/warc/make_warc.py "$out"
