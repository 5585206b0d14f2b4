"""Entities and their appearances as CSV, JSON or text (what ``banmian entities`` prints).

Two tables: the **entities** of an archive (type, key, articles naming them, first and last
issue date, a person's titles) and the **appearances** of one entity (every article naming
it, with the title a person held then). CSV has a header row and one row per record (a
person's titles joined by ``; ``, booleans ``true``/``false``/empty); JSON is an array of
objects with the same fields (titles a list, booleans ``true``/``false``/``null``); text is
for people to read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from banmian.archive.records import Appearance, EntityInfo

ENTITY_COLUMNS = ("type", "key", "articles", "first_date", "last_date", "titles")
"""The fields of an entity row, in order."""
APPEARANCE_COLUMNS = (
    *("type", "key", "paper", "date", "page", "article_id", "article_title", "text"),
    *("mentions", "title", "organization", "role", "spoke", "attended"),
)
"""The fields of an appearance row, in order."""
TITLE_SEPARATOR = "; "
"""Between a person's titles in a CSV cell (titles hold 、 and ，, never a semicolon)."""

TYPE_LABELS = {"person": "人物", "organization": "机构", "place": "地点"}
"""Chinese labels of the entity types, for text output."""


def _cell(value: Any) -> str:
    """A value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return TITLE_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _csv(columns: Sequence[str], records: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record[c]) for c in columns])
    return out.getvalue()


def entity_dict(info: EntityInfo) -> dict[str, Any]:
    """An entity as a JSON-ready dict."""
    return {c: getattr(info, c) for c in ENTITY_COLUMNS}


def appearance_dict(app: Appearance) -> dict[str, Any]:
    """An appearance as a JSON-ready dict."""
    data = asdict(app)
    return {c: data[c] for c in APPEARANCE_COLUMNS}


def entities_csv(entities: Sequence[EntityInfo]) -> str:
    """Entities as CSV, header first."""
    return _csv(ENTITY_COLUMNS, [entity_dict(e) for e in entities])


def appearances_csv(appearances: Sequence[Appearance]) -> str:
    """Appearances as CSV, header first."""
    return _csv(APPEARANCE_COLUMNS, [appearance_dict(a) for a in appearances])


def _json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def entities_json(entities: Sequence[EntityInfo]) -> str:
    """Entities as a JSON array."""
    return _json([entity_dict(e) for e in entities])


def appearances_json(appearances: Sequence[Appearance]) -> str:
    """Appearances as a JSON array."""
    return _json([appearance_dict(a) for a in appearances])


def entities_text(entities: Sequence[EntityInfo]) -> str:
    """Entities for people: one line each, counts first."""
    if not entities:
        return "no entities found\n"
    lines = []
    for e in entities:
        dates = e.first_date if e.first_date == e.last_date else f"{e.first_date}..{e.last_date}"
        noun = "article" if e.articles == 1 else "articles"
        line = f"{TYPE_LABELS[e.type]} {e.key}  {e.articles} {noun}, {dates}"
        if e.titles:
            line += "  " + " / ".join(e.titles)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _doing(app: Appearance) -> str:
    parts = [p for p, on in (("spoke", app.spoke), ("attended", app.attended)) if on]
    return f" ({', '.join(parts)})" if parts else ""


def appearances_text(appearances: Sequence[Appearance]) -> str:
    """Appearances for people: one line per article, latest first."""
    if not appearances:
        return "no appearances found\n"
    lines = []
    for a in appearances:
        title = a.article_title or "(untitled)"
        held = f"  [{a.title}]" if a.title else ""
        lines.append(
            f"{a.date} {a.paper} p{a.page} {a.article_id}  {title}  — {a.text}{held}{_doing(a)}"
        )
    return "\n".join(lines) + "\n"


ENTITY_FORMATS: dict[str, Callable[[Sequence[EntityInfo]], str]] = {
    "csv": entities_csv,
    "json": entities_json,
    "text": entities_text,
}
"""Entities in each output format."""
APPEARANCE_FORMATS: dict[str, Callable[[Sequence[Appearance]], str]] = {
    "csv": appearances_csv,
    "json": appearances_json,
    "text": appearances_text,
}
"""Appearances in each output format."""
