"""Shared fixtures: the repository's own data (data/sample, the seed's expected events), the
`marsad` binary of the same build, when there is one, to compare with the command line, and a
local Spark session (local[2], loopback only) for the Spark job's tests, skipped where PySpark or
Java is missing (`ci.sh --spark` installs both)."""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
SEED = REPO / "data/sample/000_e6d7035163982f4c.txt"
SEED_EXPECTED = REPO / "crates/marsad-events/tests/fixtures/seed.expected.json"
SAMPLE = REPO / "data/sample"


def marsad_binary():
    """The `marsad` command built from this tree: $MARSAD_BIN, else the release build."""
    candidates = [os.environ.get("MARSAD_BIN")]
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        candidates.append(os.path.join(target, "release", "marsad"))
    candidates.append(str(REPO / "target/release/marsad"))
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    return None


@pytest.fixture(scope="session")
def marsad_cli():
    """Runs the command line; tests that compare with it are skipped without a built binary."""
    exe = marsad_binary()
    if exe is None:
        pytest.skip("no marsad binary: build it (cargo build --release -p marsad-cli) or set MARSAD_BIN")

    def run(*args, data=None):
        cmd = [exe] + (["--data", str(data)] if data else []) + [str(a) for a in args]
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout

    return run


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """A store holding data/sample, ingested once through the Python API."""
    import marsad

    path = tmp_path_factory.mktemp("store") / "data"
    store = marsad.Store(path)
    summary = store.ingest([SAMPLE], threads=2)
    return store, path, summary


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark", reason="PySpark not installed (bash crates/marsad-py/ci.sh --spark)")
    if shutil.which("java") is None:
        pytest.skip("no java on PATH (ci.sh --spark installs openjdk-17-jre-headless)")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from marsad.spark.cli import _session

    s = _session("local[2]", "marsad-test")
    yield s
    s.stop()
