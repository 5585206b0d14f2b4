"""JSON-LD: every article as a schema.org ``NewsArticle``, in one document's ``@graph``.

Properties: ``headline`` (the title), ``alternativeHeadline`` (kicker and subtitle),
``author`` (each a ``Person``), ``creditText`` (the byline as printed), ``dateline``,
``datePublished`` (the issue date), ``publisher`` (the paper, an ``Organization``),
``articleBody`` (paragraphs joined by blank lines), ``pageStart`` and ``printPage`` (the
page), ``isPartOf`` (the ``PublicationIssue`` of that date, part of the ``Periodical``),
``identifier`` (the export id), ``inLanguage`` ``zh``.

With mentions (``export.entities``, each entity once): ``mentions``, a ``Person`` (``name``,
``jobTitle``: the title printed with them, a list when several), ``Organization`` or
``Place`` (``name`` normalized, ``identifier`` its GB/T 2260 code as a ``PropertyValue``)
per entity the article names; ``contributor``, a ``Person`` per name credited as reporter
that the byline lacks (a photographer); and from the dateline (``本报北京9月9日电``)
``locationCreated`` (its place) and ``dateCreated`` (its date): where and when the report
was filed, which is what these properties mean. ``contentLocation`` ("the location depicted
or described") is left out: an article names many places, and nothing tells which one it
is about. A page stored without enrichment gives none of these.

The document is written as it goes (``{"@context": …, "@graph": [`` … ``]}``), one article
at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from banmian.export.entities import GAZETTEER_CODE, NamedPerson, NamedPlace, article_entities

CONTEXT = "https://schema.org"
"""The document's ``@context``."""


def person_node(person: NamedPerson) -> dict[str, Any]:
    """A person as a schema.org ``Person``."""
    node: dict[str, Any] = {"@type": "Person", "name": person.name}
    if person.titles:
        node["jobTitle"] = person.titles[0] if len(person.titles) == 1 else list(person.titles)
    return node


def place_node(place: NamedPlace) -> dict[str, Any]:
    """A place as a schema.org ``Place``, its division code as its identifier."""
    node: dict[str, Any] = {"@type": "Place", "name": place.name}
    if place.code:
        node["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": GAZETTEER_CODE,
            "value": place.code,
        }
    return node


def mention_properties(record: dict[str, Any]) -> dict[str, Any]:
    """What the record's mentions add to its node (nothing without mentions)."""
    found = article_entities(record)
    if found is None:
        return {}
    props: dict[str, Any] = {}
    mentioned = [
        *(person_node(p) for p in found.people),
        *({"@type": "Organization", "name": name} for name in found.organizations),
        *(place_node(p) for p in found.places),
    ]
    if mentioned:
        props["mentions"] = mentioned
    if found.credits:
        props["contributor"] = [{"@type": "Person", "name": name} for name in found.credits]
    if found.filed_at is not None:
        props["locationCreated"] = place_node(found.filed_at)
    if found.filed_on is not None:
        props["dateCreated"] = found.filed_on
    return props


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
            "articleBody": "\n\n".join(p["text"] for p in record["paragraphs"]),
            "pageStart": str(record["page"]),
            "printPage": str(record["page"]),
            "isPartOf": {
                "@type": "PublicationIssue",
                "datePublished": record["date"],
                "isPartOf": {"@type": "Periodical", "name": record["paper"], "publisher": paper},
            },
        }
    )
    node.update(mention_properties(record))
    return node


def write_jsonld(records: Iterable[dict[str, Any]], out: BinaryIO, *, mentions: bool = True) -> int:
    """Write the records as one JSON-LD document; return how many (a node carries mentions
    when its record holds them, so ``mentions`` changes nothing here)."""
    out.write(f'{{"@context": "{CONTEXT}", "@graph": [\n'.encode())
    count = 0
    for record in records:
        if count:
            out.write(b",\n")
        out.write(json.dumps(news_article(record), ensure_ascii=False).encode("utf-8"))
        count += 1
    out.write(b"\n]}\n")
    return count
