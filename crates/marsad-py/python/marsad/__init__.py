"""marsad from Python: Arabic news into events and entities.

Thin bindings over the marsad Rust crates (the same readers, analysis and store as the
``marsad`` command line)::

    import marsad
    doc = marsad.analyze(text, published="2020-10-21")     # the JSON of `marsad analyze --json`
    docs = marsad.analyze_many(texts, threads=None)         # all cores, the GIL released
    store = marsad.Store("marsad-data")
    store.ingest(["news/"])                                 # as `marsad ingest news/`
    store.events(country="AZE").to_pandas()                 # GDELT 2.0 columns

Errors in documents or stores raise :class:`MarsadError` with the command line's one-line message.
"""

from ._native import MarsadError, __version__
from ._api import analyze, analyze_many
from ._frames import Entities, Events, Hits, gdelt_schema
from ._store import Store

__all__ = [
    "MarsadError",
    "__version__",
    "analyze",
    "analyze_many",
    "Store",
    "Events",
    "Entities",
    "Hits",
    "gdelt_schema",
]
