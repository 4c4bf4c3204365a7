"""The columns the Spark job passes between its stages (Spark DDL), and their Arrow forms."""

ARTICLE_COLUMNS = [
    ("file_idx", "bigint"),
    ("doc", "bigint"),
    ("id", "string"),
    ("source_id", "string"),
    ("source", "string"),
    ("url", "string"),
    ("published", "string"),
    ("title", "string"),
    ("sig", "array<int>"),
    ("bands", "array<bigint>"),
    ("shingles", "bigint"),
    ("terms", "array<bigint>"),
    ("entities", "array<string>"),
    ("event_keys", "array<string>"),
    ("event_dates", "array<string>"),
    ("events", "array<string>"),
    ("mentions", "array<bigint>"),
    ("error", "string"),
    ("rss_kb", "bigint"),
    ("cpu_s", "double"),
    ("pid", "bigint"),
]


def ddl(columns) -> str:
    return ", ".join(f"`{n}` {t}" for n, t in columns)


def arrow_schema(columns):
    import pyarrow as pa

    kinds = {
        "bigint": pa.int64(),
        "int": pa.int32(),
        "string": pa.string(),
        "double": pa.float64(),
        "array<int>": pa.list_(pa.int32()),
        "array<bigint>": pa.list_(pa.int64()),
        "array<string>": pa.list_(pa.string()),
    }
    return pa.schema([(n, kinds[t]) for n, t in columns])


def gdelt_output_schema():
    """The Arrow schema of the events the job writes: GDELT 2.0, plus the `date` they are
    partitioned by."""
    import pyarrow as pa

    from marsad._frames import gdelt_schema

    return gdelt_schema().append(pa.field("date", pa.string()))
