"""The Spark job: ``marsad ingest`` + ``marsad export events --format gdelt`` across a cluster.

Stages (each timed in the returned report):

1. **analysis**: the driver lists the input files in ``marsad ingest``'s order (the native
   ``walk``) and packs them into partitions by size; each task reads and analyses its files with
   marsad (``mapInArrow``, one marsad thread per task). Parquet inputs are read by Spark and each
   row analysed as a JSON Lines record. Every article keeps its *storing order*
   ``(file_idx, doc)``: where ``marsad ingest`` would store it.
2. **near-duplicates**: exact copies (same content id) keep their first sighting, as the store
   does. Each stored article's MinHash signature and LSH band keys come from the native module;
   a Spark self-join on ``(band, key)`` (of the keys that more than one article holds) finds
   candidate pairs (earlier, later), scored as the
   store's index scores them; each article takes its best earlier match (ties: the earliest), and
   its canonical is that match's canonical: ``NearDupIndex::add``'s decision. The chains of
   matches are resolved on the driver (one edge per near-duplicate).
3. **event groups**: every report gets the store's group key (actors, root, place; an undated
   report's key names its canonical); the reports, partitioned by key and sorted in storing order, run the store's
   ``EventIndex`` rule over the key's reports in storing order, and in the same pass make the
   GDELT 2.0 row of each group: its first report with the group's NumMentions, NumSources,
   NumArticles. GlobalEventID is the report's rank in storing order (the store's SQLite id). The
   rows are written as Parquet partitioned by ``date``.
4. **stories**: the store's story index is sequential by design (an article joins the best story
   before it); the driver feeds it the stored articles in storing order from a local iterator.
   ``articles/`` holds each article's canonical and story.
"""

from __future__ import annotations

import datetime as _dt
import os
import pathlib
import time
from dataclasses import dataclass, field
from typing import List, Optional

from .. import _native
from . import tasks
from .schema import ARTICLE_COLUMNS, ddl

RECORD_COLUMNS = ["id", "url", "source", "title", "text", "paragraphs", "published", "tags"]


@dataclass
class Options:
    inputs: List[str]
    output: str
    format: str = "auto"
    published: Optional[str] = None
    # Partitions of the analysis stage; None: 8 per core of the session.
    partitions: Optional[int] = None
    timings: dict = field(default_factory=dict)


def _work(path: str) -> int:
    """A file's expected analysis work, in bytes of text: gzip inflates news about 4 times."""
    size = os.path.getsize(path)
    return size * 4 if path.endswith(".gz") else size


def _partitions(files, n):
    """Files packed into n partitions, largest first onto the least loaded (sizes in bytes)."""
    bins = [[] for _ in range(n)]
    load = [0] * n
    for idx, path, size in sorted(files, key=lambda f: -f[2]):
        i = load.index(min(load))
        bins[i].append((idx, path))
        load[i] += size
    return [b for b in bins if b]


def _is_uri(path: str) -> bool:
    """hdfs://, s3a://, gs:// …: read by Spark's file systems rather than from a local path."""
    return "://" in path and not path.startswith("file:")


def _articles(spark, o: Options):
    """Stage 1: one row per document of the inputs (errors as rows with `error`)."""
    local = [p for p in o.inputs if not _is_uri(p)]
    uris = [p for p in o.inputs if _is_uri(p)]
    files, errors = _native.walk(local) if local else ([], [])
    parquet = [f for f in files if f.endswith(".parquet")] if o.format in ("auto", "parquet") else []
    other = [f for f in files if f not in set(parquet)]
    order = {f: i for i, f in enumerate(files)}
    n = o.partitions or 8 * spark.sparkContext.defaultParallelism
    frames = []
    if other:
        sized = [(order[f], f, _work(f)) for f in other]
        bins = _partitions(sized, min(n, len(sized)))
        paths = spark.sparkContext.parallelize(bins, len(bins)).flatMap(lambda b: b)
        df = spark.createDataFrame(paths, "file_idx bigint, path string")
        fmt = None if o.format == "auto" else o.format
        frames.append(df.mapInArrow(tasks.analyze_files(fmt, o.published), ddl(ARTICLE_COLUMNS)))
    if parquet:
        uri_order = {pathlib.Path(f).resolve().as_uri(): order[f] for f in parquet}
        frames.append(_parquet_articles(spark, parquet, uri_order))
    if uris:
        frames.extend(_uri_articles(spark, o, uris, len(files)))
    if not frames:
        raise _native.MarsadError("no input files" + (f": {errors[0]}" if errors else ""))
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out, errors


def _uri_articles(spark, o: Options, uris, first_idx):
    """Inputs on a cluster file system: Parquet through Spark's reader, other files through
    its ``binaryFile`` source, each read by marsad from its bytes. Their storing order is the
    sorted URI after the local files (``marsad ingest`` walks a folder in name order too)."""
    parquet = [u for u in uris if o.format == "parquet" or u.endswith(".parquet")]
    blobs = [u for u in uris if u not in set(parquet)]
    out = []
    if parquet:
        names = spark.read.parquet(*parquet).inputFiles()
        out.append(_parquet_articles(spark, parquet, {n: first_idx + i for i, n in enumerate(sorted(names))}))
    if blobs:
        reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
        listed = sorted(r["path"] for r in reader.load(blobs).select("path").collect())
        order = {p: first_idx + len(parquet) + i for i, p in enumerate(listed)}
        fmt = None if o.format == "auto" else o.format
        df = reader.load(blobs).select("path", "content")
        n = o.partitions or 4 * spark.sparkContext.defaultParallelism
        df = df.repartition(n, "path")
        out.append(df.mapInArrow(tasks.analyze_blobs(fmt, o.published, order), ddl(ARTICLE_COLUMNS)))
    return out


def _parquet_articles(spark, paths, order):
    from pyspark.sql import functions as F

    df = spark.read.parquet(*paths)
    cols = [c for c in RECORD_COLUMNS if c in df.columns]
    idx = F.create_map(*[x for p, i in order.items() for x in (F.lit(p), F.lit(i))])
    df = df.withColumn("path", F.input_file_name()).withColumn("doc", F.monotonically_increasing_id())
    # `order` maps each file's URI, as Spark names it, to its place in storing order.
    df = df.withColumn("file_idx", F.coalesce(idx[F.col("path")], F.lit(0)).cast("bigint"))
    for c in cols:
        if c in ("paragraphs", "tags"):
            continue
        df = df.withColumn(c, F.col(c).cast("string"))
    return df.mapInArrow(tasks.analyze_records(cols), ddl(ARTICLE_COLUMNS))


def _stored(articles):
    """Exact copies collapse onto their first sighting, as the store records a sighting."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    ok = articles.where(F.col("error").isNull())
    w = Window.partitionBy("id").orderBy("file_idx", "doc")
    return ok.withColumn("_n", F.row_number().over(w)).where("_n = 1").drop("_n")


def _near_duplicates(spark, stored):
    """Stage 2: (id, canonical) of every near-duplicate, as the store's index decides."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    keys, shared = _shared_band_keys(stored.select("id", "file_idx", "doc", F.posexplode("bands").alias("band", "key")))
    a, b = keys.alias("a"), keys.alias("b")
    earlier = (F.col("a.file_idx") < F.col("b.file_idx")) | (
        (F.col("a.file_idx") == F.col("b.file_idx")) & (F.col("a.doc") < F.col("b.doc"))
    )
    pairs = (
        a.join(b, (F.col("a.band") == F.col("b.band")) & (F.col("a.key") == F.col("b.key")))
        .where(earlier)
        .select(
            F.col("a.id").alias("prev"), F.col("a.file_idx").alias("pf"), F.col("a.doc").alias("pd"),
            F.col("b.id").alias("id"), F.col("b.file_idx").alias("f"), F.col("b.doc").alias("d"),
        )
        .distinct()
    )
    sigs = stored.select("id", "sig")
    scored = (
        pairs.join(sigs.withColumnRenamed("id", "prev").withColumnRenamed("sig", "psig"), "prev")
        .join(sigs, "id")
        .withColumn(
            "eq",
            F.aggregate(F.zip_with("sig", "psig", lambda x, y: F.when(x == y, 1).otherwise(0)), F.lit(0), lambda s, v: s + v),
        )
        .where(F.col("eq") / F.lit(128.0) >= F.lit(float(_native.NEAR_DUP_THRESHOLD)))
    )
    w = Window.partitionBy("id").orderBy(F.desc("eq"), "pf", "pd")
    best = scored.withColumn("_n", F.row_number().over(w)).where("_n = 1")
    edges = best.select("id", "prev", "f", "d").collect()
    shared.unpersist()
    canonical = {}
    for r in sorted(edges, key=lambda r: (r["f"], r["d"])):
        canonical[r["id"]] = canonical.get(r["prev"], r["prev"])
    return spark.createDataFrame(list(canonical.items()) or [], "id string, canonical string")


# The most (band, key) rows of shared keys broadcast to every task (12 bytes each: ≈ 24 MB).
SHARED_BROADCAST_ROWS = 2_000_000


def _shared_band_keys(keys):
    """The band-key rows that can pair: a key held by one article finds no candidate. Most keys
    are such (on all of ../shared/data/news, 147k of 4.35M are shared), so when the shared ones
    are few enough to broadcast, the rest are dropped where they are made and the self-join
    shuffles and sorts a few percent of the rows. Beyond that (a corpus of millions with many
    copies) every row goes to the join, which finds the same pairs. Returns the rows and the
    cached shared keys (to unpersist once the join has run)."""
    from pyspark.sql import functions as F

    shared = keys.groupBy("band", "key").count().where("count > 1").select("band", "key").persist()
    if shared.count() > SHARED_BROADCAST_ROWS:
        return keys, shared
    return keys.join(F.broadcast(shared), ["band", "key"], "left_semi"), shared


def _events(spark, stored, canon):
    """Stage 3 (first half): every report with its group key, date and storing-order id."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    # Arrow-batched: the rows cross to Python in columns, not pickled one by one.
    undated = F.udf(_native.undated_key, "string", useArrow=True)
    ev = (
        stored.join(canon, "id", "left")
        .select(
            "id", "file_idx", "doc", "source", "url", "published", "canonical",
            F.posexplode(F.arrays_zip("events", "event_keys", "event_dates", "mentions")).alias("ev", "e"),
        )
        .select(
            "*", F.col("e.events").alias("event"), F.col("e.event_keys").alias("key"),
            F.coalesce(F.col("e.event_dates"), F.col("published")).alias("gdate"),
            F.col("e.mentions").alias("ment"),
        )
        .drop("e")
    )
    ev = ev.withColumn(
        "gkey",
        F.when(F.col("gdate").isNull(), undated(F.coalesce("canonical", "id"), "key")).otherwise(F.col("key")),
    )
    return ev.join(F.broadcast(_file_offsets(spark, ev)), "file_idx").withColumn(
        "event_id",
        F.col("_before") + F.row_number().over(Window.partitionBy("file_idx").orderBy("doc", "ev")),
    ).drop("_before")


def _file_offsets(spark, ev):
    """GlobalEventID is the rank in storing order, as SQLite numbers the store's events: the
    reports of the files before a report's file (one count a file, summed on the driver) plus its
    rank within its file. The ranks stay in the JVM, partitioned by file, rather than in one
    global sort or a Python round trip of every row."""
    counts = sorted(ev.groupBy("file_idx").count().collect())
    offsets, total = [], 0
    for f, n in counts:
        offsets.append((f, total))
        total += n
    return spark.createDataFrame(offsets, "file_idx bigint, _before bigint")


def _group_rows(events, added: str, partitions: int):
    """Stage 3 (second half): each key's reports together and in storing order, the store's
    EventIndex rule run over them, and the GDELT row of each event group (its first report and
    the group's counts) made in the same pass: one shuffle, one Python call per partition (not
    per key: most keys have a single report). An explicit partition count, so that adaptive
    execution does not merge the small shuffle into fewer tasks than cores."""
    from pyspark.sql.pandas.types import from_arrow_schema

    from .schema import gdelt_output_schema

    schema = from_arrow_schema(gdelt_output_schema())
    cols = ["file_idx", "doc", "ev", "gkey", "gdate", "ment", "id", "source", "event", "event_id", "url", "published"]
    return (
        events.select(*cols)
        .repartition(partitions, "gkey")
        .sortWithinPartitions("gkey", "file_idx", "doc", "ev")
        .mapInArrow(tasks.event_group_rows(added), schema)
    )


def _local_path(path: str) -> Optional[str]:
    """The local (or mounted) folder of an output path, or None for a cluster file system."""
    if path.startswith("file:"):
        from urllib.parse import urlparse

        return urlparse(path).path
    return None if _is_uri(path) else path


def _write_days(gd, path: str, partitions: int):
    """The GDELT rows as Parquet partitioned by ``date`` (``path/date=DAY/``), replacing what
    was there. One task per date writes it: one file a day rather than one per task and day.
    On a local or mounted folder the tasks write the files themselves ([`tasks.write_days`]),
    because Hadoop's local file system starts a process for every file it makes; elsewhere
    (hdfs://, s3a:// …) Spark's own writer does."""
    by_day = gd.repartition(partitions, "date")
    local = _local_path(path)
    if local is None:
        by_day.write.mode("overwrite").partitionBy("date").parquet(path)
        return
    import shutil

    shutil.rmtree(local, ignore_errors=True)
    os.makedirs(local, exist_ok=True)
    by_day.sortWithinPartitions("date").mapInArrow(tasks.write_days(os.path.abspath(local)), "files bigint").collect()
    # Spark's writer marks a finished output the same way.
    open(os.path.join(local, "_SUCCESS"), "wb").close()


def _stories(stored, canon):
    """Stage 4: the store's story index fed in storing order on the driver."""
    rows = stored.join(canon, "id", "left").orderBy("file_idx", "doc").select(
        "id", "source_id", "source", "url", "published", "title", "shingles", "terms",
        "entities", "event_keys", "canonical",
    )
    index = _native.Stories()
    out = []
    for r in rows.toLocalIterator():
        story = index.add(
            r["id"], r["published"], r["title"], r["shingles"], r["terms"],
            r["entities"], r["event_keys"], r["canonical"],
        )
        out.append((r["id"], r["source_id"], r["source"], r["url"], r["published"], r["title"], r["canonical"], story))
    return out


def _timed(o: Options, stage: str, f):
    t = time.perf_counter()
    r = f()
    o.timings[stage] = round(time.perf_counter() - t, 3)
    return r


def run(spark, o: Options) -> dict:
    """Runs the job; writes ``events/`` (GDELT 2.0, Parquet, partitioned by date),
    ``articles/`` (canonical and story of each stored article) and ``errors/`` under
    ``o.output``; returns counts, stage timings and the Python workers' peak memory."""
    from pyspark import StorageLevel

    articles, walk_errors = _articles(spark, o)
    articles = articles.persist(StorageLevel.MEMORY_AND_DISK)
    n_docs = _timed(o, "analysis", articles.count)
    stored = _stored(articles).persist(StorageLevel.MEMORY_AND_DISK)
    n_stored = stored.count()
    canon = _timed(o, "near_duplicates", lambda: _near_duplicates(spark, stored).persist())
    events = _timed(o, "event_ids", lambda: _events(spark, stored, canon).persist())
    added = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    partitions = int(spark.conf.get("spark.sql.shuffle.partitions"))

    def write_events():
        _write_days(_group_rows(events, added, partitions), os.path.join(o.output, "events"), partitions)

    _timed(o, "event_groups_and_write", write_events)
    errs = [r["error"] for r in articles.where("error is not null").select("error").collect()]
    from pyspark.sql import functions as F

    per_worker = articles.groupBy("pid").agg(F.max("rss_kb").alias("rss"), F.max("cpu_s").alias("cpu"))
    usage = per_worker.agg(F.max("rss"), F.sum("cpu")).collect()[0]
    n_events = events.count()
    # The analysed rows are no longer needed: free the executors' memory before the driver
    # streams the stored articles for the stories.
    events.unpersist()
    articles.unpersist()
    marks = _timed(o, "stories", lambda: _stories(stored, canon))
    spark.createDataFrame(
        marks,
        "id string, source_id string, source string, url string, published string, title string, canonical_id string, story_id string",
    ).coalesce(1).write.mode("overwrite").parquet(os.path.join(o.output, "articles"))
    spark.createDataFrame([(e,) for e in walk_errors + errs], "error string").coalesce(1).write.mode(
        "overwrite"
    ).parquet(os.path.join(o.output, "errors"))
    report = {
        "documents": n_docs,
        "stored": n_stored,
        "near_duplicates": canon.count(),
        "events": n_events,
        "errors": len(walk_errors) + len(errs),
        "timings": dict(o.timings),
        "worker_peak_rss_mb": round((usage[0] or 0) / 1024, 1),
        # CPU seconds of the Python workers by the end of the analysis (marsad's work and the
        # Arrow hand-over): how much of the analysis stage's wall time was computing.
        "worker_cpu_seconds": round(usage[1] or 0, 1),
    }
    for df in (canon, stored):
        df.unpersist()
    return report
