"""``python -m marsad.spark run …``, and the file to hand to ``spark-submit`` (absolute imports,
so it also runs as a plain script)."""

import sys

from marsad.spark.cli import main

if __name__ == "__main__":
    sys.exit(main())
