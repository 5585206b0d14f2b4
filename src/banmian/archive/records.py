"""What the archive hands to its readers (CLI, web reader, exports): typed, read-only records.

The store (``banmian.archive.store``) implements ``ArchiveReader`` over SQLite (and later
PostgreSQL); the web reader and the ``search`` command only see these records, never SQL.
Snippets are lists of ``(text, highlighted)`` pieces so that every front end escapes the
page's text its own way (HTML, terminal, JSON) and no markup ever comes from the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from banmian.model import Article, Page


@dataclass(frozen=True, slots=True)
class PaperInfo:
    """A newspaper held in the archive."""

    name: str
    """The paper's name as given at ingest (e.g. ``无锡日报``)."""
    issues: int
    """Number of issues (distinct dates) held."""
    pages: int
    """Number of pages held."""
    first_date: str | None
    """Earliest issue date held, ISO ``YYYY-MM-DD``."""
    last_date: str | None
    """Latest issue date held."""


@dataclass(frozen=True, slots=True)
class IssueInfo:
    """One issue (a paper on a date)."""

    paper: str
    date: str
    """ISO ``YYYY-MM-DD``."""
    pages: int
    """Pages held for this issue."""
    articles: int
    """Articles on those pages."""


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One stored page, without its text."""

    paper: str
    date: str
    number: int
    """Page number in the issue."""
    articles: int
    """Articles found on the page."""
    source: str
    """File name the page was ingested from (or ``-`` for stdin)."""
    sha256: str
    """Hash of the raw text as stored; ingest compares it to skip or replace a page."""
    ingested_at: str
    """ISO timestamp (UTC) of the ingest that stored this version."""


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A page with its raw text kept verbatim and its reconstruction."""

    info: PageInfo
    raw_text: str
    """The page's text exactly as read (decoded), line numbers as in the parse."""
    page: Page
    """The reconstruction as stored: articles, paragraphs and blocks with their spans."""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One article with where it stands."""

    page: PageInfo
    article: Article
    """``article.id`` is the id within its page (stable for an unchanged page)."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search: the user's query string plus filters."""

    text: str
    """Query syntax: words and "phrases", AND (implicit), OR, NOT / leading ``-``, parentheses."""
    paper: str | None = None
    date_from: str | None = None
    """Inclusive, ISO date."""
    date_to: str | None = None
    """Inclusive, ISO date."""
    page: int | None = None
    entity: tuple[str, str] | None = None
    """Only articles mentioning this entity: ``(type, key)`` as in ``EntityInfo``."""
    limit: int = 20
    offset: int = 0
    facets: int = 0
    """Also count this many facets of each type (``SearchResult.facets``); 0: none. Only a
    reader that knows entities (``EntityReader``) counts them."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a search."""

    paper: str
    date: str
    page: int
    article_id: str
    title: str | None
    """Main title (``None`` for an untitled article)."""
    snippet: list[tuple[str, bool]]
    """Pieces of text around the match; ``True`` marks a matched piece to highlight."""
    score: float
    """Rank score, higher is better (comparable within one result only)."""
    story: tuple[tuple[int, str], ...] = ()
    """When the hit is one part of an article continued across pages: every part, as
    (page, article id) in reading order (the first one stands for the whole story);
    empty otherwise."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of search hits."""

    query: SearchQuery
    total: int
    """All matching articles, not only this page of them."""
    hits: list[SearchHit] = field(default_factory=list)
    facets: Facets | None = None
    """The entities most named among the hits, when ``query.facets`` asked for them."""


@dataclass(frozen=True, slots=True)
class StoredLink:
    """A continuation linked across two pages of an issue (``banmian.issue``)."""

    paper: str
    date: str
    from_page: int
    """The page of the part that ends with 下转."""
    from_article: str
    """That part's id on its page."""
    to_page: int
    """The page of the part that opens with 上接 (the page the 下转 names)."""
    to_article: str
    """That part's id on its page."""
    basis: str
    """``title`` (the repeated title confirmed the markers) or ``marker`` (markers alone)."""
    title_score: float
    """How alike the parts' headlines are, 0–1."""
    title: str | None = None
    """The main title of the part that jumps (the story's, when it is the first part)."""


@dataclass(frozen=True, slots=True)
class IssueWarningInfo:
    """A continuation marker of an issue that no link answers (yet: its page may come)."""

    paper: str
    date: str
    code: str
    """``continuation-page-missing``, ``unmatched-continuation`` or ``ambiguous-continuation``."""
    message: str
    """One line saying what is wrong."""
    page: int | None
    """The page of the article whose marker it is."""
    article: str | None
    """That article's id on its page."""


@dataclass(frozen=True, slots=True)
class Story:
    """An article as read across pages: its parts in reading order, and the links between."""

    parts: list[StoredArticle]
    """One per page the article is printed on, in reading order (one part when unlinked)."""
    links: list[StoredLink] = field(default_factory=list)
    """The links joining the parts (one fewer than the parts)."""

    @property
    def first(self) -> StoredArticle:
        """The part the story starts with (its title group, dateline)."""
        return self.parts[0]

    @property
    def pages(self) -> list[int]:
        """The parts' pages in reading order."""
        return [p.page.number for p in self.parts]


ENTITY_TYPES = ("person", "organization", "place")
"""The mention types (``MentionType`` values) that name an entity with pages of its own."""


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """A person, organization or place named in the archive, with how often."""

    type: str
    """``person``, ``organization`` or ``place`` (``ENTITY_TYPES``)."""
    key: str
    """What identifies it: a person's name; a place's full name (江苏省无锡市锡山区) or,
    when the gazetteer could not resolve it, its text as printed; an organization's text."""
    articles: int
    """Articles that mention it."""
    first_date: str
    """Earliest issue date of those articles."""
    last_date: str
    """Latest issue date."""
    titles: list[str] = field(default_factory=list)
    """People: the distinct titles printed with them, in most articles first."""


@dataclass(frozen=True, slots=True)
class Appearance:
    """An entity in one article, as that article presents it."""

    type: str
    """The entity's type (``ENTITY_TYPES``)."""
    key: str
    """The entity's key (``EntityInfo.key``)."""
    paper: str
    date: str
    page: int
    article_id: str
    """The article's id on its page (``a1`` …)."""
    article_title: str | None
    """The article's main title (``None`` when untitled)."""
    text: str
    """The entity as printed (its first mention in the article)."""
    mentions: int
    """How many times the article names it."""
    title: str | None = None
    """People: the title printed with them in this article, i.e. held then."""
    organization: str | None = None
    """People: the organization named in that title."""
    role: str | None = None
    """People: ``official``, ``reporter`` or ``person``."""
    spoke: bool | None = None
    """People: the article reports them speaking."""
    attended: bool | None = None
    """People: the article reports them attending."""


@dataclass(frozen=True, slots=True)
class Facet:
    """An entity among the hits of a search, with how many of those hits mention it."""

    type: str
    key: str
    count: int
    """Hits (of those counted) that mention it."""


@dataclass(frozen=True, slots=True)
class Facets:
    """The entities most often named among the hits of a search."""

    query: SearchQuery
    total: int
    """All matching articles."""
    counted: int
    """The hits whose mentions were counted: all of them, or the best ``FACET_WINDOW``
    (``banmian.archive.store``) when there are more."""
    facets: list[Facet] = field(default_factory=list)
    """Per type, the most frequent first (at most the ``limit`` asked for, per type)."""


class ArchiveReader(Protocol):
    """Read access to an archive: what the web reader and the ``search`` command use."""

    def papers(self) -> list[PaperInfo]:
        """Every paper, by name."""
        ...

    def issues(self, paper: str) -> list[IssueInfo]:
        """A paper's issues, by date."""
        ...

    def pages(self, paper: str, date: str) -> list[PageInfo]:
        """An issue's pages, by number."""
        ...

    def page(self, paper: str, date: str, number: int) -> StoredPage | None:
        """One page with raw text and reconstruction, or ``None`` if not held."""
        ...

    def article(self, paper: str, date: str, number: int, article_id: str) -> StoredArticle | None:
        """One article, or ``None`` if not held."""
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """Articles matching a query, best first. Raises ``QuerySyntaxError`` on a bad query."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


@runtime_checkable
class StoryReader(Protocol):
    """Read access to the continuations linked across an issue's pages.

    Apart from ``ArchiveReader`` as ``EntityReader`` is: the store implements it, and the
    web reader follows stored links when its reader is one.
    """

    def issue_links(self, paper: str, date: str) -> list[StoredLink]:
        """An issue's continuation links, in order of the pages that jump."""
        ...

    def issue_warnings(self, paper: str, date: str) -> list[IssueWarningInfo]:
        """An issue's continuation markers that no link answers."""
        ...

    def story(self, paper: str, date: str, number: int, article_id: str) -> Story | None:
        """The whole article a page article is part of, or ``None`` if it is not held."""
        ...


@runtime_checkable
class EntityReader(Protocol):
    """Read access to the entities that enrichment found in an archive's articles.

    A separate protocol so that an ``ArchiveReader`` need not know about entities; the
    store (``Archive``) implements both, and the web reader shows entities when its reader
    is one (``isinstance`` checks the methods are there).
    """

    def entities(
        self,
        type_: str,
        *,
        prefix: str | None = None,
        paper: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[EntityInfo]:
        """Entities of a type, in most articles first (``prefix`` narrows by key)."""
        ...

    def entity(self, type_: str, key: str) -> EntityInfo | None:
        """One entity with its counts, or ``None`` when no article names it."""
        ...

    def appearances(
        self,
        type_: str,
        key: str,
        *,
        paper: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Appearance]:
        """Every article naming an entity, latest issue first."""
        ...

    def facets(self, query: SearchQuery, *, limit: int = 10) -> Facets:
        """People, organizations and places most often named among the hits of a query."""
        ...
