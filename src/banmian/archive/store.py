"""The archive: stores parsed pages, hands out records, answers searches.

``Archive`` implements ``records.ArchiveReader`` (what the web reader and ``banmian search``
use) and adds the writing side (``store_page``). It speaks model objects and records; the
backend (``sqlite.SQLiteBackend``, or ``postgres.PostgresBackend`` for a ``postgresql://``
URL) does the SQL. ``open_archive`` opens one by path or URL.

Searching: the query is parsed (``query``) and compiled by the backend (FTS5 on SQLite,
``tsquery`` on PostgreSQL); the total is exact; hits are ranked by bm25 (ts_rank on
PostgreSQL), a title match weighing most (``sqlite.COLUMN_WEIGHTS``).
Ranking every match of a very common word costs time in proportion to the matches, so a
query matching more than ``RANK_WINDOW`` articles ranks the ``RANK_WINDOW`` most recently
stored of them and lists the older rest after them, newest first. Snippets are cut from the
articles' real text (``snippets``).

Entities: ``Archive`` implements ``records.EntityReader`` too, from the mentions stored with
enriched pages (``entities`` turns the backend's rows into records). Facets count the
entities among all hits of a search, or among the ``entities.FACET_WINDOW`` most recently
stored of them when there are more.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from types import TracebackType
from typing import Any

from banmian.archive.backend import Backend
from banmian.archive.entities import FACET_WINDOW, appearance, check_entity_type, top_facets
from banmian.archive.links import Ref, story_refs
from banmian.archive.postgres import PostgresBackend, is_postgres_url
from banmian.archive.query import parse_query, positive_terms
from banmian.archive.records import (
    Appearance,
    ArchiveReader,
    EntityInfo,
    EntityReader,
    Facets,
    IssueInfo,
    IssueWarningInfo,
    PageInfo,
    PaperInfo,
    SearchHit,
    SearchQuery,
    SearchResult,
    StoredArticle,
    StoredLink,
    StoredPage,
    Story,
    StoryReader,
)
from banmian.archive.rows import page_rows, rows_page
from banmian.archive.snippets import snippet, term_patterns
from banmian.archive.sqlite import EntityScope, Filters, SQLiteBackend
from banmian.errors import ArchiveError, QuerySyntaxError
from banmian.model import Page

RANK_WINDOW = 2000
"""Most matches ranked by relevance in one search; older matches follow, newest first."""
MAX_LIMIT = 1000
"""Most hits one search returns."""

STORE_OUTCOMES = ("ingested", "replaced", "enriched", "unchanged")
"""What ``Archive.store_page`` can report."""


def text_sha256(text: str) -> str:
    """The hash a page's raw text is stored and compared under (of its UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> str:
    """The current time as stored in ``ingested_at``: ISO 8601, UTC, microseconds."""
    return dt.datetime.now(dt.UTC).isoformat()


class Archive:
    """An archive of parsed pages (see the module's docstring)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.rank_window = RANK_WINDOW

    # context manager --------------------------------------------------------------------

    def __enter__(self) -> Archive:
        """Use as a context manager; the archive is closed at the end."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the archive."""
        self.close()

    def close(self) -> None:
        """Release every connection."""
        self.backend.close()

    # writing ----------------------------------------------------------------------------

    @property
    def readonly(self) -> bool:
        """Whether the archive was opened read-only."""
        return self.backend.readonly

    def page_sha256(self, paper: str, date: str, number: int) -> str | None:
        """The hash of the raw text held for a page, or None when none is held."""
        return self.backend.page_sha256(paper, date, number)

    def page_state(self, paper: str, date: str, number: int) -> tuple[str, bool] | None:
        """The hash of a held page's raw text and whether it is enriched, or None."""
        return self.backend.page_state(paper, date, number)

    def store_page(
        self, page: Page, *, raw_text: str, source: str, ingested_at: str | None = None
    ) -> str:
        """Store a parsed page with its raw text, in one transaction.

        Returns ``ingested`` (new), ``replaced`` (the page held under the same paper, date
        and number had other text: it and all it held are gone), ``enriched`` (same text,
        held without mentions, and ``page`` is enriched: replaced the same way) or
        ``unchanged`` (same text: nothing was written). ``page`` must have paper, date and
        page number; its mentions are stored when ``page.enriched``.
        """
        if self.readonly:
            raise ArchiveError(f"{self.backend.path}: the archive was opened read-only")
        if page.paper is None or page.date is None or page.page is None:
            raise ArchiveError("a page needs its paper, date and page number to be stored")
        rows = page_rows(page, raw_text=raw_text, source=source, sha256=text_sha256(raw_text))
        return self.backend.write_page(rows, ingested_at=ingested_at or utc_now())

    def optimize(self) -> None:
        """Merge the search index for faster searches (see ``SQLiteBackend.optimize``)."""
        if self.readonly:
            raise ArchiveError(f"{self.backend.path}: the archive was opened read-only")
        self.backend.optimize()

    def counts(self) -> dict[str, int]:
        """Rows in each table (and documents in the search index)."""
        return self.backend.counts()

    # reading ----------------------------------------------------------------------------

    def papers(self) -> list[PaperInfo]:
        """Every paper, by name."""
        return self.backend.papers()

    def issues(self, paper: str) -> list[IssueInfo]:
        """A paper's issues, by date."""
        return self.backend.issues(paper)

    def pages(self, paper: str, date: str) -> list[PageInfo]:
        """An issue's pages, by number."""
        return self.backend.pages(paper, date)

    def page(self, paper: str, date: str, number: int) -> StoredPage | None:
        """One page with its raw text and reconstruction, or None if not held."""
        found = self.backend.page_rows(paper, date, number)
        if found is None:
            return None
        info, rows = found
        return StoredPage(info=info, raw_text=rows.page.raw_text, page=rows_page(rows))

    def article(self, paper: str, date: str, number: int, article_id: str) -> StoredArticle | None:
        """One article of a page, or None if not held."""
        stored = self.page(paper, date, number)
        if stored is None:
            return None
        for art in stored.page.articles:
            if art.id == article_id:
                return StoredArticle(page=stored.info, article=art)
        return None

    # continuations ----------------------------------------------------------------------

    def issue_links(self, paper: str, date: str) -> list[StoredLink]:
        """An issue's continuation links, in order of the pages that jump."""
        return self.backend.issue_links(paper, date)

    def issue_warnings(self, paper: str, date: str) -> list[IssueWarningInfo]:
        """An issue's continuation markers that no link answers (a page named may be
        missing yet: they are worked out again whenever a page of the issue is stored)."""
        return self.backend.issue_warnings(paper, date)

    def story(self, paper: str, date: str, number: int, article_id: str) -> Story | None:
        """The whole article a page article is part of: every part, in reading order (the
        article alone when nothing links it), or ``None`` when it is not held."""
        with self.backend.snapshot():  # the links and the parts from one state
            links = self.backend.issue_links(paper, date)
            refs = story_refs(
                (((k.from_page, k.from_article), (k.to_page, k.to_article)) for k in links),
                (number, article_id),
            )
            parts = [self.article(paper, date, page, key) for page, key in refs]
        if any(p is None for p in parts):
            return None
        held = [p for p in parts if p is not None]
        inside = set(refs)
        used = [
            k
            for k in links
            if (k.from_page, k.from_article) in inside and (k.to_page, k.to_article) in inside
        ]
        return Story(held, used)

    # searching --------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        """Articles matching a query, best first; ``QuerySyntaxError`` on a bad query."""
        _check_filters(query)
        tree = parse_query(query.text)
        filters = _filters(query)
        with self.backend.snapshot():  # the total and the hits from one state
            full = self.backend.filtered_match(self.backend.compile_query(tree), filters)
            total = 0 if full is None else self.backend.count_matches(full)
            scored: list[tuple[int, float]] = []
            if full is not None and total and query.offset < total:
                scored = self._scored(full, total, query.limit, query.offset)
            rows = self.backend.hit_rows(scored)
            texts = self.backend.snippet_texts([r.article_id for r in rows])
            facets = None
            if query.facets:
                facets = self._facets(query, full, total, query.facets)
            stories = _stories(self.backend.links_of_issues([r.article_id for r in rows]))
        patterns = term_patterns(positive_terms(tree))
        hits = [
            SearchHit(
                paper=r.paper,
                date=r.date,
                page=r.page,
                article_id=r.key,
                title=r.title,
                snippet=snippet(texts.get(r.article_id, []), patterns),
                score=r.score,
                story=stories.get((r.paper, r.date, r.page, r.key), ()),
            )
            for r in rows
        ]
        return SearchResult(query=query, total=total, hits=hits, facets=facets)

    def facets(self, query: SearchQuery, *, limit: int = 10) -> Facets:
        """The ``limit`` people, organizations and places (each) most often named among the
        hits of a query: among all of them, or the ``FACET_WINDOW`` most recently stored
        when there are more (``Facets.counted`` says how many were counted).

        ``query.limit`` and ``query.offset`` play no part. ``QuerySyntaxError`` on a bad query.
        """
        _check_filters(query)
        tree = parse_query(query.text)
        with self.backend.snapshot():  # the total and the counts from one state
            full = self.backend.filtered_match(self.backend.compile_query(tree), _filters(query))
            total = 0 if full is None else self.backend.count_matches(full)
            return self._facets(query, full, total, limit)

    def _facets(self, query: SearchQuery, full: Any, total: int, limit: int) -> Facets:
        """The facets of a search whose match and total are known."""
        ids = [] if full is None or not total else self.backend.newest_ids(full, FACET_WINDOW)
        counts = self.backend.entity_counts_among(ids, limit)
        return Facets(query, total, len(ids), top_facets(counts, limit))

    # entities ---------------------------------------------------------------------------

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
        """Entities of a type, in most articles first, then by key (``prefix`` narrows by key).

        ``paper``, ``date_from`` and ``date_to`` count only the articles of that paper and
        those issues; ``limit`` None gives them all.
        """
        check_entity_type(type_)
        scope = EntityScope(paper, date_from, date_to)
        rows = self.backend.entity_rows(
            type_, prefix=prefix, scope=scope, limit=limit, offset=offset
        )
        titles: dict[str, list[str]] = {}
        if type_ == "person":
            titles = self.backend.person_titles([r.key for r in rows], scope=scope)
        return [
            EntityInfo(type_, r.key, r.articles, r.first_date, r.last_date, titles.get(r.key, []))
            for r in rows
        ]

    def entity(self, type_: str, key: str) -> EntityInfo | None:
        """One entity with its counts, or ``None`` when no article names it."""
        check_entity_type(type_)
        rows = self.backend.entity_rows(type_, key=key)
        if not rows:
            return None
        titles = self.backend.person_titles([key]) if type_ == "person" else {}
        r = rows[0]
        return EntityInfo(type_, key, r.articles, r.first_date, r.last_date, titles.get(key, []))

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
        """Every article naming an entity, latest issue first (then paper, page, position),
        each with what it says of the entity (``entities.appearance``)."""
        check_entity_type(type_)
        scope = EntityScope(paper, date_from, date_to)
        refs = self.backend.appearance_articles(type_, key, scope=scope, limit=limit, offset=offset)
        mentions = self.backend.entity_mentions(type_, key, [r.article_id for r in refs])
        return [appearance(type_, key, r, mentions[r.article_id]) for r in refs]

    def _scored(self, match: Any, total: int, limit: int, offset: int) -> list[tuple[int, float]]:
        """(article id, score) of the hits from ``offset`` on, ranked as the docstring says."""
        window = self.rank_window
        if total <= window:
            return self.backend.ranked(match, limit=limit, offset=offset, min_rowid=None)
        bound = self.backend.nth_newest(match, window - 1)
        assert bound is not None
        out: list[tuple[int, float]] = []
        if offset < window:
            out = self.backend.ranked(
                match, limit=min(limit, window - offset), offset=offset, min_rowid=bound
            )
        rest = limit - len(out)
        if rest > 0:
            out += self.backend.newest(
                match,
                limit=rest,
                offset=max(0, offset - window),
                below_rowid=bound,
            )
        return out


def as_reader(archive: Archive) -> ArchiveReader:
    """The archive seen as an ``ArchiveReader`` (mypy checks here that it is one)."""
    return archive


def as_story_reader(archive: Archive) -> StoryReader:
    """The archive seen as a ``StoryReader`` (mypy checks here that it is one)."""
    return archive


def _stories(links: list[StoredLink]) -> dict[tuple[str, str, int, str], tuple[Ref, ...]]:
    """Each linked part of these links → all the parts of its story, in reading order."""
    by_issue: dict[tuple[str, str], list[tuple[Ref, Ref]]] = {}
    for k in links:
        pair = ((k.from_page, k.from_article), (k.to_page, k.to_article))
        by_issue.setdefault((k.paper, k.date), []).append(pair)
    out: dict[tuple[str, str, int, str], tuple[Ref, ...]] = {}
    for (paper, date), pairs in by_issue.items():
        for ref in {r for pair in pairs for r in pair}:
            out[paper, date, *ref] = tuple(story_refs(pairs, ref))
    return out


def as_entity_reader(archive: Archive) -> EntityReader:
    """The archive seen as an ``EntityReader`` (mypy checks here that it is one)."""
    return archive


def _filters(query: SearchQuery) -> Filters:
    """Where a query looks."""
    return Filters(query.paper, query.date_from, query.date_to, query.page, query.entity)


def _check_filters(query: SearchQuery) -> None:
    """Refuse filters that cannot be right, with a message saying which."""
    for name, value in (("from", query.date_from), ("to", query.date_to)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise QuerySyntaxError(
                    f"the date {name} {value!r} is no date of the form YYYY-MM-DD"
                ) from None
    if not 1 <= query.limit <= MAX_LIMIT:
        raise QuerySyntaxError(f"the limit must be between 1 and {MAX_LIMIT}, not {query.limit}")
    if query.offset < 0:
        raise QuerySyntaxError(f"the offset must be 0 or more, not {query.offset}")
    if query.page is not None and query.page < 1:
        raise QuerySyntaxError(f"the page must be 1 or more, not {query.page}")
    if query.entity is not None:
        check_entity_type(query.entity[0])


def open_archive(path_or_url: str | Path, *, readonly: bool = False) -> Archive:
    """Open (creating and migrating it unless ``readonly``) the archive at a path.

    ``path_or_url`` is a file path, an ``sqlite:///path`` URL or a PostgreSQL URL
    (``postgresql://user:password@host/database``, ``postgresql.PostgresBackend``). Raises
    ``ArchiveError`` when the file is missing (read-only), is no banmian archive, or cannot
    be opened, or the database cannot be reached.
    """
    text = str(path_or_url)
    if is_postgres_url(text):
        return Archive(PostgresBackend(text, readonly=readonly))
    if text.startswith("sqlite:///"):
        # As SQLAlchemy reads it: sqlite:///relative/path, sqlite:////absolute/path.
        path = Path(text[len("sqlite:///") :])
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise ArchiveError(
            f"{text}: {scheme} archives are not supported (yet); give the path of an SQLite file"
        )
    else:
        path = Path(text)
    return Archive(SQLiteBackend(path, readonly=readonly))
