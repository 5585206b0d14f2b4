"""The reader's views: each fetches records from the archive, then answers in HTML or JSON.

papers → a paper's issues (calendar) → an issue's pages → a page's articles → an article;
the page view (raw text beside the reconstruction, coloured by kind); a problem report for
one item of it; search, with facets (the people, organizations and places most often
named among the hits). Every view only reads. The entity pages are in ``entity_views``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from banmian.archive.records import (
    ENTITY_TYPES,
    ArchiveReader,
    EntityReader,
    Facets,
    PageInfo,
    SearchQuery,
    SearchResult,
    StoredPage,
    Story,
    StoryReader,
)
from banmian.errors import QuerySyntaxError
from banmian.model import Article
from banmian.serialize.json import article_mentions, article_to_dict
from banmian.web import calendar, payload
from banmian.web.entities import TYPE_LABELS, article_entities
from banmian.web.errors import BadRequest, NotFound
from banmian.web.layout import KINDS, article_items, find_item, page_items, raw_lines, source_lines
from banmian.web.negotiate import respond, wants_json
from banmian.web.report import report_text
from banmian.web.urls import Links

Endpoint = Callable[[Request], Awaitable[Response]]
"""A view."""

SEARCH_LIMIT = 20
"""Hits on one page of search results, unless ``limit`` says otherwise."""
MAX_SEARCH_LIMIT = 100
"""The most hits one page of search results may hold."""
FACET_LIMIT = 8
"""Facets of each type shown beside search results."""


def _reader(request: Request) -> ArchiveReader:
    reader: ArchiveReader = request.app.state.reader
    return reader


def _links(request: Request) -> Links:
    return Links(request.scope.get("root_path", ""))


def _param(request: Request, name: str) -> str:
    value: str = request.path_params[name]
    return value


def _page_number(request: Request) -> int:
    number: int = request.path_params["number"]
    return number


# Browsing -------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    """Every paper held, with the search box."""
    links = _links(request)
    papers = _reader(request).papers()
    data = {
        "papers": [payload.paper_dict(p, links) for p in papers],
        "search_url": links.search(),
    }
    return respond(request, "papers.html", {"papers": papers}, data)


async def paper(request: Request) -> Response:
    """A paper's issues as month calendars."""
    name = _param(request, "paper")
    issues = _reader(request).issues(name)
    if not issues:
        raise NotFound(f"no paper named {name!r} is held")
    links = _links(request)
    context = {
        "paper": name,
        "issues": issues,
        "months": calendar.months(issues),
        "undated": calendar.undated(issues),
        "weekdays": calendar.WEEKDAYS,
    }
    data = {"paper": name, "issues": [payload.issue_dict(i, links) for i in issues]}
    return respond(request, "paper.html", context, data)


async def issue(request: Request) -> Response:
    """An issue's pages, and the articles continued across them (with what is unanswered)."""
    name, date = _param(request, "paper"), _param(request, "date")
    reader = _reader(request)
    pages = reader.pages(name, date)
    if not pages:
        raise NotFound(f"no issue of {name} dated {date} is held")
    links = _links(request)
    jumps = reader.issue_links(name, date) if isinstance(reader, StoryReader) else []
    doubts = reader.issue_warnings(name, date) if isinstance(reader, StoryReader) else []
    data = {
        "paper": name,
        "date": date,
        "pages": [payload.page_info_dict(p, links) for p in pages],
        "links": [payload.link_dict(k, links) for k in jumps],
        "warnings": [payload.issue_warning_dict(w, links) for w in doubts],
    }
    context = {"paper": name, "date": date, "pages": pages, "jumps": jumps, "doubts": doubts}
    return respond(request, "issue.html", context, data)


def _stored_page(request: Request) -> StoredPage:
    name, date, number = _param(request, "paper"), _param(request, "date"), _page_number(request)
    stored = _reader(request).page(name, date, number)
    if stored is None:
        raise NotFound(f"page {number} of {name} dated {date} is not held")
    return stored


@dataclass(frozen=True, slots=True)
class Neighbours:
    """The pages before and after one page in its issue."""

    previous: PageInfo | None
    next: PageInfo | None


def _neighbours(reader: ArchiveReader, info: PageInfo) -> Neighbours:
    pages = reader.pages(info.paper, info.date)
    numbers = [p.number for p in pages]
    at = numbers.index(info.number) if info.number in numbers else -1
    return Neighbours(
        pages[at - 1] if at > 0 else None,
        pages[at + 1] if 0 <= at < len(pages) - 1 else None,
    )


async def page(request: Request) -> Response:
    """A page's articles (their 上接 / 下转 linking to the parts they join), its unassigned
    blocks and the parser's warnings."""
    stored = _stored_page(request)
    reader, info, links = _reader(request), stored.info, _links(request)
    came_from: dict[str, str] = {}
    goes_to: dict[str, str] = {}
    if isinstance(reader, StoryReader):
        for k in reader.issue_links(info.paper, info.date):
            if k.to_page == info.number:
                came_from[k.to_article] = links.article(
                    info.paper, info.date, k.from_page, k.from_article
                )
            if k.from_page == info.number:
                goes_to[k.from_article] = links.article(
                    info.paper, info.date, k.to_page, k.to_article
                )
    context = {
        "info": info,
        "page": stored.page,
        "neighbours": _neighbours(reader, info),
        "came_from": came_from,
        "goes_to": goes_to,
    }
    return respond(request, "page.html", context, payload.stored_page_dict(stored, links))


async def source(request: Request) -> Response:
    """The page view: the raw text, line-numbered, beside the reconstruction, by kind."""
    stored = _stored_page(request)
    lines = source_lines(stored.raw_text)
    items = page_items(stored.page)
    groups = [(art, article_items(art)) for art in stored.page.articles]
    unassigned = [it for it in items if it.unassigned]
    links = _links(request)
    context = {
        "info": stored.info,
        "page": stored.page,
        "raw_lines": raw_lines(lines, items),
        "groups": groups,
        "unassigned": unassigned,
        "kinds": KINDS,
        "used_kinds": {it.kind for it in items},
        "neighbours": _neighbours(_reader(request), stored.info),
    }
    data = {
        "info": payload.page_info_dict(stored.info, links),
        "raw_text": stored.raw_text,
        "items": [it.to_dict() for it in items],
        "kinds": KINDS,
    }
    return respond(request, "source.html", context, data)


async def report(request: Request) -> Response:
    """A problem report for one item of the page view, ready to copy: nothing is written."""
    stored = _stored_page(request)
    item_id = _param(request, "item")
    item = find_item(stored.page, item_id)
    if item is None:
        raise NotFound(f"page {stored.info.number} has no item {item_id!r}")
    info = stored.info
    links = _links(request)
    lines = source_lines(stored.raw_text)
    first, last = item.lines
    excerpt = [(ln.number, ln.raw) for ln in lines if first - 1 <= ln.number <= last + 1]
    base = str(request.base_url).rstrip("/")
    url = base + links.source(info.paper, info.date, info.number, item.id)
    text = report_text(info, item, excerpt, url)
    data = {"info": payload.page_info_dict(info, links), "item": item.to_dict(), "report": text}
    context = {"info": info, "item": item, "excerpt": excerpt, "report": text, "kinds": KINDS}
    context["item_json"] = payload.pretty_json(item.to_dict())
    context["subject"] = f"{info.paper} {info.date} 第{info.number}版 {item.id}: wrong {item.kind}"
    return respond(request, "report.html", context, data)


@dataclass(frozen=True, slots=True)
class Continuation:
    """Where an article is continued from or to: a page, and the article there if found."""

    page: int
    held: bool
    """Whether that page is in the archive."""
    article: Article | None
    """The article on that page that carries this one on (or started it)."""


def _continuation(
    reader: ArchiveReader, info: PageInfo, other: int | None, *, forward: bool
) -> Continuation | None:
    """Find the other part of a continued article on page ``other`` of the same issue, by
    its marker alone (for a reader that holds no links)."""
    if not other:
        return None
    stored = reader.page(info.paper, info.date, other)
    if stored is None:
        return Continuation(other, False, None)
    for art in stored.page.articles:
        if (art.continued_from if forward else art.continues_to) == info.number:
            return Continuation(other, True, art)
    return Continuation(other, True, None)


def _linked(
    reader: ArchiveReader, info: PageInfo, art: Article
) -> tuple[Continuation | None, Continuation | None]:
    """The parts an article is linked to (上接, 下转) as stored at ingest; a marker no link
    answers points at its page when that is held. A reader holding no links
    (not a ``StoryReader``) finds them by their markers alone."""
    if not isinstance(reader, StoryReader):
        return (
            _continuation(reader, info, art.continued_from, forward=False),
            _continuation(reader, info, art.continues_to, forward=True),
        )
    came_from = goes_to = None
    for link in reader.issue_links(info.paper, info.date):
        if (link.to_page, link.to_article) == (info.number, art.id):
            other = reader.article(info.paper, info.date, link.from_page, link.from_article)
            came_from = Continuation(link.from_page, True, other.article if other else None)
        if (link.from_page, link.from_article) == (info.number, art.id):
            other = reader.article(info.paper, info.date, link.to_page, link.to_article)
            goes_to = Continuation(link.to_page, True, other.article if other else None)
    held = {p.number for p in reader.pages(info.paper, info.date)}
    if came_from is None and art.continued_from:
        came_from = Continuation(art.continued_from, art.continued_from in held, None)
    if goes_to is None and art.continues_to:
        goes_to = Continuation(art.continues_to, art.continues_to in held, None)
    return came_from, goes_to


async def article(request: Request) -> Response:
    """One article as a reader sees it, with its neighbours and continuations."""
    stored = _stored_page(request)
    article_id = _param(request, "article_id")
    articles = stored.page.articles
    at = next((i for i, a in enumerate(articles) if a.id == article_id), None)
    if at is None:
        raise NotFound(f"page {stored.info.number} has no article {article_id!r}")
    art = articles[at]
    reader, info, links = _reader(request), stored.info, _links(request)
    previous = articles[at - 1] if at > 0 else None
    following = articles[at + 1] if at + 1 < len(articles) else None
    came_from, goes_to = _linked(reader, info, art)
    linked = any(c is not None and c.article is not None for c in (came_from, goes_to))
    story_url = links.story(info.paper, info.date, info.number, art.id) if linked else None
    found = article_entities(art)
    context = {
        "info": info,
        "article": art,
        "previous": previous,
        "next": following,
        "came_from": came_from,
        "goes_to": goes_to,
        "story_url": story_url,
        "items": article_items(art),
        "found": found,
        "enriched": stored.page.enriched,
        "type_labels": TYPE_LABELS,
    }
    raw = {ln.number: ln.raw for ln in stored.page.lines}
    mentions = article_mentions(raw, art)
    data: dict[str, Any] = {
        "info": payload.page_info_dict(info, links),
        "article": article_to_dict(art) | ({"mentions": mentions} if stored.page.enriched else {}),
        "entities": payload.article_entities_dict(found, links),
        "url": links.article(info.paper, info.date, info.number, art.id),
        "previous": _article_url(links, info, previous),
        "next": _article_url(links, info, following),
        "continued_from": _continuation_dict(links, info, came_from),
        "continues_to": _continuation_dict(links, info, goes_to),
        "story_url": story_url,
    }
    return respond(request, "article.html", context, data)


async def story(request: Request) -> Response:
    """The whole story a page article is part of: its parts one after another, each with
    its page, joined where the jumps were (one part when nothing links it)."""
    name, date, number = _param(request, "paper"), _param(request, "date"), _page_number(request)
    article_id = _param(request, "article_id")
    reader, links = _reader(request), _links(request)
    found: Story | None
    if isinstance(reader, StoryReader):
        found = reader.story(name, date, number, article_id)
    else:
        alone = reader.article(name, date, number, article_id)
        found = None if alone is None else Story([alone])
    if found is None:
        raise NotFound(f"page {number} of {name} dated {date} has no article {article_id!r}")
    whole = payload.story_article(found)
    context = {"story": found, "whole": whole, "paper": name, "date": date}
    data = payload.story_dict(found, links)
    return respond(request, "story.html", context, data)


def _article_url(links: Links, info: PageInfo, art: Article | None) -> str | None:
    return links.article(info.paper, info.date, info.number, art.id) if art else None


def _continuation_dict(links: Links, info: PageInfo, c: Continuation | None) -> Any:
    if c is None:
        return None
    url = None
    if c.article is not None:
        url = links.article(info.paper, info.date, c.page, c.article.id)
    elif c.held:
        url = links.page(info.paper, info.date, c.page)
    return {"page": c.page, "held": c.held, "url": url}


# Search ---------------------------------------------------------------------------------


def _date(value: str, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}={value!r} is not a date of the form YYYY-MM-DD") from None


def positive(value: str, name: str, default: int | None) -> int | None:
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise BadRequest(f"{name}={value!r} is not a whole number of 1 or more")
    return number


@dataclass(frozen=True, slots=True)
class Pager:
    """Which page of results this is, and the links to the others."""

    number: int
    """1-based page of results."""
    count: int
    """Pages of results in all."""
    first: int
    """1-based position of the first hit shown (0 when none)."""
    last: int
    """Position of the last hit shown."""
    numbers: list[int]
    """Page numbers to link (a window around this one, plus the first and last)."""


def pager(total: int, limit: int, number: int, shown: int) -> Pager:
    count = max(1, -(-total // limit))
    window = {1, count} | set(range(max(1, number - 3), min(count, number + 3) + 1))
    first = (number - 1) * limit + 1 if shown else 0
    return Pager(number, count, first, first + shown - 1 if shown else 0, sorted(window))


def _entity(value: str) -> tuple[str, str] | None:
    """The ``entity`` parameter, ``type:key`` (``person:朱爱勋``), read."""
    if not value:
        return None
    type_, _, key = value.partition(":")
    if type_ not in ENTITY_TYPES or not key:
        raise BadRequest(
            f"entity={value!r} is not of the form TYPE:KEY with TYPE one of "
            f"{', '.join(ENTITY_TYPES)} (person:朱爱勋)"
        )
    return type_, key


def parse_query(request: Request) -> tuple[SearchQuery, int]:
    """The search query from the URL's parameters, and the results page asked for."""
    params = request.query_params
    limit = positive(params.get("limit", ""), "limit", SEARCH_LIMIT) or SEARCH_LIMIT
    limit = min(limit, MAX_SEARCH_LIMIT)
    number = positive(params.get("p", ""), "p", 1) or 1
    query = SearchQuery(
        text=params.get("q", "").strip(),
        paper=params.get("paper") or None,
        date_from=_date(params.get("from", ""), "from"),
        date_to=_date(params.get("to", ""), "to"),
        page=positive(params.get("page", ""), "page", None),
        entity=_entity(params.get("entity", "")),
        limit=limit,
        offset=(number - 1) * limit,
    )
    return query, number


async def search(request: Request) -> Response:
    """Search with filters; hits with highlighted snippets, a total and paging."""
    query, number = parse_query(request)
    reader, links = _reader(request), _links(request)
    result = SearchResult(query, 0, [])
    facets: Facets | None = None
    error: str | None = None
    if query.text:
        try:
            asked = (
                replace(query, facets=FACET_LIMIT) if isinstance(reader, EntityReader) else query
            )
            result = reader.search(asked)
            facets = result.facets
        except QuerySyntaxError as err:
            if wants_json(request):
                raise BadRequest(str(err), code="bad-query") from None
            error = str(err)
    paging = pager(result.total, query.limit, number, len(result.hits))
    filters: dict[str, str | int | None] = {
        "q": query.text,
        "paper": query.paper,
        "from": query.date_from,
        "to": query.date_to,
        "page": query.page,
        "limit": query.limit if query.limit != SEARCH_LIMIT else None,
    }
    params = {**filters, "entity": payload.entity_param(query.entity)}
    context = {
        "query": query,
        "result": result,
        "error": error,
        "pager": paging,
        "params": params,
        "filters": filters,
        "facets": facets,
        "type_labels": TYPE_LABELS,
        "papers": reader.papers(),
    }
    data = {
        "query": payload.query_dict(query),
        "total": result.total,
        "hits": [payload.hit_dict(h, links) for h in result.hits],
        "facets": None if facets is None else payload.facets_dict(facets, links, filters),
        "next": links.search(**params, p=number + 1) if number < paging.count else None,
        "previous": links.search(**params, p=number - 1) if number > 1 else None,
    }
    return respond(request, "search.html", context, data, status=400 if error else 200)
