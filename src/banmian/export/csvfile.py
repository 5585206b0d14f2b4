"""CSV: one row per article, a header row first, UTF-8 with a BOM (spreadsheets read it so).

Columns are the record's (``records.record_fields``) and, with mentions, three more for
reading in a spreadsheet (``ENTITY_COLUMNS``): ``people``, ``organizations`` and ``places``,
the names ``export.entities`` lists (people without reporters, places normalized), each once,
joined by ``; ``, so that a filter on a cell finds the articles naming someone or somewhere.
The list columns (``authors``, ``paragraphs``, ``field_lines``, ``mentions``) hold JSON, so
nothing is lost (paragraph spans and every mention with its offsets included). A missing
value is an empty cell: ``mentions`` is empty for a page stored without enrichment and
``[]`` for an enriched article naming nothing (the entity columns are empty for both).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from banmian.export.entities import article_entities
from banmian.export.records import record_fields

JSON_COLUMNS = ("authors", "paragraphs", "field_lines", "mentions")
"""Columns written as JSON."""
ENTITY_COLUMNS = ("people", "organizations", "places")
"""The columns of names added with mentions."""
NAME_SEPARATOR = "; "
"""Between the names in an entity cell (as in ``banmian entities``' title cells)."""


def csv_columns(mentions: bool = True) -> tuple[str, ...]:
    """The header, with or without the mention columns."""
    return (*record_fields(mentions), *ENTITY_COLUMNS) if mentions else record_fields(False)


def _names(names: Iterable[str]) -> str:
    # A name never holds the separator; a stray one is kept full-width so cells split right.
    return NAME_SEPARATOR.join(name.replace(";", "；") for name in names)


def entity_cells(record: dict[str, Any]) -> dict[str, str]:
    """The entity columns of a record (empty cells when it holds no mentions)."""
    found = article_entities(record)
    if found is None:
        return dict.fromkeys(ENTITY_COLUMNS, "")
    return {
        "people": _names(p.name for p in found.people),
        "organizations": _names(found.organizations),
        "places": _names(p.name for p in found.places),
    }


def csv_row(record: dict[str, Any], columns: tuple[str, ...]) -> list[str]:
    """A record as the cells of its row."""
    values = record | entity_cells(record) if "people" in columns else record
    cells = []
    for name in columns:
        value = values[name]
        if value is None:
            cells.append("")
        elif name in JSON_COLUMNS:
            cells.append(json.dumps(value, ensure_ascii=False))
        else:
            cells.append(str(value))
    return cells


def write_csv(records: Iterable[dict[str, Any]], out: BinaryIO, *, mentions: bool = True) -> int:
    """Write the records as CSV (with the mention columns unless ``mentions`` is false);
    return how many."""
    columns = csv_columns(mentions)
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow(csv_row(record, columns))
        count += 1
    text.flush()
    text.detach()
    return count
