"""Parquet (pyarrow): one row per article, written in row groups of ``BATCH_ROWS``.

The schema (``ARTICLE_SCHEMA``) is the export's own, the columns of ``records.RECORD_FIELDS``
with ``authors`` a list of strings and ``paragraphs`` a list of structs (type, text, spans
as lists of ``[line, start, end]``). Only one batch of rows is held in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

from banmian.errors import UsageError

BATCH_ROWS = 2000
"""Rows per row group (and most rows held in memory)."""


def article_schema() -> Any:
    """The pyarrow schema of the rows."""
    import pyarrow as pa

    paragraph = pa.struct(
        [
            pa.field("type", pa.string(), nullable=False),
            pa.field("text", pa.string(), nullable=False),
            pa.field("spans", pa.list_(pa.list_(pa.int32())), nullable=False),
        ]
    )
    optional = ("kicker", "title", "subtitle", "dateline", "byline")
    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("paper", pa.string(), nullable=False),
            pa.field("date", pa.string(), nullable=False),
            pa.field("page", pa.int32(), nullable=False),
            pa.field("article", pa.string(), nullable=False),
            *[pa.field(name, pa.string()) for name in optional],
            pa.field("authors", pa.list_(pa.string()), nullable=False),
            pa.field("text", pa.string(), nullable=False),
            pa.field("paragraphs", pa.list_(paragraph), nullable=False),
            pa.field("continued_from", pa.int32()),
            pa.field("continues_to", pa.int32()),
        ],
        metadata={"schema": "banmian.export.article/1"},
    )


def write_parquet(records: Iterable[dict[str, Any]], out: BinaryIO) -> int:
    """Write the records as one Parquet file; return how many."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise UsageError("--format parquet needs pyarrow: pip install 'banmian[batch]'") from err
    schema = article_schema()
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for record in records:
            batch.append(record)
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
