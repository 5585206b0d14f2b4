"""The batch output's schema: one row per article, as a pyarrow schema and its JSONL twin.

``ARTICLE_SCHEMA`` is the one place the columns are defined; ``banmian.batch.rows`` fills
them and ``to_table`` turns rows into a pyarrow table. A JSONL line holds the same keys and
values, except that ``date`` is an ISO string and ``mentions`` a JSON array (in Parquet, a
JSON string, since mentions of different types carry different fields).

| column | type | holds |
| --- | --- | --- |
| ``page_hash`` | string | sha256 (hex) of the page file's bytes: the page's identity |
| ``source`` | string | the page file's absolute path |
| ``paper``, ``date``, ``page`` | string, date32, int32 | from the file name, else null |
| ``article_id`` | string | ``a1``, ``a2`` … as in ``banmian parse`` |
| ``position`` | int32 | the article's place on its page, from 1 |
| ``kicker`` … ``byline`` | string | title parts, dateline, byline (null when absent) |
| ``authors`` | list<string> | names without role labels |
| ``continued_from``, ``continues_to`` | int32 | page numbers of 上接 / 下转, else null |
| ``text`` | string | the paragraphs' text, one line each (subheads, captions included) |
| ``paragraphs`` | list<struct> | ``type``, ``text``, ``first_line``, ``last_line``, ``rule`` |
| ``field_lines`` | list<struct> | ``field``, ``first_line``, ``last_line`` of title parts etc. |
| ``mentions`` | string (JSON) | with ``--enrich``, the mentions as in ``banmian.page``; else null |
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

SCHEMA_NAME = "banmian.batch.article"
"""Name of the row schema, stored in each Parquet file's metadata."""
SCHEMA_VERSION = 1
"""Its version; a change of columns raises it."""

_PARAGRAPH = pa.struct(
    [
        pa.field("type", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("first_line", pa.int32(), nullable=False),
        pa.field("last_line", pa.int32(), nullable=False),
        pa.field("rule", pa.string(), nullable=False),
    ]
)
_FIELD_LINES = pa.struct(
    [
        pa.field("field", pa.string(), nullable=False),
        pa.field("first_line", pa.int32(), nullable=False),
        pa.field("last_line", pa.int32(), nullable=False),
    ]
)

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("page_hash", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("paper", pa.string()),
        pa.field("date", pa.date32()),
        pa.field("page", pa.int32()),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("position", pa.int32(), nullable=False),
        pa.field("kicker", pa.string()),
        pa.field("title", pa.string()),
        pa.field("subtitle", pa.string()),
        pa.field("dateline", pa.string()),
        pa.field("byline", pa.string()),
        pa.field("authors", pa.list_(pa.field("item", pa.string(), nullable=False)), False),
        pa.field("continued_from", pa.int32()),
        pa.field("continues_to", pa.int32()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("paragraphs", pa.list_(pa.field("item", _PARAGRAPH, nullable=False)), False),
        pa.field("field_lines", pa.list_(pa.field("item", _FIELD_LINES, nullable=False)), False),
        pa.field("mentions", pa.string()),
    ],
    metadata={"schema": SCHEMA_NAME, "version": str(SCHEMA_VERSION)},
)
"""One row per article; see the table in this module's docstring."""

COLUMNS: tuple[str, ...] = tuple(ARTICLE_SCHEMA.names)
"""The column names, in order (also the keys of a JSONL line)."""


def to_arrow_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row as pyarrow takes it: the date as a date, the mentions as JSON text."""
    out = dict(row)
    if row["date"] is not None:
        out["date"] = dt.date.fromisoformat(row["date"])
    if row["mentions"] is not None:
        out["mentions"] = json.dumps(row["mentions"], ensure_ascii=False)
    return out


def from_arrow_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row read from Parquet (``Table.to_pylist``) in its JSONL form."""
    out = dict(row)
    if row["date"] is not None:
        out["date"] = row["date"].isoformat()
    if row["mentions"] is not None:
        out["mentions"] = json.loads(row["mentions"])
    return out


def to_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Rows (JSONL form, from ``banmian.batch.rows``) as a table of ``ARTICLE_SCHEMA``."""
    return pa.Table.from_pylist([to_arrow_row(r) for r in rows], schema=ARTICLE_SCHEMA)
