"""Continuations across the stored pages of an issue: linked on ingest, followed on reading.

When a page is stored, its issue is linked again (``link_marked``) inside the same
transaction, from what the archive holds of the issue: its page numbers and the articles
that carry a continuation marker (上接 / 下转), with their headlines. That is all
``banmian.issue.link_issue`` looks at (its candidates are marked articles, its scores their
headlines, its warnings need the page numbers), so linking these gives the same links and
warnings as linking the whole pages, whatever order the pages came in. The rows
(``LinkRow``, ``IssueWarningRow``) replace the issue's old ones; no SQL here.

Most pages carry no marker and no marker names them: storing one cannot change the links
(``has_markers`` and the backends' ``links_touched`` tell), so the issue is linked again only
when the page stored, or the one it replaces, has a marker, or a new page is one a marker
names.

``story_refs`` follows stored links from any part of a continued article to all its parts,
in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from banmian.archive.rows import PageRows
from banmian.issue import link_issue
from banmian.model import Article, Field, Page

HEADLINE_ROLES = ("kicker", "title", "subtitle")
"""The ``article_fields`` roles the linker compares (``banmian.issue.titles``)."""


class MarkedArticle(NamedTuple):
    """A stored article that says it continues from or on another page."""

    page: int
    """Its page number."""
    article_id: int
    """``articles.id``."""
    key: str
    """Its id on the page (``a1`` …)."""
    continued_from: int | None
    """The page its 上接 names."""
    continues_to: int | None
    """The page its 下转 names."""
    headlines: dict[str, str]
    """Its kicker, title and subtitle, by role, as far as it has them."""


class LinkRow(NamedTuple):
    """An ``article_links`` row: one jump answered, in the issue's link order (``seq``)."""

    seq: int
    """Position among the issue's links (by the page and place of the part that jumps)."""
    from_article: int
    """``articles.id`` of the part ending with 下转."""
    to_article: int
    """``articles.id`` of the part opening with 上接."""
    from_page: int
    """The page of the part that jumps (its 上接 names it)."""
    to_page: int
    """The page its 下转 names, where the rest is."""
    basis: str
    """``title`` (the repeated title confirmed it) or ``marker`` (the markers alone)."""
    title_score: float
    """How alike the two parts' headlines are, 0–1."""


class IssueWarningRow(NamedTuple):
    """An ``issue_warnings`` row: a marker no link answered (``banmian.issue`` codes)."""

    seq: int
    """Position among the issue's warnings."""
    code: str
    """``continuation-page-missing``, ``unmatched-continuation`` or ``ambiguous-continuation``."""
    message: str
    """One line saying what is wrong."""
    page: int | None
    """The page of the article concerned."""
    article: str | None
    """Its id on that page."""


@dataclass(slots=True)
class IssueLinks:
    """An issue's links and warnings, as rows."""

    links: list[LinkRow] = field(default_factory=list)
    warnings: list[IssueWarningRow] = field(default_factory=list)


def has_markers(rows: PageRows) -> bool:
    """Whether any article of a page says it continues from or on another page."""
    return any(a.continued_from is not None or a.continues_to is not None for a in rows.articles)


def _article(marked: MarkedArticle) -> Article:
    """A page article standing for the stored one: id, headlines and markers only."""
    heads = {role: Field(text, [], "stored") for role, text in marked.headlines.items()}
    return Article(
        id=marked.key,
        kicker=heads.get("kicker"),
        title=heads.get("title"),
        subtitle=heads.get("subtitle"),
        continued_from=marked.continued_from,
        continues_to=marked.continues_to,
    )


def link_marked(page_numbers: Iterable[int], marked: Sequence[MarkedArticle]) -> IssueLinks:
    """Link an issue held as its page numbers and its marked articles (in page order, then
    in their order on the page)."""
    by_page: dict[int, list[Article]] = {n: [] for n in sorted(set(page_numbers))}
    ids: dict[tuple[int, str], int] = {}
    for m in marked:
        by_page.setdefault(m.page, []).append(_article(m))
        ids[m.page, m.key] = m.article_id
    pages = [Page(lines=[], page=n, articles=arts) for n, arts in sorted(by_page.items())]
    issue = link_issue(pages)
    out = IssueLinks()
    for seq, link in enumerate(issue.links):
        out.links.append(
            LinkRow(
                seq,
                ids[link.source.page, link.source.article],
                ids[link.target.page, link.target.article],
                link.source.page,
                link.target.page,
                link.basis.value,
                round(link.title_score, 6),
            )
        )
    for seq, w in enumerate(issue.warnings):
        ref = w.ref
        out.warnings.append(
            IssueWarningRow(
                seq, w.code, w.message, ref.page if ref else None, ref.article if ref else None
            )
        )
    return out


Ref = tuple[int, str]
"""A page article: its page number and its id on the page."""


def story_refs(links: Iterable[tuple[Ref, Ref]], start: Ref) -> list[Ref]:
    """Every part of the article ``start`` belongs to, in reading order (``[start]`` alone
    when it is not linked). ``links`` are (part that jumps, part that picks up) pairs of one
    issue; a loop, which one-to-one links could only make on pages that name each other, is
    cut where it closes."""
    forward: dict[Ref, Ref] = {}
    backward: dict[Ref, Ref] = {}
    for source, target in links:
        forward[source] = target
        backward[target] = source
    first, seen = start, {start}
    while first in backward and backward[first] not in seen:
        first = backward[first]
        seen.add(first)
    parts, here = [first], first
    while here in forward and forward[here] not in parts:
        here = forward[here]
        parts.append(here)
    return parts
