"""Entities from mentions: one article's say on a person, the top entities among search hits.

Enrichment stores every mention (``mentions`` table); readers want entities: a person with
how many articles name them and under which titles, each article where they appear with
the title they held then, the people most often named among the hits of a search. The
backend counts; this module turns its rows into records (no SQL here).
"""

from __future__ import annotations

from collections.abc import Iterable

from banmian.archive.records import ENTITY_TYPES, Appearance, Facet
from banmian.archive.sqlite import ArticleRef, PersonMention
from banmian.errors import QuerySyntaxError

FACET_WINDOW = 500
"""Most hits whose entities facets count: all hits when there are no more, else the
``FACET_WINDOW`` most recently stored of them. The bound keeps the cost down: about 10 ms
for 500 articles naming 14 entities each, on SQLite."""


def check_entity_type(type_: str) -> str:
    """``type_`` if it names an entity type, else ``QuerySyntaxError``."""
    if type_ not in ENTITY_TYPES:
        raise QuerySyntaxError(f"unknown entity type {type_!r}: one of {', '.join(ENTITY_TYPES)}")
    return type_


def _any(values: Iterable[bool | None]) -> bool | None:
    """True if any is true, False if all known are false, None if none is known."""
    known = [v for v in values if v is not None]
    return any(known) if known else None


def appearance(type_: str, key: str, ref: ArticleRef, mentions: list[PersonMention]) -> Appearance:
    """How one article presents an entity, from its mentions there (in text order).

    The text is the first mention's; a person's title is the first printed with them in
    the article (the title chain where they are introduced), its organization and role go
    with it; they spoke or attended if any mention says so.
    """
    titled = next((m for m in mentions if m.title), None)
    first = titled or (mentions[0] if mentions else None)
    return Appearance(
        type=type_,
        key=key,
        paper=ref.paper,
        date=ref.date,
        page=ref.page,
        article_id=ref.key,
        article_title=ref.title,
        text=mentions[0].text if mentions else key,
        mentions=len(mentions),
        title=titled.title if titled else None,
        organization=first.organization if first else None,
        role=first.role if first else None,
        spoke=_any(m.spoke for m in mentions),
        attended=_any(m.attended for m in mentions),
    )


def top_facets(counts: Iterable[tuple[str, str, int]], limit: int) -> list[Facet]:
    """The ``limit`` most frequent entities of each type, types in ``ENTITY_TYPES`` order."""
    by_type: dict[str, list[Facet]] = {t: [] for t in ENTITY_TYPES}
    for type_, key, count in counts:
        if type_ in by_type:
            by_type[type_].append(Facet(type_, key, count))
    out: list[Facet] = []
    for facets in by_type.values():
        facets.sort(key=lambda f: (-f.count, f.key))
        out += facets[:limit]
    return out
