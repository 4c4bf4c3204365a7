"""Results as tables: events with GDELT 2.0 columns, entities and search hits, to pandas or Arrow.

pandas and pyarrow are imported only when a table is asked for (``pip install marsad[frames]``).
"""

from __future__ import annotations

from . import _native

GDELT_COLUMNS: list = list(_native.GDELT_COLUMNS)

# Types of the GDELT 2.0 event table (its codebook): codes stay strings (EventCode 0231 keeps
# its leading zero), counts and dates are integers, coordinates and scores floats.
_GDELT_INT = {
    "GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
    "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED",
}
_GDELT_FLOAT = {
    "FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long",
}


def gdelt_type(column: str) -> str:
    """``int``, ``float`` or ``str``: the type of a GDELT 2.0 event column."""
    return "int" if column in _GDELT_INT else "float" if column in _GDELT_FLOAT else "str"


def gdelt_schema():
    """The pyarrow schema of the GDELT 2.0 event table as marsad writes it."""
    import pyarrow as pa

    kinds = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    return pa.schema([(c, kinds[gdelt_type(c)]) for c in GDELT_COLUMNS])


def gdelt_values(row: list) -> list:
    """A GDELT row of strings (as exported) typed per column; empty cells are None."""
    out = []
    for c, v in zip(GDELT_COLUMNS, row):
        kind = gdelt_type(c)
        if v == "":
            out.append(None)
        elif kind == "int":
            out.append(int(v))
        elif kind == "float":
            out.append(float(v))
        else:
            out.append(v)
    return out


def _pandas_of(table):
    import pandas as pd
    import pyarrow as pa

    mapper = {pa.int64(): pd.Int64Dtype(), pa.string(): pd.StringDtype()}
    return table.to_pandas(types_mapper=mapper.get)


class _Table(list):
    """A list of dicts that also converts to a typed table."""

    _columns: list = []
    _types: dict = {}

    def to_arrow(self):
        import pyarrow as pa

        kinds = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "bool": pa.bool_()}
        schema = pa.schema([(c, kinds[self._types.get(c, "str")]) for c in self._columns])
        cols = {c: [r.get(c) for r in self] for c in self._columns}
        return pa.Table.from_pydict(cols, schema=schema)

    def to_pandas(self):
        return _pandas_of(self.to_arrow())


class Events(list):
    """Event reports (dicts as ``marsad events --json`` lists them) of a store query.

    :meth:`to_pandas` and :meth:`to_arrow` give the GDELT 2.0 event table of the same events,
    one row per event group as ``marsad export events --format gdelt`` writes it (NumMentions,
    NumSources and NumArticles count the group's reports).
    """

    def __init__(self, reports: list, gdelt_rows: list):
        super().__init__(reports)
        self.gdelt_rows = gdelt_rows

    def to_arrow(self):
        import pyarrow as pa

        typed = [gdelt_values(r) for r in self.gdelt_rows]
        cols = {c: [r[i] for r in typed] for i, c in enumerate(GDELT_COLUMNS)}
        return pa.Table.from_pydict(cols, schema=gdelt_schema())

    def to_pandas(self):
        return _pandas_of(self.to_arrow())


class Entities(_Table):
    """Entities with their counts (``marsad entities --json``)."""

    _columns = ["id", "name", "name_ar", "type", "iso3", "cameo", "articles", "mentions"]
    _types = {"articles": "int", "mentions": "int"}


class Hits(_Table):
    """Search hits, best first (``marsad search --json``); ``total`` counts every match and
    ``facets`` holds the facet counts when asked for."""

    _columns = ["id", "source_id", "title", "score", "snippet", "source", "published", "story"]
    _types = {"score": "float"}

    def __init__(self, hits: list, total: int, facets=None):
        super().__init__(hits)
        self.total = total
        self.facets = facets
