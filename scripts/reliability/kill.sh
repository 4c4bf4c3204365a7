#!/usr/bin/env bash
# Crash safety by killing: `marsad ingest` of five ANT folders (1,490 articles) SIGKILLed KILLS
# times (default 50) in episodes of five (random moments, a near-duplicate state save, index
# segments in flight), each episode resumed to the end and compared with an uninterrupted run
# (crates/marsad-cli/tests/ingest_kill.rs). Also the full-disk test (an injected EFBIG; with
# root, a 4 MB tmpfs gives a real ENOSPC too).
#
#   scripts/reliability/kill.sh [KILLS] [REPORT_DIR]
#
# SKIP_KILLS=1 runs the full-disk part alone. Writes REPORT_DIR/kills.txt ("survived asked episodes {moment: count}") for report.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
KILLS=${1:-50}
OUT=${2:-target/reliability}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ "${SKIP_KILLS:-0}" != 1 ]; then
  KILLS=$KILLS KILL_REPORT="$OUT/kills.txt" \
    cargo test --release -p marsad-cli --test ingest_kill -- --include-ignored --nocapture 2>&1 |
    grep -E "^(reference|kill|episode|test |[0-9]+ kills)" | tee "$OUT/kills.log"
  cat "$OUT/kills.txt"
fi

# A real full disk, when this machine lets us mount a small tmpfs (root, not in CI containers
# that forbid it): the ingest must fail with a clear line, the store reopen, the rerun finish.
MNT=$(mktemp -d)
if mount -t tmpfs -o size=4m tmpfs "$MNT" 2>/dev/null; then
  trap 'umount "$MNT" 2>/dev/null; rmdir "$MNT"' EXIT
  cargo build --release -p marsad-cli >/dev/null 2>&1
  M=${CARGO_TARGET_DIR:-target}/release/marsad
  ANT=${ANT:-../shared/data/news/ant_v1.1}
  if "$M" --data "$MNT/store" ingest --no-entities "$ANT/politic" "$ANT/economy" >"$OUT/enospc.out" 2>"$OUT/enospc.err"; then
    echo "full disk (tmpfs 4 MB): the ingest did not fail" >&2; exit 1
  fi
  echo "full disk (tmpfs 4 MB): $(grep -m1 'error' "$OUT/enospc.err")"
  # Space freed (the tmpfs grown): the store opens whole, and the rerun completes.
  mount -o remount,size=256m "$MNT"
  "$M" --data "$MNT/store" stats --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["articles"] == s["indexed"], s
print("after the full disk: %d articles, %d indexed" % (s["articles"], s["indexed"]))'
  "$M" --data "$MNT/store" ingest --no-entities "$ANT/politic" "$ANT/economy" | tail -2
  "$M" --data "$MNT/store" stats --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["articles"] == s["indexed"] and s["articles"] > 0, s
print("after the rerun: %d articles, %d indexed" % (s["articles"], s["indexed"]))'
  echo "full disk (tmpfs): clear error, store reopened whole once space was freed, rerun completed" | tee "$OUT/enospc.txt"
else
  rmdir "$MNT"
  echo "full disk (tmpfs): cannot mount here; the injected-EFBIG test above stands in" | tee "$OUT/enospc.txt"
fi
