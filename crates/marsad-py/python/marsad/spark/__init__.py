"""marsad on Spark: the single-machine ingest's results (events with their groups, near-duplicates,
stories) computed by a PySpark 4 job over a cluster.

``marsad-spark run --input PATH… --output DIR [--master local[2] | spark://HOST:7077]``; see
:mod:`marsad.spark.job` for the stages and README.md for submitting to a cluster.
"""

from .job import Options, run

__all__ = ["Options", "run"]
