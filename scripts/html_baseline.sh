#!/usr/bin/env bash
# trafilatura's output on the HTML development set, for `marsad eval html --predictions`:
# installs trafilatura (PyPI) in a throwaway virtualenv under target/, never into marsad.
#   bash scripts/html_baseline.sh MANIFEST OUT.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/html-baseline-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "trafilatura==2.3.1" lxml_html_clean
fi
"$venv/bin/python" scripts/html_baseline.py "$1" "$2"
