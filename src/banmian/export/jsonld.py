"""JSON-LD: every article as a schema.org ``NewsArticle``, in one document's ``@graph``.

Properties: ``headline`` (the title), ``alternativeHeadline`` (kicker and subtitle),
``author`` (each a ``Person``), ``creditText`` (the byline as printed), ``dateline``,
``datePublished`` (the issue date), ``publisher`` (the paper, an ``Organization``),
``articleBody`` (paragraphs joined by blank lines), ``pageStart`` and ``printPage`` (the
page), ``isPartOf`` (the ``PublicationIssue`` of that date, part of the ``Periodical``),
``identifier`` (the export id), ``inLanguage`` ``zh``. The document is written as it goes
(``{"@context": …, "@graph": [`` … ``]}``), one article at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

CONTEXT = "https://schema.org"
"""The document's ``@context``."""


def news_article(record: dict[str, Any]) -> dict[str, Any]:
    """One record as a schema.org ``NewsArticle`` node."""
    paper = {"@type": "Organization", "name": record["paper"]}
    node: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": f"urn:banmian:{record['id']}",
        "identifier": record["id"],
        "inLanguage": "zh",
        "headline": record["title"] or "",
    }
    alternative = [record[n] for n in ("kicker", "subtitle") if record[n]]
    if alternative:
        node["alternativeHeadline"] = alternative[0] if len(alternative) == 1 else alternative
    if record["authors"]:
        node["author"] = [{"@type": "Person", "name": name} for name in record["authors"]]
    if record["byline"]:
        node["creditText"] = record["byline"]
    if record["dateline"]:
        node["dateline"] = record["dateline"]
    node.update(
        {
            "datePublished": record["date"],
            "publisher": paper,
            "articleBody": record["text"],
            "pageStart": str(record["page"]),
            "printPage": str(record["page"]),
            "isPartOf": {
                "@type": "PublicationIssue",
                "datePublished": record["date"],
                "isPartOf": {"@type": "Periodical", "name": record["paper"], "publisher": paper},
            },
        }
    )
    return node


def write_jsonld(records: Iterable[dict[str, Any]], out: BinaryIO) -> int:
    """Write the records as one JSON-LD document; return how many."""
    out.write(f'{{"@context": "{CONTEXT}", "@graph": [\n'.encode())
    count = 0
    for record in records:
        if count:
            out.write(b",\n")
        out.write(json.dumps(news_article(record), ensure_ascii=False).encode("utf-8"))
        count += 1
    out.write(b"\n]}\n")
    return count
