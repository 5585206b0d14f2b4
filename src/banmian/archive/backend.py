"""What ``Archive`` needs of a database backend (SQLite, PostgreSQL).

The store speaks rows and records; a backend does the SQL. A compiled query and a match
are the backend's own objects (an FTS5 MATCH string on SQLite, tsquery and WHERE clause on
PostgreSQL): the store only hands them back, so they are typed ``Any`` here.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from banmian.archive.query import Node
from banmian.archive.records import IssueInfo, IssueWarningInfo, PageInfo, PaperInfo, StoredLink
from banmian.archive.rows import PageRows
from banmian.archive.sqlite import (
    ArticleRef,
    EntityRow,
    EntityScope,
    Filters,
    HitRow,
    PersonMention,
)

Compiled = Any
"""A query compiled for one backend (opaque to the store)."""


class Backend(Protocol):
    """The methods every archive backend has (see ``sqlite.SQLiteBackend`` for each)."""

    readonly: bool

    @property
    def path(self) -> Any:
        """Where the archive is, for messages (a file path, a URL without its password)."""
        ...

    def close(self) -> None:
        """Close every connection."""
        ...

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads inside see one state of the archive."""
        ...

    def page_sha256(self, paper: str, date: str, number: int) -> str | None:
        """The hash of the page held under this key, if any."""
        ...

    def page_state(self, paper: str, date: str, number: int) -> tuple[str, bool] | None:
        """The hash of the page held under this key and whether it is enriched, if any."""
        ...

    def write_page(self, rows: PageRows, *, ingested_at: str) -> str:
        """Store a page in one transaction: ``ingested``, ``replaced``, ``enriched`` (same
        text held without mentions, ``rows`` enriched: replaced) or ``unchanged``."""
        ...

    def issue_links(self, paper: str, date: str) -> list[StoredLink]:
        """An issue's continuation links, in link order."""
        ...

    def issue_warnings(self, paper: str, date: str) -> list[IssueWarningInfo]:
        """The markers of an issue that no link answered."""
        ...

    def links_of_issues(self, article_ids: list[int]) -> list[StoredLink]:
        """The links of every issue holding one of these articles."""
        ...

    def optimize(self) -> None:
        """Make searches faster (merge or vacuum the index)."""
        ...

    def page_rows(self, paper: str, date: str, number: int) -> tuple[PageInfo, PageRows] | None:
        """A page's record and rows, or None."""
        ...

    def papers(self) -> list[PaperInfo]:
        """Every paper, by name."""
        ...

    def issues(self, paper: str) -> list[IssueInfo]:
        """A paper's issues, by date."""
        ...

    def pages(self, paper: str, date: str) -> list[PageInfo]:
        """An issue's pages, by number."""
        ...

    def counts(self) -> dict[str, int]:
        """Rows in each table and documents in the search index."""
        ...

    def compile_query(self, tree: Node) -> Compiled:
        """A query tree in the backend's own syntax."""
        ...

    def filtered_match(self, query: Compiled, filters: Filters) -> Compiled | None:
        """The query within its filters; None when the filters exclude everything."""
        ...

    def count_matches(self, match: Compiled) -> int:
        """How many articles match."""
        ...

    def nth_newest(self, match: Compiled, n: int) -> int | None:
        """The id of the ``n``-th most recently stored match."""
        ...

    def ranked(
        self, match: Compiled, *, limit: int, offset: int, min_rowid: int | None
    ) -> list[tuple[int, float]]:
        """(article id, score), best first."""
        ...

    def newest(
        self, match: Compiled, *, limit: int, offset: int, below_rowid: int
    ) -> list[tuple[int, float]]:
        """(article id, score), newest first."""
        ...

    def hit_rows(self, scored: list[tuple[int, float]]) -> list[HitRow]:
        """Where the scored articles stand, in the order given."""
        ...

    def snippet_texts(self, article_ids: list[int]) -> dict[int, list[str]]:
        """The texts a snippet is cut from, per article."""
        ...

    def newest_ids(self, match: Compiled, limit: int | None = None) -> list[int]:
        """The matching articles' ids, newest first (the ``limit`` newest, or all)."""
        ...

    def entity_rows(
        self,
        type_: str,
        *,
        key: str | None = None,
        prefix: str | None = None,
        scope: EntityScope = ...,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntityRow]:
        """Entities of a type named in the scope, in most articles first, then by key."""
        ...

    def person_titles(self, keys: list[str], *, scope: EntityScope = ...) -> dict[str, list[str]]:
        """The distinct titles printed with each person, in most articles first."""
        ...

    def appearance_articles(
        self,
        type_: str,
        key: str,
        *,
        scope: EntityScope = ...,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleRef]:
        """The articles naming an entity: latest issue first, then paper, page, position."""
        ...

    def entity_mentions(
        self, type_: str, key: str, article_ids: list[int]
    ) -> dict[int, list[PersonMention]]:
        """An entity's mentions in some articles, in text order, by article."""
        ...

    def entity_counts_among(self, article_ids: list[int], limit: int) -> list[tuple[str, str, int]]:
        """(type, key, articles) of the ``limit`` entities of each type that most of the
        given articles name."""
        ...
