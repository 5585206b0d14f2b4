"""Markdown: one section per article, for reading (and for feeding text models).

Each article opens with an HTML comment holding its id (``<!-- banmian:article id -->``), then
``## title`` (``## (untitled)`` when it has none), the kicker and subtitle in italics, a
line of metadata (paper, date, page, dateline, byline), and its paragraphs, a heading as
``###``, a caption in italics. An enriched article ends with what enrichment found, one line
per type (people with their titles, organizations, places, dates, sums, quantities), made
by the code that ends an article of ``banmian parse --enrich --format markdown``
(``banmian.serialize.markdown.entities_to_markdown``). Articles are separated by a ``---``
line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any, BinaryIO

from banmian.model import Article, Mention, MentionType
from banmian.serialize.markdown import entities_to_markdown

UNTITLED = "(untitled)"
"""The heading of an article without a title."""
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def mention_from_dict(data: dict[str, Any]) -> Mention:
    """A mention back from its JSON form (``banmian.serialize.json.mention_to_dict``)."""
    span = data["span"]
    values = {name: data[name] for name in _MENTION_FIELDS if name in data}
    values.update(
        type=MentionType(data["type"]),
        field=span["field"],
        paragraph=span["paragraph"],
        start=span["start"],
        end=span["end"],
    )
    return Mention(**values)


def entity_lines(record: dict[str, Any]) -> str:
    """The list of what the record's article names, as ``parse --enrich`` ends an article
    (empty without mentions)."""
    mentions = record.get("mentions")
    if not mentions:
        return ""
    article = Article(id=record["article_id"], mentions=[mention_from_dict(m) for m in mentions])
    return entities_to_markdown(article)


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
    entities = entity_lines(record)
    if entities:
        lines += [entities]
    return "\n".join(lines)


def write_markdown(
    records: Iterable[dict[str, Any]], out: BinaryIO, *, mentions: bool = True
) -> int:
    """Write the records as one Markdown document; return how many (an article lists its
    mentions when its record holds them, so ``mentions`` changes nothing here)."""
    count = 0
    for record in records:
        if count:
            out.write(b"---\n\n")
        out.write(article_markdown(record).encode("utf-8"))
        count += 1
    return count
