"""The typed model of a whole issue: its pages, and its articles linked across pages.

A page article that jumps (（下转第3版）) and the part that picks it up on the named page
(（上接第1版）) are one article of the issue. ``Issue.articles`` holds every article of
every page exactly once: as a whole article of one part, or as one part of a linked one.
Each part keeps its page and its page ``Article``, so its source spans (line and columns
on that page's text) stay where they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from banmian.model import Article, Page

ISSUE_SCHEMA_NAME = "banmian.issue"
ISSUE_SCHEMA_VERSION = 1


class LinkBasis(StrEnum):
    """What confirmed a continuation link."""

    TITLE = "title"
    """Markers agree and the continuation repeats the title (or a shortened one)."""
    MARKER = "marker"
    """Markers agree and the part is the only candidate; the titles did not confirm it."""


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Where a page article stands in the issue."""

    page: int
    """Page number."""
    article: str
    """The article's id on its page (a1, a2 …)."""

    def __str__(self) -> str:
        """``p3/a1``: page and article, as in warnings."""
        return f"p{self.page}/{self.article}"


@dataclass(frozen=True, slots=True)
class ContinuationLink:
    """A jump from one page article (下转) to the part that continues it (上接)."""

    source: ArticleRef
    """The part that ends with 下转第N版."""
    target: ArticleRef
    """The part on page N that opens with 上接第M版."""
    basis: LinkBasis
    """What confirmed the link."""
    title_score: float
    """Similarity of the two parts' titles after cleaning, 0–1 (0 when one has none)."""


@dataclass(slots=True)
class ArticlePart:
    """One page's share of an issue article."""

    page: int
    """The page it is printed on."""
    article: Article
    """The page article itself, with its fields, paragraphs and source spans."""

    @property
    def ref(self) -> ArticleRef:
        """Where the part stands."""
        return ArticleRef(self.page, self.article.id)


@dataclass(slots=True)
class IssueArticle:
    """An article of the issue: one part, or several linked across pages in reading order."""

    id: str
    """``p{page}-{article id}`` of its first part, e.g. ``p1-a1``."""
    parts: list[ArticlePart]
    """The parts in the order they are read (the jump's order)."""

    @property
    def first(self) -> Article:
        """The first part's page article (title group, dateline)."""
        return self.parts[0].article

    @property
    def pages(self) -> list[int]:
        """Pages of the parts, in reading order."""
        return [p.page for p in self.parts]

    @property
    def byline(self) -> str | None:
        """Bylines of the parts (reporters in the dateline, a closing byline), joined."""
        seen = list(dict.fromkeys(p.article.byline.text for p in self.parts if p.article.byline))
        return " ".join(seen) or None

    @property
    def authors(self) -> list[str]:
        """Authors of every part, each once, in reading order."""
        return list(dict.fromkeys(a for p in self.parts for a in p.article.authors))

    @property
    def continued_from(self) -> int | None:
        """A page the first part says it comes from, which no part of the issue links."""
        return self.first.continued_from

    @property
    def continues_to(self) -> int | None:
        """A page the last part says it continues on, which no part of the issue links."""
        return self.parts[-1].article.continues_to


@dataclass(slots=True)
class IssueWarning:
    """A doubt raised while linking an issue (never an error)."""

    code: str
    """``continuation-page-missing``, ``unmatched-continuation``, ``ambiguous-continuation``,
    ``duplicate-page`` or ``page-without-number``."""
    message: str
    """One-line human description."""
    ref: ArticleRef | None = None
    """The page article concerned, when there is one."""


@dataclass(slots=True)
class Issue:
    """A whole issue: its pages, its articles across pages, and the links between them."""

    pages: list[Page]
    """The pages, ordered by page number."""
    articles: list[IssueArticle] = field(default_factory=list)
    """Every page article once: ordered by the page and position of its first part."""
    links: list[ContinuationLink] = field(default_factory=list)
    """Continuation links, in the order of their source pages."""
    warnings: list[IssueWarning] = field(default_factory=list)
    """Unmatched or ambiguous markers and other doubts."""

    @property
    def paper(self) -> str | None:
        """The newspaper: the first page's that names one."""
        return next((p.paper for p in self.pages if p.paper), None)

    @property
    def date(self) -> str | None:
        """The issue date: the first page's that has one."""
        return next((p.date for p in self.pages if p.date), None)

    def check_each_article_once(self) -> list[str]:
        """Problems with the issue's invariant (empty when it holds).

        Every article of every page is in exactly one issue article, as exactly one part.
        """
        seen: dict[int, int] = {}
        for linked in self.articles:
            for part in linked.parts:
                seen[id(part.article)] = seen.get(id(part.article), 0) + 1
        problems: list[str] = []
        for page in self.pages:
            for article in page.articles:
                n = seen.pop(id(article), 0)
                if n != 1:
                    problems.append(f"p{page.page}/{article.id} appears {n} times")
        problems.extend(f"an article of no page appears {n} times" for n in seen.values())
        return problems
