"""marsad.Store: ingest, search, events, stories, articles, and the tables they convert to."""

import csv
import io

import pytest

import marsad
from conftest import SAMPLE, SEED


def test_store_round_trip(sample_store):
    store, path, summary = sample_store
    # data/sample holds one ANT document with an empty body: reported and skipped, as the CLI does.
    assert summary["stored"] >= 30 and summary["errors"] == 1, summary
    assert summary["error_list"][0].endswith(": empty body")
    stats = store.stats()
    assert stats["articles"] == summary["stored"]

    seed = marsad.analyze(SEED.read_text(encoding="utf-8"))
    back = store.article(seed["id"])
    assert back["title"] == seed["title"] and back["paragraphs"] == seed["paragraphs"]
    assert [e["code"] for e in back["events"]] == [e["code"] for e in seed["events"]]
    assert store.article("no-such-article") is None

    hits = store.search("أذربيجان", limit=5, facets=True)
    assert hits.total >= 1 and hits[0]["id"] == seed["id"]
    assert hits.facets and hits.facets["entities"]
    assert store.stories(limit=100) and store.story(store.stories(1)[0]["id"])

    # Reopened from disk, the store holds the same.
    again = marsad.Store(path)
    assert again.stats()["articles"] == stats["articles"]
    assert len(again.events(country="AZE")) == len(store.events(country="AZE")) > 0


def test_records_are_stored_and_copies_counted(tmp_path):
    store = marsad.Store(tmp_path / "s")
    text = SEED.read_text(encoding="utf-8")
    title, body = text.split("\n", 1)
    rec = {"id": "a1", "title": title, "text": body, "source": "A", "published": "2020-10-21"}
    r = store.ingest([rec, dict(rec, id="a2", source="B")])
    assert r["stored"] == 1 and r["duplicates"] == 1
    assert store.article("a1")["source"] == "A"
    with pytest.raises(marsad.MarsadError, match=r"^record 0: empty body$"):
        store.ingest([{"title": "t", "text": " "}])


def test_events_frame_has_gdelt_columns_and_types(sample_store):
    store = sample_store[0]
    events = store.events()
    df = events.to_pandas()
    assert list(df.columns) == marsad.Events([], []).to_arrow().schema.names
    assert len(df.columns) == 61 and df.columns[0] == "GlobalEventID" and df.columns[-1] == "SOURCEURL"
    assert 0 < len(df) <= len(events)
    dtypes = df.dtypes.astype(str).to_dict()
    for c in ["GlobalEventID", "Day", "QuadClass", "NumMentions", "NumSources", "NumArticles", "DATEADDED"]:
        assert dtypes[c] == "Int64", (c, dtypes[c])
    for c in ["GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long", "FractionDate"]:
        assert dtypes[c] == "float64", (c, dtypes[c])
    for c in ["EventCode", "EventRootCode", "Actor1Code", "SOURCEURL"]:
        assert dtypes[c] == "string", (c, dtypes[c])
    assert df["EventRootCode"].str.len().eq(2).all(), "CAMEO roots keep their leading zero"
    assert (df["NumArticles"] >= 1).all()
    table = events.to_arrow()
    assert table.num_rows == len(df) and str(table.schema.field("Day").type) == "int64"

    ents = store.entities(limit=10).to_pandas()
    assert list(ents.columns)[:4] == ["id", "name", "name_ar", "type"] and str(ents["articles"].dtype) == "Int64"
    hits = store.search("الحكومة").to_pandas()
    assert "score" in hits.columns and str(hits["score"].dtype) == "float64"


def test_gdelt_table_equals_the_cli_export(sample_store, marsad_cli):
    store, path, _ = sample_store
    out = marsad_cli("export", "events", "--format", "gdelt", data=path)
    rows = list(csv.reader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    header, rows = rows[0], rows[1:]
    date_added = header.index("DATEADDED")
    strip = lambda r: r[:date_added] + r[date_added + 1:]
    assert [strip(r) for r in rows] == [strip(r) for r in store.events().gdelt_rows]


def test_bad_store_and_query_raise(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(marsad.MarsadError, match="^opening .*file"):
        marsad.Store(blocker)
    store = marsad.Store(tmp_path / "s")
    summary = store.ingest([tmp_path / "missing"])
    assert summary["errors"] == 1 and "missing" in summary["error_list"][0]
    with pytest.raises(TypeError):
        store.ingest([tmp_path, {"text": "x"}])
    with pytest.raises(marsad.MarsadError):
        store.events(date_from="21/10/2020")
