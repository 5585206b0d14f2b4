"""An issue as JSON (schema ``banmian.issue`` v1), Markdown or plain text.

JSON::

    {"schema": "banmian.issue", "version": 1, "paper": …, "date": …,
     "pages": [{"page": 1, "paper": …, "date": …, "articles": ["a1", …],
                "unassigned": [block …], "warnings": [page warning …]}],
     "articles": [{"id": "p1-a1", "title": …, "kicker": …, "subtitle": …, "dateline": …,
                   "byline": …, "authors": […], "pages": [1, 3],
                   "continued_from": null|{"page": N}, "continues_to": null|{"page": N},
                   "parts": [{"page": 1, <the page article, as in banmian.page v1>} …]}],
     "links": [{"from": {"page": 1, "article": "a1"}, "to": {"page": 3, "article": "a1"},
                "basis": "title"|"marker", "title_score": 0.0–1.0}],
     "warnings": [{"code": …, "message": …, "page": N|null, "article": "a1"|null}]}

An article's title group and dateline are its first part's; ``byline`` and ``authors``
gather every part's; ``continued_from``/``continues_to`` are markers of the first and last
part that no link answered (the other part is not in the issue). Each part is the page
article with its own ``continued_from``/``continues_to``, paragraphs and source lines
(lines of its own page's text).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from banmian.issue.model import ISSUE_SCHEMA_NAME, ISSUE_SCHEMA_VERSION, Issue, IssueArticle
from banmian.model import PageWarning, ParagraphType
from banmian.serialize.json import article_to_dict, block_to_dict


def _text(field: object) -> str | None:
    return getattr(field, "text", None)


def _page_warning(w: PageWarning) -> dict[str, Any]:
    return {"code": w.code, "message": w.message, "lines": list(w.lines) if w.lines else None}


def issue_article_to_dict(art: IssueArticle) -> dict[str, Any]:
    """An issue article as a JSON-ready dict."""
    first = art.first
    return {
        "id": art.id,
        "title": _text(first.title),
        "kicker": _text(first.kicker),
        "subtitle": _text(first.subtitle),
        "dateline": _text(first.dateline),
        "byline": art.byline,
        "authors": art.authors,
        "pages": art.pages,
        "continued_from": {"page": art.continued_from} if art.continued_from else None,
        "continues_to": {"page": art.continues_to} if art.continues_to else None,
        "parts": [{"page": p.page} | article_to_dict(p.article) for p in art.parts],
    }


def issue_to_dict(issue: Issue) -> dict[str, Any]:
    """An issue as a JSON-ready dict following schema ``banmian.issue`` v1."""
    return {
        "schema": ISSUE_SCHEMA_NAME,
        "version": ISSUE_SCHEMA_VERSION,
        "paper": issue.paper,
        "date": issue.date,
        "pages": [
            {
                "page": p.page,
                "paper": p.paper,
                "date": p.date,
                "articles": [a.id for a in p.articles],
                "unassigned": [block_to_dict(b) for b in p.unassigned],
                "warnings": [_page_warning(w) for w in p.warnings],
            }
            for p in issue.pages
        ],
        "articles": [issue_article_to_dict(a) for a in issue.articles],
        "links": [
            {
                "from": {"page": link.source.page, "article": link.source.article},
                "to": {"page": link.target.page, "article": link.target.article},
                "basis": link.basis.value,
                "title_score": round(link.title_score, 3),
            }
            for link in issue.links
        ],
        "warnings": [
            {
                "code": w.code,
                "message": w.message,
                "page": w.ref.page if w.ref else None,
                "article": w.ref.article if w.ref else None,
            }
            for w in issue.warnings
        ],
    }


def issue_to_json(issue: Issue) -> str:
    """An issue as indented JSON text (Chinese characters kept as they are)."""
    return json.dumps(issue_to_dict(issue), ensure_ascii=False, indent=2) + "\n"


def _article_markdown(art: IssueArticle) -> str:
    first = art.first
    out: list[str] = []
    if first.kicker:
        out.append(f"*{first.kicker.text}*\n")
    out.append(f"## {first.title.text if first.title else '(untitled)'}\n")
    if first.subtitle:
        out.append(f"**{first.subtitle.text}**\n")
    pages = " → ".join(f"第{n}版" for n in art.pages)
    meta = [x for x in (first.dateline and first.dateline.text, art.byline) if x]
    if art.continued_from:
        meta.append(f"continued from page {art.continued_from}")
    out.append("> " + " · ".join([pages, *meta]) + "\n")
    for n, part in enumerate(art.parts):
        if n:
            out.append(f"*(第{part.page}版)*\n")
        for p in part.article.paragraphs:
            if p.type is ParagraphType.HEADING:
                out.append(f"### {p.text}\n")
            elif p.type is ParagraphType.CAPTION:
                out.append(f"*{p.text}*\n")
            else:
                out.append(p.text + "\n")
    if art.continues_to:
        out.append(f"> continued on page {art.continues_to}\n")
    return "\n".join(out)


def issue_to_markdown(issue: Issue) -> str:
    """A whole issue as Markdown: each article once, its parts one after another."""
    head = " ".join(x for x in (issue.paper, issue.date) if x)
    parts = [f"# {head}\n"] if head else []
    parts.extend(_article_markdown(a) for a in issue.articles)
    if issue.warnings:
        parts.append("## Warnings\n\n" + "\n".join(f"- {w.message}" for w in issue.warnings) + "\n")
    return "\n".join(parts)


def issue_to_text(issue: Issue) -> str:
    """A whole issue as plain text: each article's title group, then all its paragraphs."""
    chunks: list[str] = []
    for art in issue.articles:
        first = art.first
        lines = [f.text for f in (first.kicker, first.title, first.subtitle) if f]
        lines.extend(p.text for part in art.parts for p in part.article.paragraphs)
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


ISSUE_SERIALIZERS: dict[str, Callable[[Issue], str]] = {
    "json": issue_to_json,
    "markdown": issue_to_markdown,
    "text": issue_to_text,
}
"""Output formats of ``banmian parse --issue``, by name (the same names as for pages)."""
