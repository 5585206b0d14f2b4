"""Batch mode: parse any number of pages on a Dask cluster into Parquet and JSONL.

``run_batch(inputs, out)`` (``banmian batch``) reads page files named by folders or glob
patterns, parses (and perhaps enriches) them on a local Dask cluster or an existing one,
and writes one row per article (``schema.ARTICLE_SCHEMA``) to partitioned Parquet and
JSONL under ``out``. The modules, in the order data flows:

- ``sources``: the input listing, streamed;
- ``runner``: the client: which pages are left (content hashes of committed partitions),
  partitions submitted a window at a time, counts and progress (``progress``);
- ``worker``: one partition on a worker: parse, rows (``rows``), write, commit;
- ``layout``: the output folder, atomic writes, manifests, the quarantine list;
- ``schema``: the columns, as a pyarrow schema;
- ``bench``: the batch benchmark (``python -m banmian.batch.bench``).

Dask and pyarrow are the optional extra ``banmian[batch]``; ``runner`` imports Dask only
when a run starts, and says in one line what to install when it is missing.
"""

from __future__ import annotations

from banmian.batch.runner import DEFAULT_PARTITION_SIZE, BatchReport, parse_formats, run_batch

__all__ = ["DEFAULT_PARTITION_SIZE", "BatchReport", "parse_formats", "run_batch"]
