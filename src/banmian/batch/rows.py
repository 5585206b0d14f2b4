"""A parsed page as batch rows: one dict per article, in the JSONL form of ``schema.py``.

The fields come from the JSON serializer (``banmian.serialize.json``), so a row says what
``banmian parse`` says of the article; only their shape changes (line ranges as first and
last line, field lines as a list). Nothing here depends on the run, so the same page gives
the same rows in any run, on any worker.
"""

from __future__ import annotations

from typing import Any

from banmian.model import Page
from banmian.serialize.json import article_mentions, article_to_dict


def page_rows(page: Page, *, page_hash: str, source: str) -> list[dict[str, Any]]:
    """The rows of a parsed (and perhaps enriched) page, articles in page order."""
    raw = {ln.number: ln.raw for ln in page.lines} if page.enriched else {}
    rows = []
    for position, art in enumerate(page.articles, start=1):
        data = article_to_dict(art)
        paragraphs = [
            {
                "type": p["type"],
                "text": p["text"],
                "first_line": p["lines"][0],
                "last_line": p["lines"][1],
                "rule": p["rule"],
            }
            for p in data["paragraphs"]
        ]
        rows.append(
            {
                "page_hash": page_hash,
                "source": source,
                "paper": page.paper,
                "date": page.date,
                "page": page.page,
                "article_id": art.id,
                "position": position,
                "kicker": data["kicker"],
                "title": data["title"],
                "subtitle": data["subtitle"],
                "dateline": data["dateline"],
                "byline": data["byline"],
                "authors": data["authors"],
                "continued_from": art.continued_from,
                "continues_to": art.continues_to,
                "text": "\n".join(p["text"] for p in paragraphs),
                "paragraphs": paragraphs,
                "field_lines": [
                    {"field": name, "first_line": lines[0], "last_line": lines[1]}
                    for name, lines in data["source_lines"].items()
                    if lines is not None
                ],
                "mentions": article_mentions(raw, art) if page.enriched else None,
            }
        )
    return rows
