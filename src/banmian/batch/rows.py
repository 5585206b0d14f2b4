"""A parsed page as batch rows: one dict per article, in the JSONL form of ``schema.py``.

The article's columns are those an export record has too (``banmian.serialize.columns``),
built from the JSON serializer, so a row says what ``banmian parse`` says of the article;
only their shape changes (line ranges as first and last line, field lines as a list).
Nothing here depends on the run, so the same page gives the same rows in any run, on any
worker.
"""

from __future__ import annotations

from typing import Any

from banmian.model import Page
from banmian.serialize.columns import article_columns
from banmian.serialize.json import article_mentions


def page_rows(page: Page, *, page_hash: str, source: str) -> list[dict[str, Any]]:
    """The rows of a parsed (and perhaps enriched) page, articles in page order."""
    raw = {ln.number: ln.raw for ln in page.lines} if page.enriched else {}
    return [
        {
            "page_hash": page_hash,
            "source": source,
            **article_columns(
                art, paper=page.paper, date=page.date, page=page.page, position=position
            ),
            "mentions": article_mentions(raw, art) if page.enriched else None,
        }
        for position, art in enumerate(page.articles, start=1)
    ]
