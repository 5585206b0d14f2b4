"""CSV: one row per article, a header row first, UTF-8 with a BOM (spreadsheets read it so).

Columns are ``records.RECORD_FIELDS``; list columns (``authors``, ``paragraphs``) hold JSON,
so nothing is lost (paragraph types and spans included); a missing value is an empty cell.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from banmian.export.records import RECORD_FIELDS

JSON_COLUMNS = ("authors", "paragraphs")
"""Columns written as JSON."""


def csv_row(record: dict[str, Any]) -> list[str]:
    """A record as the cells of its row."""
    cells = []
    for name in RECORD_FIELDS:
        value = record[name]
        if name in JSON_COLUMNS:
            cells.append(json.dumps(value, ensure_ascii=False))
        else:
            cells.append("" if value is None else str(value))
    return cells


def write_csv(records: Iterable[dict[str, Any]], out: BinaryIO) -> int:
    """Write the records as CSV; return how many."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(RECORD_FIELDS)
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    text.flush()
    text.detach()
    return count
