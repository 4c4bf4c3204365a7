"""``marsad.Store``: a marsad data directory (SQLite + search index) from Python."""

from __future__ import annotations

import datetime as _dt
import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _native
from ._api import _date, _item
from ._frames import Entities, Events, Hits

PathLike = Union[str, "os.PathLike[str]"]


class Store:
    """A store directory, opened (or created) as ``marsad --data PATH`` opens it.

    One process writes a store at a time; reading is safe alongside. Methods mirror the
    command line: :meth:`ingest` (``marsad ingest``), :meth:`search`, :meth:`events`,
    :meth:`stories`, :meth:`article` (``marsad show``), :meth:`entities`, :meth:`stats`.
    """

    def __init__(self, path: PathLike):
        self._native = _native.Store(os.fspath(path))

    @property
    def path(self) -> str:
        return self._native.path

    def ingest(
        self,
        paths_or_records: Union[PathLike, Iterable[Union[PathLike, Mapping[str, Any]]]],
        *,
        threads: Optional[int] = None,
        published: Union[None, str, _dt.date] = None,
        format: Optional[str] = None,
    ) -> dict:
        """Read, analyse and store files and folders, or records (dicts as in
        :func:`marsad.analyze_many`), on ``threads`` cores.

        Paths: as ``marsad ingest PATH…``: bad documents are skipped and listed in the
        summary's ``error_list``; ``published`` dates documents that give no date, ``format``
        is ``auto|text|ant|jsonl|html|warc``. Records: stored as one batch; a record marsad
        cannot read raises :class:`marsad.MarsadError` and nothing is stored.
        """
        if isinstance(paths_or_records, (str, os.PathLike)):
            paths_or_records = [paths_or_records]
        items = list(paths_or_records)
        if all(isinstance(x, (str, os.PathLike)) for x in items):
            paths = [os.fspath(x) for x in items]
            out = self._native.ingest_paths(paths, threads, _date(published), format)
            return json.loads(out)
        if all(isinstance(x, Mapping) for x in items):
            docs = [_item(x, published=None) for x in items]
            names = [f"record {i}" for i in range(len(docs))]
            return json.loads(self._native.ingest_items(docs, names, threads))
        raise TypeError("ingest takes paths or records (dicts), not a mix")

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        offset: int = 0,
        facets: bool = False,
        duplicates: bool = False,
        stories: bool = False,
    ) -> Hits:
        """Ranked search in marsad's query language (``marsad search``); ``facets=True`` also
        counts entities, sources, tags, event roots and days over the best hits."""
        r = json.loads(self._native.search(query, limit, offset, facets, duplicates, stories))
        return Hits(r["hits"], r["total"], r.get("facets"))

    def events(
        self,
        *,
        actor: Optional[str] = None,
        country: Optional[str] = None,
        root: Union[None, str, Sequence[str]] = None,
        date_from: Union[None, str, _dt.date] = None,
        date_to: Union[None, str, _dt.date] = None,
        place: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> Events:
        """Coded events filtered as ``marsad events`` filters them (actor code prefix or KB id,
        ISO3 country, CAMEO root(s), first and last day, place); ``.to_pandas()`` gives the
        GDELT 2.0 table of ``marsad export events --format gdelt``."""
        roots = [root] if isinstance(root, str) else list(root or [])
        r = json.loads(
            self._native.events(
                actor, country, roots, _date(date_from), _date(date_to), place, limit
            )
        )
        return Events(r["events"], r["gdelt"])

    def stories(self, limit: int = 20) -> list:
        """Stories, newest first (``marsad stories --json``)."""
        return json.loads(self._native.stories(limit))

    def story(self, id: str) -> Optional[dict]:
        """One story with its articles and events (``marsad show story:ID --json``), or None."""
        s = self._native.story(id)
        return None if s is None else json.loads(s)

    def article(self, id: str) -> Optional[dict]:
        """One article by id, unique id prefix or source id, with its near-duplicate and story
        marks, entities and events (``marsad show ID --json``), or None."""
        s = self._native.article(id)
        return None if s is None else json.loads(s)

    def entities(self, kind: Optional[str] = None, limit: int = 50) -> Entities:
        """The most mentioned entities (``marsad entities --json``), of one type or all."""
        return Entities(json.loads(self._native.entities(kind, limit)))

    def stats(self) -> dict:
        """Counts of what the store holds (``marsad stats --json``)."""
        return json.loads(self._native.stats())
