"""What the archive hands to its readers (CLI, web reader, exports): typed, read-only records.

The store (``banmian.archive.store``) implements ``ArchiveReader`` over SQLite (and later
PostgreSQL); the web reader and the ``search`` command only see these records, never SQL.
Snippets are lists of ``(text, highlighted)`` pieces so that every front end escapes the
page's text its own way (HTML, terminal, JSON) and no markup ever comes from the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

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
    limit: int = 20
    offset: int = 0


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


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of search hits."""

    query: SearchQuery
    total: int
    """All matching articles, not only this page of them."""
    hits: list[SearchHit] = field(default_factory=list)


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
