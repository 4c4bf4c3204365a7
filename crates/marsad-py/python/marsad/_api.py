"""``analyze`` and ``analyze_many``: documents in, ``marsad analyze --json`` objects out."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Iterable, Mapping, Optional, Union

from . import _native

Document = Union[str, Mapping[str, Any]]


def _date(value: Union[None, str, _dt.date]) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _item(doc: Document, title=None, published=None, source=None) -> str:
    """One document as the JSON object the native side reads (see ``src/analyze.rs``)."""
    if isinstance(doc, str):
        obj: dict = {"text": doc}
        if title is not None:
            obj["title"] = title
    elif isinstance(doc, Mapping):
        obj = {k: v for k, v in doc.items() if v is not None}
        if "published" in obj:
            obj["published"] = _date(obj["published"])
    else:
        raise TypeError(f"expected article text (str) or a record (dict), got {type(doc).__name__}")
    if published is not None:
        obj["published"] = _date(published)
    if source is not None:
        obj["source"] = source
    return json.dumps(obj, ensure_ascii=False)


def analyze(
    text: str,
    *,
    title: Optional[str] = None,
    published: Union[None, str, _dt.date] = None,
    source: Optional[str] = None,
) -> dict:
    """Analyse one article: the same object as ``marsad analyze FILE --json``.

    Without ``title`` the text is read as scraped article text (first line the title), as the
    command line reads a ``.txt`` file; with ``title`` it is the body. ``published``
    (``YYYY-MM-DD`` or a date) dates relative expressions (أمس، اليوم) as ``--published`` does.
    Raises :class:`marsad.MarsadError` for a document marsad cannot read (empty, binary …).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    item = _item(text, title, published, source)
    return json.loads(_native.analyze_items([item], ["text"])[0])


def analyze_many(documents: Iterable[Document], threads: Optional[int] = None) -> list:
    """Analyse many articles on ``threads`` cores (all when None), the GIL released.

    Each document is article text (``str``, read as :func:`analyze` reads it) or a record
    (``dict`` with ``text`` or ``paragraphs`` and optionally ``title``, ``id``, ``url``,
    ``source``, ``published``, ``tags``: one JSON Lines record of ``marsad ingest``). Returns the
    results in input order, each equal to what :func:`analyze` gives for it. The first document
    marsad cannot read raises :class:`marsad.MarsadError` naming it (``item N``, from 0).
    """
    items = [_item(d) for d in documents]
    names = [f"item {i}" for i in range(len(items))]
    return [json.loads(s) for s in _native.analyze_items(items, names, threads)]
