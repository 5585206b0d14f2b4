"""An article as flat columns: what batch rows and export records both hold.

``banmian.batch.rows`` and ``banmian.export.records`` write an article with the same
column names and values (``tests/test_export.py`` compares them page by page); this is
the one place that builds them, from the JSON serializer (``banmian.serialize.json``), so
a column says what ``banmian parse`` says of the article and the two cannot drift apart.
Only the shape changes: line ranges become first and last line, field lines a list.
"""

from __future__ import annotations

from typing import Any

from banmian.model import Article
from banmian.serialize.json import article_to_dict


def article_columns(
    article: Article,
    *,
    paper: str | None,
    date: str | None,
    page: int | None,
    position: int,
    spans: bool = False,
) -> dict[str, Any]:
    """The article's columns, from ``paper`` to ``field_lines``, in order.

    ``position`` is its place on its page (from 1); with ``spans`` each paragraph also
    carries its source spans (``[line, start, end]``, lines of the page's raw text).
    """
    data = article_to_dict(article)
    paragraphs = []
    for para, source in zip(data["paragraphs"], article.paragraphs, strict=True):
        column = {
            "type": para["type"],
            "text": para["text"],
            "first_line": para["lines"][0],
            "last_line": para["lines"][1],
            "rule": para["rule"],
        }
        if spans:
            column["spans"] = [[s.line, s.start, s.end] for s in source.spans]
        paragraphs.append(column)
    return {
        "paper": paper,
        "date": date,
        "page": page,
        "article_id": article.id,
        "position": position,
        "kicker": data["kicker"],
        "title": data["title"],
        "subtitle": data["subtitle"],
        "dateline": data["dateline"],
        "byline": data["byline"],
        "authors": data["authors"],
        "continued_from": article.continued_from,
        "continues_to": article.continues_to,
        "text": "\n".join(p["text"] for p in paragraphs),
        "paragraphs": paragraphs,
        "field_lines": [
            {"field": name, "first_line": lines[0], "last_line": lines[1]}
            for name, lines in data["source_lines"].items()
            if lines is not None
        ],
    }
