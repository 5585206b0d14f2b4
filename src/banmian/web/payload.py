"""The JSON bodies of the reader's pages, built from archive records.

Pages and articles reuse ``banmian.serialize.json`` (schema ``banmian.page`` v1); records add
a ``url`` to their HTML page so a client can walk the archive as a browser does.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from banmian.archive.records import (
    Appearance,
    EntityInfo,
    Facets,
    IssueInfo,
    IssueWarningInfo,
    PageInfo,
    PaperInfo,
    SearchHit,
    SearchQuery,
    StoredArticle,
    StoredLink,
    StoredPage,
    Story,
)
from banmian.issue import ArticlePart, IssueArticle
from banmian.issue.serialize import issue_article_to_dict
from banmian.serialize.json import article_to_dict, page_to_dict
from banmian.web.entities import ArticleEntities
from banmian.web.urls import Links


def paper_dict(info: PaperInfo, links: Links) -> dict[str, Any]:
    """A paper with its counts and the URL of its issues."""
    return {**asdict(info), "url": links.paper(info.name)}


def issue_dict(info: IssueInfo, links: Links) -> dict[str, Any]:
    """An issue with its counts and URL."""
    return {**asdict(info), "url": links.issue(info.paper, info.date)}


def page_info_dict(info: PageInfo, links: Links) -> dict[str, Any]:
    """A stored page's metadata and the URLs of its article list and page view."""
    return {
        **asdict(info),
        "url": links.page(info.paper, info.date, info.number),
        "source_url": links.source(info.paper, info.date, info.number),
    }


def stored_page_dict(stored: StoredPage, links: Links) -> dict[str, Any]:
    """A page: its metadata and its reconstruction in the ``banmian.page`` schema."""
    info = stored.info
    page = page_to_dict(stored.page)
    for art in page["articles"]:
        art["url"] = links.article(info.paper, info.date, info.number, art["id"])
    return {"info": page_info_dict(info, links), "page": page}


def stored_article_dict(stored: StoredArticle, links: Links) -> dict[str, Any]:
    """An article in the ``banmian.page`` article form, with where it stands."""
    info = stored.page
    return {
        "info": page_info_dict(info, links),
        "article": article_to_dict(stored.article),
        "url": links.article(info.paper, info.date, info.number, stored.article.id),
    }


def query_dict(query: SearchQuery) -> dict[str, Any]:
    """A search query and its filters as given."""
    return {
        "q": query.text,
        "paper": query.paper,
        "from": query.date_from,
        "to": query.date_to,
        "page": query.page,
        "entity": entity_param(query.entity),
        "limit": query.limit,
        "offset": query.offset,
    }


def hit_dict(hit: SearchHit, links: Links) -> dict[str, Any]:
    """A search hit; the snippet as ``{"text", "highlight"}`` pieces (never markup)."""
    return {
        "paper": hit.paper,
        "date": hit.date,
        "page": hit.page,
        "article_id": hit.article_id,
        "title": hit.title,
        "snippet": [{"text": text, "highlight": hl} for text, hl in hit.snippet],
        "score": hit.score,
        "url": links.article(hit.paper, hit.date, hit.page, hit.article_id),
        "story": hit_story_dict(hit, links),
    }


def hit_story_dict(hit: SearchHit, links: Links) -> dict[str, Any] | None:
    """Where the whole story of a hit that is one part of a continued article is read:
    its parts' pages and the URL of the story (``None`` for an article of one page)."""
    if not hit.story:
        return None
    page, article = hit.story[0]
    return {
        "pages": [p for p, _ in hit.story],
        "parts": [{"page": p, "article": a} for p, a in hit.story],
        "url": links.story(hit.paper, hit.date, page, article),
    }


def link_dict(link: StoredLink, links: Links) -> dict[str, Any]:
    """A stored continuation link, with the URLs of both parts and of the story."""
    paper, date = link.paper, link.date
    return {
        "from": {
            "page": link.from_page,
            "article": link.from_article,
            "url": links.article(paper, date, link.from_page, link.from_article),
        },
        "to": {
            "page": link.to_page,
            "article": link.to_article,
            "url": links.article(paper, date, link.to_page, link.to_article),
        },
        "basis": link.basis,
        "title_score": round(link.title_score, 3),
        "title": link.title,
        "story_url": links.story(paper, date, link.from_page, link.from_article),
    }


def issue_warning_dict(w: IssueWarningInfo, links: Links) -> dict[str, Any]:
    """A continuation marker no link answers, with the URL of its article."""
    url = None
    if w.page is not None and w.article is not None:
        url = links.article(w.paper, w.date, w.page, w.article)
    return {"code": w.code, "message": w.message, "page": w.page, "article": w.article, "url": url}


def story_article(story: Story) -> IssueArticle:
    """A stored story as the issue article ``banmian.issue`` would make of its parts."""
    first = story.first
    return IssueArticle(
        id=f"p{first.page.number}-{first.article.id}",
        parts=[ArticlePart(p.page.number, p.article) for p in story.parts],
    )


def story_dict(story: Story, links: Links) -> dict[str, Any]:
    """A whole story: the issue article (``banmian.issue`` article form, its parts whole),
    each part's URL, the links between them, and the story's own URL (by its first part)."""
    first = story.first.page
    whole = issue_article_to_dict(story_article(story))
    for part, stored in zip(whole["parts"], story.parts, strict=True):
        info = stored.page
        part["url"] = links.article(info.paper, info.date, info.number, stored.article.id)
    return {
        "paper": first.paper,
        "date": first.date,
        "story": whole,
        "links": [link_dict(k, links) for k in story.links],
        "url": links.story(first.paper, first.date, first.number, story.first.article.id),
        "issue_url": links.issue(first.paper, first.date),
    }


def pretty_json(data: Any) -> str:
    """Indented JSON for people to read (a problem report), Chinese kept as it is."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def entity_param(entity: tuple[str, str] | None) -> str | None:
    """A search's entity filter as its URL parameter: ``person:朱爱勋``."""
    return None if entity is None else f"{entity[0]}:{entity[1]}"


def entity_dict(info: EntityInfo, links: Links) -> dict[str, Any]:
    """An entity with its counts and the URL of its page."""
    return {**asdict(info), "url": links.entity(info.type, info.key)}


def appearance_dict(app: Appearance, links: Links) -> dict[str, Any]:
    """An entity's appearance in one article, with the article's URL."""
    return {**asdict(app), "url": links.article(app.paper, app.date, app.page, app.article_id)}


def facets_dict(facets: Facets, links: Links, search: dict[str, Any]) -> dict[str, Any]:
    """A search's facets; each links to the entity's page and to the search narrowed to it.

    ``search`` holds the search's URL parameters (the entity filter and page excluded).
    """
    return {
        "counted": facets.counted,
        "total": facets.total,
        "items": [
            {
                "type": f.type,
                "key": f.key,
                "count": f.count,
                "url": links.entity(f.type, f.key),
                "search_url": links.search(**search, entity=entity_param((f.type, f.key))),
            }
            for f in facets.facets
        ],
    }


def article_entities_dict(found: ArticleEntities, links: Links) -> dict[str, Any]:
    """An article's people, organizations, places (with their URLs), dates, sums, quantities."""
    out: dict[str, Any] = {}
    for type_, named in found.named.items():
        out[type_] = [{**asdict(e), "url": links.entity(e.type, e.key)} for e in named]
    for type_, values in found.values.items():
        out[type_] = [asdict(v) for v in values]
    return out
