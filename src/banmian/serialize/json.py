"""The documented, versioned JSON form of a page (schema ``banmian.page``, version 1).

Fields beyond those of the issue's schema (``lines`` on articles and fields, ``rule`` and
``kind`` on unassigned blocks) only add provenance; consumers may ignore them.
"""

from __future__ import annotations

import json
from typing import Any

from banmian.model import SCHEMA_NAME, SCHEMA_VERSION, Article, Block, Field, Page, Span


def _line_range(spans: list[Span]) -> list[int]:
    return [min(s.line for s in spans), max(s.line for s in spans)]


def _field(f: Field | None) -> str | None:
    return f.text if f else None


def _field_lines(f: Field | None) -> list[int] | None:
    return _line_range(f.spans) if f and f.spans else None


def article_to_dict(art: Article) -> dict[str, Any]:
    """An article as a JSON-ready dict."""
    return {
        "id": art.id,
        "title": _field(art.title),
        "kicker": _field(art.kicker),
        "subtitle": _field(art.subtitle),
        "dateline": _field(art.dateline),
        "byline": _field(art.byline),
        "authors": list(art.authors),
        "continued_from": {"page": art.continued_from} if art.continued_from else None,
        "continues_to": {"page": art.continues_to} if art.continues_to else None,
        "paragraphs": [
            {"type": p.type.value, "text": p.text, "lines": list(p.lines), "rule": p.rule}
            for p in art.paragraphs
        ],
        "source_lines": {
            name: _field_lines(f)
            for name, f in (
                ("title", art.title),
                ("kicker", art.kicker),
                ("subtitle", art.subtitle),
                ("dateline", art.dateline),
                ("byline", art.byline),
            )
            if f
        },
    }


def block_to_dict(block: Block) -> dict[str, Any]:
    """An unassigned block as a JSON-ready dict."""
    return {
        "kind": block.kind.value,
        "text": block.text,
        "lines": _line_range(block.spans),
        "rule": block.rule,
    }


def page_to_dict(page: Page) -> dict[str, Any]:
    """A page as a JSON-ready dict following schema ``banmian.page`` v1."""
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "paper": page.paper,
        "date": page.date,
        "page": page.page,
        "articles": [article_to_dict(a) for a in page.articles],
        "unassigned": [block_to_dict(b) for b in page.unassigned],
        "warnings": [
            {"code": w.code, "message": w.message, "lines": list(w.lines) if w.lines else None}
            for w in page.warnings
        ],
    }


def page_to_json(page: Page) -> str:
    """A page as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(page_to_dict(page), ensure_ascii=False, indent=2) + "\n"
