"""The reader's entity pages: people, organizations and places, each type's index and each
one's page listing every article that names it (a person with the title held then).

``/people``, ``/organizations``, ``/places``: the entities of a type, in most articles first,
with a ``prefix`` filter and paging (``p``). ``/people/{name}``, ``/organizations/{key}``,
``/places/{key}``: one entity, latest issue first. They need a reader that is also an
``EntityReader``; with any other the pages answer 404.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from banmian.archive.records import ArchiveReader, EntityReader
from banmian.web import payload
from banmian.web.entities import TYPE_LABELS
from banmian.web.errors import NotFound
from banmian.web.negotiate import respond
from banmian.web.urls import Links
from banmian.web.views import Endpoint, pager, positive

INDEX_LIMIT = 100
"""Entities on one page of an index."""
APPEARANCE_LIMIT = 50
"""Articles on one page of an entity's page."""


def entity_reader(request: Request) -> EntityReader | None:
    """The app's reader as an ``EntityReader``, or ``None`` when it knows no entities."""
    reader: ArchiveReader = request.app.state.reader
    return reader if isinstance(reader, EntityReader) else None


def _entities_of(request: Request) -> EntityReader:
    reader = entity_reader(request)
    if reader is None:
        raise NotFound("this archive's reader keeps no people, organizations or places")
    return reader


def _links(request: Request) -> Links:
    return Links(request.scope.get("root_path", ""))


def entity_index(type_: str) -> Endpoint:
    """The view of one type's index."""

    async def index(request: Request) -> Response:
        """The entities of one type, in most articles first, a page at a time."""
        reader = _entities_of(request)
        params = request.query_params
        prefix = params.get("prefix", "").strip() or None
        number = positive(params.get("p", ""), "p", 1) or 1
        offset = (number - 1) * INDEX_LIMIT
        found = reader.entities(type_, prefix=prefix, limit=INDEX_LIMIT + 1, offset=offset)
        more, found = len(found) > INDEX_LIMIT, found[:INDEX_LIMIT]
        links = _links(request)
        context = {
            "type": type_,
            "label": TYPE_LABELS[type_],
            "entities": found,
            "prefix": prefix,
            "number": number,
            "first": offset + 1,
            "previous": links.entities(type_, prefix=prefix, p=number - 1) if number > 1 else None,
            "next": links.entities(type_, prefix=prefix, p=number + 1) if more else None,
        }
        data = {
            "type": type_,
            "prefix": prefix,
            "entities": [payload.entity_dict(e, links) for e in found],
            "previous": context["previous"],
            "next": context["next"],
        }
        return respond(request, "entities.html", context, data)

    index.__name__ = f"{type_}_index"
    return index


def entity_page(type_: str) -> Endpoint:
    """The view of one entity's page."""

    async def page(request: Request) -> Response:
        """One entity: its counts, then every article naming it, latest issue first."""
        reader = _entities_of(request)
        key: str = request.path_params["key"]
        info = reader.entity(type_, key)
        if info is None:
            raise NotFound(f"no article names a {type_} {key!r}")
        number = positive(request.query_params.get("p", ""), "p", 1) or 1
        found = reader.appearances(
            type_, key, limit=APPEARANCE_LIMIT, offset=(number - 1) * APPEARANCE_LIMIT
        )
        links = _links(request)
        paging = pager(info.articles, APPEARANCE_LIMIT, number, len(found))
        if number > 1 and not found:
            raise NotFound(f"{key} is named in {info.articles} articles: there is no page {number}")
        # A place is searched for as printed (its key is its full name, often not printed).
        printed = found[0].text if found and type_ == "place" else key
        context: dict[str, Any] = {
            "type": type_,
            "label": TYPE_LABELS[type_],
            "info": info,
            "appearances": found,
            "pager": paging,
            "search_url": links.search(q=printed, entity=f"{type_}:{key}"),
        }
        data = {
            "entity": payload.entity_dict(info, links),
            "search_url": context["search_url"],
            "appearances": [payload.appearance_dict(a, links) for a in found],
            "previous": links.entity(type_, key, p=number - 1) if number > 1 else None,
            "next": links.entity(type_, key, p=number + 1) if number < paging.count else None,
        }
        return respond(request, "entity.html", context, data)

    page.__name__ = f"{type_}_page"
    return page
