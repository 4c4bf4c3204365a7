#!/usr/bin/env bash
# The Python package's CI step (called by .ci/run): a throwaway venv under target/, the package
# built from source by pip (maturin, release profile, the workspace's target dir, so the crates
# the main build compiled are reused), then its pytest suite.
#   bash crates/marsad-py/ci.sh          # package + tests
#   bash crates/marsad-py/ci.sh --spark  # also PySpark and the Spark job's local-mode tests
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/py-venv
spark=0
[ "${1:-}" = "--spark" ] && spark=1

if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    (apt-get update -qq && apt-get install -y -qq python3-venv) >/dev/null
    python3 -m venv "$venv"
  fi
fi
# The maturin build backend runs `maturin` from PATH.
export PATH="$PWD/$venv/bin:$PATH"
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" "maturin==1.16.0" "pytest==9.2.0" "pandas==2.3.3" "pyarrow==26.0.1"
if [ "$spark" = 1 ]; then
  if ! command -v java >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless) >/dev/null
  fi
  "${pip[@]}" "pyspark==4.3.0"
fi
# No build isolation: maturin is in the venv already, and the build sees the workspace target dir.
"${pip[@]}" --no-build-isolation ./crates/marsad-py

tests=(crates/marsad-py/tests)
if [ "$spark" = 0 ]; then
  tests+=(--ignore=crates/marsad-py/tests/test_spark_job.py)
fi
"$venv/bin/python" -m pytest -q -p no:cacheprovider "${tests[@]}"
