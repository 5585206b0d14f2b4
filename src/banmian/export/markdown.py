"""Markdown: one section per article, for reading (and for feeding text models).

Each article opens with an HTML comment holding its id (``<!-- banmian:article id -->``), then
``## title`` (``## (untitled)`` when it has none), the kicker and subtitle in italics, a
line of metadata (paper, date, page, dateline, byline), and its paragraphs, a heading as
``###``, a caption in italics. Articles are separated by a ``---`` line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

UNTITLED = "(untitled)"
"""The heading of an article without a title."""


def article_markdown(record: dict[str, Any]) -> str:
    """One article as a Markdown section."""
    lines = [f"<!-- banmian:article {record['id']} -->", f"## {record['title'] or UNTITLED}", ""]
    for name in ("kicker", "subtitle"):
        if record[name]:
            lines += [f"*{record[name]}*", ""]
    meta = [f"{record['paper']} {record['date']} 第{record['page']}版"]
    meta += [record[name] for name in ("dateline", "byline") if record[name]]
    lines += [" · ".join(meta), ""]
    for para in record["paragraphs"]:
        text = para["text"]
        if para["type"] == "heading":
            text = f"### {text}"
        elif para["type"] == "caption":
            text = f"*{text}*"
        lines += [text, ""]
    return "\n".join(lines)


def write_markdown(records: Iterable[dict[str, Any]], out: BinaryIO) -> int:
    """Write the records as one Markdown document; return how many."""
    count = 0
    for record in records:
        if count:
            out.write(b"---\n\n")
        out.write(article_markdown(record).encode("utf-8"))
        count += 1
    return count
