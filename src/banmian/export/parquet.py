"""Parquet (pyarrow): one row per article, written in row groups of ``BATCH_ROWS``.

The schema (``article_schema``, ``banmian.export.article`` version 2 in the file's metadata)
has the columns of ``records.record_fields``. The columns it shares with the batch mode's
rows (``banmian.batch.schema.ARTICLE_SCHEMA``) have the same names and types there: ``date``
a ``date32``, ``page``, ``position`` and the continuation pages ``int32``, ``authors`` a list
of strings, ``field_lines`` the same structs, ``paragraphs`` the same structs with ``spans``
(lists of ``[line, start, end]``) added, and ``mentions`` JSON text (mentions of different
types carry different fields, so no one struct holds them; ``json.loads`` gives the list
that JSONL has), null for a page stored without enrichment. What differs: ``id`` (the
archive's key) is added, ``page_hash`` and ``source`` are not there (see ``records``), and
``paper``, ``date``, ``page`` are never null (the archive always knows them). Only one batch
of rows is held in memory at a time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from banmian.errors import UsageError

BATCH_ROWS = 2000
"""Rows per row group (and most rows held in memory)."""
SCHEMA_NAME = "banmian.export.article"
"""Name of the row schema, stored in each file's metadata."""
SCHEMA_VERSION = 2
"""Its version (2: the columns shared with batch rows took their names and types; mentions)."""


def article_schema(mentions: bool = True) -> Any:
    """The pyarrow schema of the rows, with or without ``mentions``."""
    import pyarrow as pa

    def items(kind: Any) -> Any:
        return pa.list_(pa.field("item", kind, nullable=False))

    paragraph = pa.struct(
        [
            pa.field("type", pa.string(), nullable=False),
            pa.field("text", pa.string(), nullable=False),
            pa.field("first_line", pa.int32(), nullable=False),
            pa.field("last_line", pa.int32(), nullable=False),
            pa.field("rule", pa.string(), nullable=False),
            pa.field("spans", items(items(pa.int32())), nullable=False),
        ]
    )
    field_lines = pa.struct(
        [
            pa.field("field", pa.string(), nullable=False),
            pa.field("first_line", pa.int32(), nullable=False),
            pa.field("last_line", pa.int32(), nullable=False),
        ]
    )
    optional = ("kicker", "title", "subtitle", "dateline", "byline")
    fields = [
        pa.field("id", pa.string(), nullable=False),
        pa.field("paper", pa.string(), nullable=False),
        pa.field("date", pa.date32(), nullable=False),
        pa.field("page", pa.int32(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("position", pa.int32(), nullable=False),
        *[pa.field(name, pa.string()) for name in optional],
        pa.field("authors", items(pa.string()), nullable=False),
        pa.field("continued_from", pa.int32()),
        pa.field("continues_to", pa.int32()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("paragraphs", items(paragraph), nullable=False),
        pa.field("field_lines", items(field_lines), nullable=False),
    ]
    if mentions:
        fields.append(pa.field("mentions", pa.string()))
    return pa.schema(fields, metadata={"schema": SCHEMA_NAME, "version": str(SCHEMA_VERSION)})


def arrow_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as pyarrow takes it: the date as a date, the mentions as JSON text."""
    row = dict(record)
    row["date"] = dt.date.fromisoformat(record["date"])
    if record.get("mentions") is not None:
        row["mentions"] = json.dumps(record["mentions"], ensure_ascii=False)
    return row


def write_parquet(
    records: Iterable[dict[str, Any]], out: BinaryIO, *, mentions: bool = True
) -> int:
    """Write the records as one Parquet file (with a ``mentions`` column unless
    ``mentions`` is false); return how many."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise UsageError("--format parquet needs pyarrow: pip install 'banmian[batch]'") from err
    schema = article_schema(mentions)
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for record in records:
            batch.append(arrow_row(record))
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
