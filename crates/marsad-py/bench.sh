#!/usr/bin/env bash
# The Spark job's scale bench: local[1] against local[2] on one input, one marsad thread per task.
#   bash crates/marsad-py/bench.sh INPUT… (after ci.sh --spark has built the venv)
# Prints one JSON report per master (documents/s, stage times, peak memory) and the speed-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/py-venv
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$PWD/$venv/bin/python" PYSPARK_DRIVER_PYTHON="$PWD/$venv/bin/python"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for master in "local[1]" "local[2]"; do
  "$venv/bin/marsad-spark" run --input "$@" --output "$out/$master" --master "$master" --json 2>/dev/null \
    | tail -1 | tee "$out/$master.json"
done
"$venv/bin/python" - "$out" <<'PY'
import json, sys
one, two = (json.load(open(f"{sys.argv[1]}/local[{n}].json")) for n in (1, 2))
print(f"speed-up local[2]/local[1]: {one['seconds'] / two['seconds']:.2f}x "
      f"(analysis stage {one['timings']['analysis'] / two['timings']['analysis']:.2f}x)")
PY
