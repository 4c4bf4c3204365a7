"""``marsad-spark``: run the Spark job from the command line (or through ``spark-submit``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def _session(master: str | None, app: str = "marsad"):
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName(app)
    if master:
        b = b.master(master)
    # Python workers are reused across tasks, so marsad's resources load once per worker.
    b = b.config("spark.python.worker.reuse", "true")
    # In local mode the driver's JVM is also the executor: 1 GB (Spark's default) is too little
    # for the cached rows of ~70k articles next to the stories' result stream.
    b = b.config("spark.driver.memory", os.environ.get("MARSAD_DRIVER_MEMORY", "4g"))
    b = b.config("spark.sql.shuffle.partitions", os.environ.get("MARSAD_SHUFFLE_PARTITIONS", "8"))
    b = b.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    # Writing a local folder, Hadoop's default file system adds a .crc file beside every file,
    # and without Hadoop's native library (pyspark does not ship it) it sets each new file's and
    # folder's mode by starting `chmod`: ~4,000 processes for the ~1,300 days of events of the
    # news, a third of the write. The raw local file system writes no checksum files.
    b = b.config("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem")
    if master and master.startswith("local"):
        # This JVM is started here: vfork starts those processes without a helper process.
        b = b.config("spark.driver.extraJavaOptions", "-Djdk.lang.Process.launchMechanism=VFORK")
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    # The events are written one folder a day: with the v1 output committer every file is
    # renamed twice (task, then job commit), which cost more than writing it. v2 renames once;
    # a failed job may leave part of its output, and the job is rerun with `overwrite`. A
    # cluster's own setting (spark-submit --conf, spark-defaults) wins.
    committer = "mapreduce.fileoutputcommitter.algorithm.version"
    if not spark.sparkContext.getConf().contains("spark.hadoop." + committer):
        spark.sparkContext._jsc.hadoopConfiguration().set(committer, "2")
    return spark


def _jvm_peak_mb(spark) -> float | None:
    """Peak resident memory of the local JVM (driver, and executors in local mode)."""
    try:
        pid = spark.sparkContext._gateway.proc.pid
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (AttributeError, OSError, ValueError):
        return None
    return None


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="marsad-spark", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="analyse the inputs; write events (GDELT 2.0), articles, errors")
    r.add_argument("--input", nargs="+", required=True, help="files or folders (JSONL, ANT, WARC, HTML, text, Parquet)")
    r.add_argument("--output", required=True, help="output folder (local path, hdfs://, s3a://)")
    r.add_argument("--master", help="local[2], spark://HOST:7077, yarn … (default: spark-submit's)")
    r.add_argument("--format", default="auto", help="auto|text|ant|jsonl|html|warc|parquet")
    r.add_argument("--published", help="YYYY-MM-DD for documents that give no date")
    r.add_argument("--partitions", type=int, help="analysis partitions (default: 8 per core)")
    r.add_argument("--json", action="store_true", help="print the report as JSON")
    a = p.parse_args(argv)

    from marsad import MarsadError
    from .job import Options, run

    spark = _session(a.master)
    t = time.perf_counter()
    try:
        report = run(spark, Options(a.input, a.output, a.format, a.published, a.partitions))
    except MarsadError as e:
        print(f"marsad-spark: {e}", file=sys.stderr)
        return 1
    report["seconds"] = round(time.perf_counter() - t, 3)
    report["articles_per_second"] = round(report["documents"] / report["seconds"], 1)
    report["master"] = spark.sparkContext.master
    report["jvm_peak_rss_mb"] = _jvm_peak_mb(spark)
    spark.stop()
    if a.json:
        print(json.dumps(report))
    else:
        print(
            f"{report['documents']} documents ({report['stored']} stored, {report['near_duplicates']} near-duplicates, "
            f"{report['errors']} errors), {report['events']} event reports in {report['seconds']} s "
            f"({report['articles_per_second']} documents/s) on {report['master']}"
        )
        print("stages (s): " + ", ".join(f"{k} {v}" for k, v in report["timings"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
