#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for SECONDS each (stable Rust: `-s none`), on a working
# corpus under the target directory seeded from fuzz/seeds/TARGET and the fixtures in
# fuzz/fixtures.txt (kept between runs, so a long campaign goes on from the last), with the
# target's dictionary. Records executions and crashes per target in REPORT_DIR/fuzz-LABEL.tsv
# and, for a LABEL starting with `campaign`, in the ledger fuzz/campaign.tsv (commit it: the
# README's per-target totals are its sums, scripts/reliability/report.sh). Exits 1 if any target
# crashed (its input is in fuzz/artifacts/TARGET: fix the bug, then move the input to
# fuzz/regressions/TARGET so `cargo test` replays it).
#
#   scripts/reliability/fuzz.sh SECONDS [LABEL] [REPORT_DIR]     # CI: 15 ci; campaign: 1800 campaign
#
# JOBS=2 runs two targets at a time; TARGETS="read_html query" picks some; FUZZ_FLAGS adds flags
# to cargo fuzz's build and run (FUZZ_FLAGS=--no-trace-compares: ~3x the runs/s of the HTML
# reader, with coarser guidance past comparisons).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECS=${1:-15}
LABEL=${2:-ci}
OUT=${3:-target/reliability}
JOBS=${JOBS:-1}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/fuzz}
WORK=$CARGO_TARGET_DIR/work
cd fuzz
cargo fuzz build -s none -O ${FUZZ_FLAGS:-} >/dev/null
TARGETS=${TARGETS:-$(cargo fuzz list)}

seed() { # $1 target: seeds and fixtures into the working corpus
  local t=$1 dir=$WORK/corpus/$1
  mkdir -p "$dir"
  cp -f seeds/"$t"/* "$dir"/ 2>/dev/null || true
  grep -v '^#' fixtures.txt | while read -r name path; do
    [ "$name" = "$t" ] || continue
    if [ -d "$ROOT/$path" ]; then cp -f "$ROOT/$path"/* "$dir"/; else cp -f "$ROOT/$path" "$dir"/; fi
  done
}

failures() { # $1 target → inputs libFuzzer saved as failures (a slow-unit-* is only a report)
  ls "artifacts/$1" | grep -cE '^(crash|timeout|oom|leak)-' || true
}

run_one() { # $1 target → one TSV line
  local t=$1 dict=text.dict log=$WORK/$1.$LABEL.log
  case $t in read_*) dict=markup.dict ;; esac
  seed "$t"
  mkdir -p "artifacts/$t"
  local before after rc=0
  before=$(failures "$t")
  cargo fuzz run "$t" -s none -O ${FUZZ_FLAGS:-} "$WORK/corpus/$t" -- \
    -max_total_time="$SECS" -dict="dict/$dict" -print_final_stats=1 \
    -timeout=30 -rss_limit_mb=3072 -max_len=65536 -close_fd_mask=3 >"$log" 2>&1 || rc=$?
  after=$(failures "$t")
  local execs
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$t" "$SECS" "${execs:-0}" "$((after - before))" "$rc"
}

TSV=$OUT/fuzz-$LABEL.tsv
printf 'target\tseconds\texecutions\tcrashes\texit\n' >"$TSV"
mkdir -p "$WORK"
export -f seed failures run_one
export WORK LABEL SECS ROOT
printf '%s\n' $TARGETS | xargs -P "$JOBS" -I{} bash -c 'run_one {}' >>"$TSV"
column -t "$TSV"
# A campaign run goes into the ledger the README's totals are summed from (report.sh).
case $LABEL in campaign*)
  awk -F'\t' -v d="$(date -u +%F)" -v l="$LABEL" -v f="${FUZZ_FLAGS:-}" 'NR > 1 {
    print d "\t" l "\t" $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" f "\t" }' "$TSV" >>"$ROOT/fuzz/campaign.tsv"
esac
if awk -F'\t' 'NR > 1 && ($4 > 0 || $5 != 0) { bad = 1 } END { exit !bad }' "$TSV"; then
  echo "fuzz: a target crashed; inputs in fuzz/artifacts/ (see the logs in $WORK)" >&2
  exit 1
fi
