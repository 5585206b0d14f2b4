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


def _cleaned(text: str) -> str:
    """Text as it is aligned with its source: spaces dropped, full-width folded."""
    return fold_fullwidth("".join(text.split()))


def _align(raw: dict[int, str], holder: Field | Paragraph, text: str) -> list[int]:
    """The source line of each character of ``text`` (cleaned), matched in order.

    Cleaning only drops or collapses whitespace, and a field may drop brackets and dashes
    around its parts, so the cleaned text's non-space characters are a subsequence of the
    source's: matched greedily, left to right, each finds its line. The alignment stops at
    the first character the source lacks (the list is then shorter than ``text``).
    """
    chars = [
        (ch, s.line)
        for s in holder.spans
        for ch in raw.get(s.line, "")[s.start : s.end]
        if not ch.isspace()
    ]
    # Folding is one character for one, but reads context (１．２): fold the whole run.
    folded = fold_fullwidth("".join(ch for ch, _ in chars))
    lines: list[int] = []
    i = 0
    for ch in text:
        i = folded.find(ch, i)
        if i < 0:
            break
        lines.append(chars[i][1])
        i += 1
    return lines


Alignments = dict[tuple[str, int | None], tuple[str, list[int]]]
"""An article's holders (by field and paragraph) aligned whole: cleaned text, lines."""


def _mention_lines(
    raw: dict[int, str], art: Article, m: Mention, aligned: Alignments | None = None
) -> list[int] | None:
    """First and last source line of a mention.

    The holder's text is aligned up to the mention's end. Given ``aligned``, the holder's
    whole text is aligned once and kept there: greedy alignment of a prefix begins as the
    whole text's does, so the prefix's lines are read from it, unless folding reads the
    prefix otherwise than the whole (１．２ cut after １．), which is aligned by itself.
    """
    holder = _holder(art, m)
    if holder is None:
        return None
    prefix = _cleaned(holder.text[: m.end])
    whole = None
    if aligned is not None:
        key = (m.field, m.paragraph)
        if key not in aligned:
            text = _cleaned(holder.text)
            aligned[key] = (text, _align(raw, holder, text))
        whole = aligned[key]
    if whole is not None and whole[0].startswith(prefix):
        lines = whole[1][: len(prefix)]
    else:
        lines = _align(raw, holder, prefix)
    if len(lines) < len(prefix):
        return None  # the source lacks a character
    count = len("".join(m.text.split()))
    return [lines[-count], lines[-1]] if count else None


def article_mentions(raw: dict[int, str], art: Article) -> list[dict[str, Any]]:
    """The article's mentions as ``mention_to_dict`` gives each, each holder aligned once
    (not once per mention: a paragraph may hold dozens)."""
    aligned: Alignments = {}
    return [_mention_dict(raw, art, m, aligned) for m in art.mentions]


def mention_to_dict(raw: dict[int, str], art: Article, m: Mention) -> dict[str, Any]:
    """A mention as a JSON-ready dict: type, text, where it is, normalized values."""
    return _mention_dict(raw, art, m, None)


def _mention_dict(
    raw: dict[int, str], art: Article, m: Mention, aligned: Alignments | None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": m.type.value,
        "text": m.text,
        "span": {
            "field": m.field,
            "paragraph": m.paragraph,
            "start": m.start,
            "end": m.end,
            "lines": _mention_lines(raw, art, m, aligned),
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
            article_to_dict(a) | ({"mentions": article_mentions(raw, a)} if page.enriched else {})
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
