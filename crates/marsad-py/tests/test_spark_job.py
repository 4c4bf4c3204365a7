"""The Spark job on local[2] against `marsad ingest` + `marsad export events` on the same input:
data/sample plus a planted near-duplicate of the seed from another outlet."""

import csv
import io
import json

import pytest

import marsad
from conftest import SAMPLE, SEED


def _plant(tmp_path):
    """Another outlet's copy of the seed: a new headline, a dateline, its last two paragraphs cut."""
    lines = [l for l in SEED.read_text(encoding="utf-8").split("\n") if l.strip()]
    rec = {
        "id": "planted-1",
        "source": "Planted Wire",
        "url": "https://example.org/planted-1",
        "title": "عاجل: " + lines[0],
        "text": "\n".join(["باكو - وكالات"] + lines[1:-2]),
    }
    path = tmp_path / "planted.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _gdelt_of_cli(text):
    from marsad._frames import gdelt_values

    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], [gdelt_values(r) for r in rows[1:]]


def test_spark_gives_the_events_groups_and_marks_of_marsad_ingest(spark, marsad_cli, tmp_path):
    import pyarrow.parquet as pq

    from marsad.spark import Options, run

    planted = _plant(tmp_path)
    inputs = [str(SAMPLE), str(planted)]
    report = run(spark, Options(inputs, str(tmp_path / "out")))

    data = tmp_path / "cli"
    marsad_cli("ingest", *inputs, data=data)
    header, cli_rows = _gdelt_of_cli(marsad_cli("export", "events", "--format", "gdelt", data=data))

    table = pq.read_table(tmp_path / "out" / "events").select(header)
    spark_rows = [list(r.values()) for r in table.to_pylist()]
    skip = header.index("DATEADDED")
    strip = lambda rows: sorted((r[:skip] + r[skip + 1:] for r in rows), key=lambda r: r[0])
    assert len(spark_rows) == len(cli_rows) > 0
    for s, c in zip(strip(spark_rows), strip(cli_rows)):
        assert s == c
    articles_col = header.index("NumArticles")
    assert max(r[articles_col] for r in cli_rows) >= 2, "the planted copy's events join the seed's groups"

    # Near-duplicate and story marks, article by article.
    store = marsad.Store(data)
    marks = pq.read_table(tmp_path / "out" / "articles").to_pylist()
    assert len(marks) == store.stats()["articles"] == report["stored"]
    for m in marks:
        a = store.article(m["id"])
        assert (m["canonical_id"], m["story_id"]) == (a["canonical_id"], a["story_id"]), m["id"]
    seed_id = marsad.analyze(SEED.read_text(encoding="utf-8"))["id"]
    planted_mark = [m for m in marks if m["source_id"] == "planted-1"]
    assert planted_mark and planted_mark[0]["canonical_id"] == seed_id
    assert report["near_duplicates"] == 1 and report["errors"] == 1


def test_parquet_records_give_what_their_jsonl_gives(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from marsad.spark import Options, run

    planted = json.loads(_plant(tmp_path).read_text(encoding="utf-8"))
    lines = [l for l in SEED.read_text(encoding="utf-8").split("\n") if l.strip()]
    seed = {"id": "seed", "source": "Seed", "url": None, "title": lines[0], "text": "\n".join(lines[1:])}
    records = [seed, planted]
    (tmp_path / "in").mkdir()
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in" / "records.parquet")
    with open(tmp_path / "records.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    a = run(spark, Options([str(tmp_path / "in")], str(tmp_path / "pq")))
    b = run(spark, Options([str(tmp_path / "records.jsonl")], str(tmp_path / "jl")))
    assert a["stored"] == b["stored"] == 2 and a["near_duplicates"] == b["near_duplicates"] == 1
    read = lambda d: sorted(
        (r for r in pq.read_table(tmp_path / d / "events").drop(["DATEADDED"]).to_pylist()),
        key=lambda r: r["GlobalEventID"],
    )
    assert read("pq") == read("jl") and len(read("pq")) > 0


def test_output_paths_local_or_cluster():
    """Local and file: outputs are written by the tasks, cluster file systems by Spark."""
    from marsad.spark.job import _local_path

    assert _local_path("out/run") == "out/run"
    assert _local_path("file:///tmp/run") == "/tmp/run"
    assert _local_path("hdfs://namenode/run") is None
    assert _local_path("s3a://bucket/run") is None
