"""The people, organizations and places an exported article names: one list for every format.

A record's ``mentions`` hold every mention as enrichment found it, each occurrence apart;
the CSV's ``people`` / ``organizations`` / ``places`` columns, JSON-LD's ``mentions`` and
NITF's ``identified-content`` list the entities instead, each once, in the order the article
first names them (``article_entities``):

- **people** by name, with every distinct title they are printed with (a list may give one
  person two). People named as reporters (``role`` ``reporter``: bylines, datelines, photo
  credits) are credits, not what the article is about: they are left out, the byline's
  names being the record's ``authors`` already; a credited name the byline lacks (a
  photographer's) is listed apart (``credits``: JSON-LD ``contributor``);
- **organizations** by their text as printed (enrichment finds them by suffix and does not
  normalize them);
- **places** by their normalized name (``江苏省无锡市锡山区``), with their GB/T 2260 code when
  the gazetteer knows it.

A dispatch's dateline (``本报北京9月9日电``, ``新华社武汉10月14日电``) says where and when the
report was filed: ``filed_on`` is the dateline's date, ``filed_at`` the place printed right
before that date (JSON-LD ``locationCreated`` and ``dateCreated``). A place elsewhere in a
dateline does not count: in ``湖北日报讯`` the place found is the paper's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

GAZETTEER_CODE = "GB/T 2260"
"""What a place's code is: China's administrative division codes."""

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
"""A resolved day (not a month, a year or a range)."""


@dataclass(frozen=True, slots=True)
class NamedPerson:
    """A person an article names."""

    name: str
    titles: tuple[str, ...]
    """Every distinct title printed with them, in order (empty when none)."""


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A place an article names."""

    name: str
    """The normalized name (the printed text when the gazetteer has none)."""
    code: str | None
    """The GB/T 2260 code, when known."""


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    """What an article names, each entity once (see the module's docstring)."""

    people: tuple[NamedPerson, ...]
    organizations: tuple[str, ...]
    places: tuple[NamedPlace, ...]
    credits: tuple[str, ...]
    """Names credited as reporters that the byline's authors lack."""
    filed_at: NamedPlace | None
    """The dateline's place."""
    filed_on: str | None
    """The dateline's date (ISO, with ``THH:MM`` when a time is given)."""


def _place(mention: dict[str, Any]) -> NamedPlace:
    return NamedPlace(str(mention.get("name") or mention["text"]), mention.get("code"))


def _filed_on(mention: dict[str, Any]) -> str | None:
    value = mention.get("value")
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    time = mention.get("time")
    return f"{value}T{time}" if isinstance(time, str) and len(time) == 5 else value


def article_entities(record: dict[str, Any]) -> ArticleEntities | None:
    """The entities of a record, or None when it holds no mentions (a page stored without
    enrichment, or an export without them)."""
    mentions: Sequence[dict[str, Any]] | None = record.get("mentions")
    if mentions is None:
        return None
    titles: dict[str, list[str]] = {}
    organizations: dict[str, None] = {}
    places: dict[str, NamedPlace] = {}
    credits: dict[str, None] = {}
    dateline_places: dict[int, NamedPlace] = {}  # by where they end
    filed_at: NamedPlace | None = None
    filed_on: str | None = None
    for m in mentions:
        kind, in_dateline = m["type"], m["span"]["field"] == "dateline"
        if kind == "person":
            name = str(m.get("name") or m["text"])
            if m.get("role") == "reporter":
                if name not in record["authors"]:
                    credits.setdefault(name)
                continue
            held = titles.setdefault(name, [])
            if m.get("title") and m["title"] not in held:
                held.append(m["title"])
        elif kind == "organization":
            organizations.setdefault(str(m.get("name") or m["text"]))
        elif kind == "place":
            place = _place(m)
            places.setdefault(place.name, place)
            if in_dateline:
                dateline_places[m["span"]["end"]] = place
        elif kind == "date" and in_dateline and filed_on is None:
            filed_on = _filed_on(m)
            if filed_on is not None:
                filed_at = dateline_places.get(m["span"]["start"])
    return ArticleEntities(
        people=tuple(NamedPerson(name, tuple(held)) for name, held in titles.items()),
        organizations=tuple(organizations),
        places=tuple(places.values()),
        credits=tuple(c for c in credits if c not in titles),
        filed_at=filed_at,
        filed_on=filed_on,
    )
