"""The documented, versioned JSON form of a page (schema ``banmian.page``, version 1).

Fields beyond those of the issue's schema (``lines`` on articles and fields, ``rule`` and
``kind`` on unassigned blocks) only add provenance; consumers may ignore them.
"""

from __future__ import annotations

import json
from typing import Any

from banmian.model import (
    SCHEMA_NAME,
    SCHEMA_VERSION,
    Article,
    Block,
    Field,
    Mention,
    Page,
    Paragraph,
    Span,
)
from banmian.normalize import fold_fullwidth


def _line_range(spans: list[Span]) -> list[int]:
    return [min(s.line for s in spans), max(s.line for s in spans)]


def _field(f: Field | None) -> str | None:
    return f.text if f else None


def _field_lines(f: Field | None) -> list[int] | None:
    return _line_range(f.spans) if f and f.spans else None


_MENTION_VALUES = (
    *("name", "title", "organization", "role", "spoke", "attended"),
    *("value", "time", "unit", "code"),
)
"""Normalized fields a mention may carry (only those set are written)."""


def _holder(art: Article, m: Mention) -> Field | Paragraph | None:
    """The field, paragraph or marker whose text holds the mention."""
    if m.field == "paragraph" and m.paragraph is not None:
        return art.paragraphs[m.paragraph]
    if m.field == "marker" and m.paragraph is not None:
        return art.markers[m.paragraph]
    held = getattr(art, m.field, None)
    return held if isinstance(held, Field) else None


def _mention_lines(raw: dict[int, str], art: Article, m: Mention) -> list[int] | None:
    """First and last source line of a mention.

    Cleaning only drops or collapses whitespace, and a field may drop brackets and dashes
    around its parts, so the cleaned text's non-space characters are a subsequence of the
    source's: matched in order, each character of the mention finds its line.
    """
    holder = _holder(art, m)
    if holder is None:
        return None
    chars = [
        (ch, s.line)
        for s in holder.spans
        for ch in raw.get(s.line, "")[s.start : s.end]
        if not ch.isspace()
    ]
    # Folding is one character for one, but reads context (１．２): fold the whole run.
    folded = fold_fullwidth("".join(ch for ch, _ in chars))
    source = [(ch, line) for ch, (_, line) in zip(folded, chars, strict=True)]
    lines: list[int] = []  # the line of each non-space character of the cleaned text
    i = 0
    for ch in fold_fullwidth("".join(holder.text[: m.end].split())):
        while i < len(source) and source[i][0] != ch:
            i += 1
        if i == len(source):
            return None
        lines.append(source[i][1])
        i += 1
    count = len("".join(m.text.split()))
    return [lines[-count], lines[-1]] if count else None


def mention_to_dict(raw: dict[int, str], art: Article, m: Mention) -> dict[str, Any]:
    """A mention as a JSON-ready dict: type, text, where it is, normalized values."""
    out: dict[str, Any] = {
        "type": m.type.value,
        "text": m.text,
        "span": {
            "field": m.field,
            "paragraph": m.paragraph,
            "start": m.start,
            "end": m.end,
            "lines": _mention_lines(raw, art, m),
        },
        "rule": m.rule,
        "confidence": m.confidence,
    }
    for name in _MENTION_VALUES:
        value = getattr(m, name)
        if value is not None:
            out[name] = value
    return out


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
    """A page as a JSON-ready dict following schema ``banmian.page`` v1.

    An enriched page's articles carry their ``mentions`` too.
    """
    raw = {ln.number: ln.raw for ln in page.lines} if page.enriched else {}
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "paper": page.paper,
        "date": page.date,
        "page": page.page,
        "articles": [
            article_to_dict(a)
            | (
                {"mentions": [mention_to_dict(raw, a, m) for m in a.mentions]}
                if page.enriched
                else {}
            )
            for a in page.articles
        ],
        "unassigned": [block_to_dict(b) for b in page.unassigned],
        "warnings": [
            {"code": w.code, "message": w.message, "lines": list(w.lines) if w.lines else None}
            for w in page.warnings
        ],
    }


def page_to_json(page: Page) -> str:
    """A page as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(page_to_dict(page), ensure_ascii=False, indent=2) + "\n"
