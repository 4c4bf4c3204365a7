"""marsad.analyze and analyze_many against the command line and the seed's expected events."""

import json

import pytest

import marsad
from conftest import SAMPLE, SEED, SEED_EXPECTED


def _actor_matches(actor, codes):
    """The expected file's rule: the actor's country, its code or the code's prefix."""
    if not actor:
        return False
    code = actor.get("code") or ""
    return any(actor.get("country") == c or code == c or code.startswith(c) for c in codes)


def _matches(ev, x, check_date):
    return (
        _actor_matches(ev["actor1"], x.get("source", []))
        and (not x.get("target") or _actor_matches(ev.get("actor2"), x["target"]))
        and ev["root"] in x.get("roots", [])
        and (not check_date or not x.get("date") or ev.get("date") == x["date"])
    )


def test_the_seed_gives_the_8_required_events():
    gold = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    doc = marsad.analyze(SEED.read_text(encoding="utf-8"), published=gold["published"])
    required = [x for x in gold["events"] if x.get("required")]
    assert len(required) == 8
    found = [x["id"] for x in required if any(_matches(e, x, True) for e in doc["events"])]
    assert found == [x["id"] for x in required], f"missing {set(x['id'] for x in required) - set(found)}"
    spurious = [e for e in doc["events"] if not any(_matches(e, x, False) for x in gold["events"])]
    assert len(spurious) <= 1, spurious


def test_analyze_is_the_json_of_analyze_json(marsad_cli):
    cli = json.loads(marsad_cli("analyze", SEED, "--json", "--published", "2020-10-21"))
    py = marsad.analyze(SEED.read_text(encoding="utf-8"), published="2020-10-21")
    # source_id names the input: the file's path for the CLI, "text" here.
    assert cli.pop("source_id") == str(SEED)
    assert py.pop("source_id") == "text"
    assert py == cli
    assert len(py["events"]) >= 8 and py["entities"]


def _sample_documents():
    texts = [SEED.read_text(encoding="utf-8")]
    for f in sorted((SAMPLE / "ant").iterdir())[:6]:
        texts.append({"title": f.stem, "text": f.read_text(encoding="utf-8"), "published": "2017-01-20"})
    return texts


def test_analyze_many_equals_analyze_one_by_one():
    docs = _sample_documents()
    many = marsad.analyze_many(docs, threads=2)
    one = [
        marsad.analyze(d) if isinstance(d, str)
        else marsad.analyze(d["text"], title=d["title"], published=d["published"])
        for d in docs
    ]
    assert len(many) == len(docs)
    for m, o in zip(many, one):
        m.pop("source_id"), o.pop("source_id")
        assert m == o
    assert marsad.analyze_many(iter(docs), threads=1)[0]["id"] == many[0]["id"]


def test_bad_documents_raise_with_the_cli_line():
    with pytest.raises(marsad.MarsadError, match=r"^text: empty file$"):
        marsad.analyze("")
    with pytest.raises(marsad.MarsadError, match=r"^text: binary file"):
        marsad.analyze("\x00\x01\x02\x03" * 50)
    with pytest.raises(marsad.MarsadError, match=r"^item 1: empty body$"):
        marsad.analyze_many(["عنوان\nنص الخبر هنا.", {"title": "t", "text": ""}])
    with pytest.raises(marsad.MarsadError, match="expected a date YYYY-MM-DD"):
        marsad.analyze("عنوان\nنص", published="yesterday")
    with pytest.raises(TypeError):
        marsad.analyze(b"bytes are not text")
    with pytest.raises(TypeError):
        marsad.analyze_many([3.5])
