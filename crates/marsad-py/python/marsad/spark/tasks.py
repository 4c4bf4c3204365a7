"""What runs inside a Spark task (Python workers): marsad's reading and analysis through the
native module, one marsad thread per task, and the typing of GDELT rows."""

from __future__ import annotations

import json
import os
import resource


BATCH_ROWS = 256


def _usage():
    """This Python worker's peak resident memory so far (kB, as Linux reports it), its CPU
    seconds so far and its pid: what the bench sums per worker."""
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_maxrss, u.ru_utime + u.ru_stime, os.getpid()


def _rows(result_json: str, file_idx: int, doc_of=None):
    from .schema import ARTICLE_COLUMNS

    r = json.loads(result_json)
    names = [n for n, _ in ARTICLE_COLUMNS]
    for a in r["articles"]:
        a["file_idx"] = file_idx
        if doc_of is not None:
            a["doc"] = doc_of
        yield {n: a.get(n) for n in names}
    for e in r["errors"]:
        yield {n: None for n in names} | {"file_idx": file_idx, "doc": doc_of, "error": e}


def _batch(rows):
    import pyarrow as pa

    from .schema import ARTICLE_COLUMNS, arrow_schema

    rss, cpu, pid = _usage()
    for r in rows:
        r["rss_kb"], r["cpu_s"], r["pid"] = rss, cpu, pid
    return pa.RecordBatch.from_pylist(rows, schema=arrow_schema(ARTICLE_COLUMNS))


def analyze_files(fmt, published):
    """mapInArrow function: (file_idx, path) batches in, one row per document out."""

    def run(batches):
        from marsad import _native

        rows = []
        for b in batches:
            for f in b.to_pylist():
                rows.extend(_rows(_native.file_rows(f["path"], fmt, published), f["file_idx"]))
                # Many small files (ANT: one article each) go out in batches, not one by one.
                if len(rows) >= BATCH_ROWS:
                    yield _batch(rows)
                    rows = []
        if rows:
            yield _batch(rows)

    return run


def analyze_blobs(fmt, published, order):
    """mapInArrow function: (path, content) rows of Spark's binaryFile source in, one row per
    document out; ``order`` maps each path to its place in storing order."""

    def run(batches):
        from marsad import _native

        for b in batches:
            for f in b.to_pylist():
                result = _native.bytes_rows(f["path"], f["content"], fmt, published)
                rows = list(_rows(result, order[f["path"]]))
                if rows:
                    yield _batch(rows)

    return run


def analyze_records(columns):
    """mapInArrow function: table rows (Parquet: id, title, text or paragraphs, published, …)
    with their (file_idx, doc) in, one row per document out."""

    def run(batches):
        from marsad import _native

        for b in batches:
            out = []
            for rec in b.to_pylist():
                item = {k: rec[k] for k in columns if rec.get(k) is not None}
                if "published" in item:
                    item["published"] = str(item["published"])[:10]
                name = f"{rec['path']}#row {rec['doc']}"
                result = _native.item_rows([json.dumps(item, ensure_ascii=False)], [name])
                out.extend(_rows(result, rec["file_idx"], rec["doc"]))
            if out:
                yield _batch(out)

    return run


def _gdelt_batch(rows, schema):
    import pyarrow as pa

    cols = list(zip(*rows)) if rows else [[] for _ in schema.names]
    return pa.RecordBatch.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schema)], schema=schema)


def _key_groups(run, added, native, values, day_col):
    """One group key's reports, in storing order: the GDELT row of each event group's first
    report, with the group's counts (the store's EventIndex rule, from the native module)."""
    groups = {}
    for r, local in zip(run, native.event_groups([r["gdate"] for r in run])):
        g = groups.setdefault(local, {"first": r, "mentions": 0, "ids": set(), "sources": set()})
        g["mentions"] += r["ment"] or 0
        g["ids"].add(r["id"])
        g["sources"].add(r["source"] if r["source"] is not None else r["id"])
    for g in groups.values():
        f = g["first"]
        counts = (g["mentions"], len(g["sources"]), len(g["ids"]))
        row = native.gdelt_row(f["event"], f["event_id"], f["id"], f["url"], f["source"], f["published"], counts, added)
        day = row[day_col]
        yield values(row) + [f"{day[:4]}-{day[4:6]}-{day[6:8]}" if day else "undated"]


def event_group_rows(added: str):
    """mapInArrow function: event reports sorted by (group key, storing order) in, the GDELT 2.0
    row of each event group out (its first report, with NumMentions, NumSources, NumArticles of
    the group; typed as the GDELT schema plus the `date` the output is partitioned by)."""

    def run(batches):
        from marsad import _native
        from marsad._frames import GDELT_COLUMNS, gdelt_values

        from .schema import gdelt_output_schema

        schema = gdelt_output_schema()
        day_col = GDELT_COLUMNS.index("Day")

        def rows_of(key):
            return _key_groups(key, added, _native, gdelt_values, day_col)

        key, out = [], []
        for b in batches:
            for r in b.to_pylist():
                if key and r["gkey"] != key[0]["gkey"]:
                    out.extend(rows_of(key))
                    key = []
                key.append(r)
            if len(out) >= BATCH_ROWS:
                yield _gdelt_batch(out, schema)
                out = []
        if key:
            out.extend(rows_of(key))
        if out:
            yield _gdelt_batch(out, schema)

    return run


def write_days(root: str):
    """mapInArrow function: GDELT rows sorted by ``date`` in; each day's rows written to
    ``root/date=DAY/part-NNNNN.parquet`` (the layout of Spark's partitioned writer, NNNNN the
    task's partition) out, as one row with the number of files written. For output on a local or
    mounted file system: Hadoop's local file system, without its native library (pyspark does not
    ship it), starts a ``chmod`` process for every file and folder it makes, about 2,600 for
    the 1,300 days of the news, which made the write the job's slowest stage after the analysis.
    A retried task writes the same names again."""

    def run(batches):
        import pyarrow as pa
        import pyarrow.parquet as pq
        from pyspark import TaskContext

        ctx = TaskContext.get()
        name = f"part-{ctx.partitionId() if ctx else 0:05d}.parquet"
        day, chunks, files = None, [], 0

        def flush():
            folder = os.path.join(root, f"date={day}")
            os.makedirs(folder, exist_ok=True)
            pq.write_table(pa.Table.from_batches(chunks), os.path.join(folder, name))

        for b in batches:
            dates = b.column("date").to_pylist()
            start = 0
            while start < len(dates):
                end = start + 1
                while end < len(dates) and dates[end] == dates[start]:
                    end += 1
                # The rows come sorted by day: a new day closes the last one's file.
                if dates[start] != day and chunks:
                    flush()
                    files, chunks = files + 1, []
                day = dates[start]
                chunks.append(b.slice(start, end - start).drop_columns(["date"]))
                start = end
        if chunks:
            flush()
            files += 1
        yield pa.RecordBatch.from_pylist([{"files": files}])

    return run
