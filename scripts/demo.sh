#!/usr/bin/env bash
# The README's first command: build marsad, ingest the sample shipped in data/sample (the seed
# article and 37 ANT articles) into a fresh store, and show what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p marsad-cli
marsad=target/release/marsad
data=${MARSAD_DATA:-./marsad-data}
rm -rf "$data"
$marsad --data "$data" ingest data/sample
echo
$marsad --data "$data" stats
echo; echo "\$ marsad search اذربيجان"
$marsad --data "$data" search اذربيجان --limit 3
echo; echo "\$ marsad search '\"قره باغ\"'"
$marsad --data "$data" search '"قره باغ"' --limit 3
echo; echo "\$ marsad search 'الحكومة published:2017 -تونس'"
$marsad --data "$data" search 'الحكومة published:2017 -تونس' --limit 3
