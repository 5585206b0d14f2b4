"""The SQLite backend: every SQL statement the archive runs (its DDL is in ``schema.py``).

One database file in WAL mode (readers never wait for the writer), foreign keys on,
``synchronous=NORMAL``: a committed page survives the process being killed at any moment;
only a power cut may lose the last few commits, never consistency. Writes run in explicit
``BEGIN IMMEDIATE`` … ``COMMIT`` transactions on an autocommit connection, one per page.

Each thread gets a connection of its own (a web server's worker threads read in parallel);
``close`` closes them all. The rest of the archive talks to this class in rows
(``banmian.archive.rows``) and records (``banmian.archive.records``) only, so another backend
(PostgreSQL, issue 6) is a class with the same methods.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from banmian.archive.facets import (
    article_meta,
    date_tokens,
    entity_token,
    page_meta,
    page_token,
    paper_token,
)
from banmian.archive.fts5 import quote, to_fts5
from banmian.archive.links import HEADLINE_ROLES, MarkedArticle, has_markers, link_marked
from banmian.archive.query import Node
from banmian.archive.records import (
    ENTITY_TYPES,
    IssueInfo,
    IssueWarningInfo,
    PageInfo,
    PaperInfo,
    StoredLink,
)
from banmian.archive.rows import (
    ArticleRow,
    AuthorRow,
    BlockRow,
    FieldRow,
    MentionRow,
    PageRow,
    PageRows,
    ParagraphRow,
    WarningRow,
)
from banmian.archive.schema import MIGRATIONS, applied, migrate, pending
from banmian.errors import ArchiveError

COLUMN_WEIGHTS = (5.0, 1.0, 2.0, 0.0)
"""bm25 weights of the index columns title, body, byline, meta: a word in a title counts most;
filter tokens not at all."""

TEXT_COLUMNS = "{title body byline}"
"""The index columns a query's words are looked for in (``meta`` holds filter tokens)."""

BUSY_TIMEOUT_MS = 10_000
"""How long a connection waits for another's write lock before giving up."""

TABLES = (
    "papers",
    "issues",
    "pages",
    "articles",
    "article_fields",
    "authors",
    "paragraphs",
    "blocks",
    "warnings",
    "mentions",
    "entities",
    "article_entities",
    "article_links",
    "issue_warnings",
)
"""The archive's tables (the search index aside), parents first."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Where a search looks: paper, inclusive date range, page number."""

    paper: str | None = None
    """Only this paper (by name)."""
    date_from: str | None = None
    """Only issues from this ISO date on."""
    date_to: str | None = None
    """Only issues up to this ISO date."""
    page: int | None = None
    """Only this page number."""
    entity: tuple[str, str] | None = None
    """Only articles mentioning this entity, ``(type, key)``."""


@dataclass(frozen=True, slots=True)
class HitRow:
    """One article a search found, before snippets."""

    article_id: int
    """``articles.id``."""
    score: float
    """Negated bm25: higher is better."""
    paper: str
    """The article's paper."""
    date: str
    """Its issue date."""
    page: int
    """Its page number."""
    key: str
    """Its id on the page (``a1`` …)."""
    title: str | None
    """Its main title, if it has one."""


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity with how many articles name it, and when."""

    key: str
    """The entity's key (``rows.entity_key``)."""
    articles: int
    """Articles naming it."""
    first_date: str
    """Earliest issue date of those articles."""
    last_date: str
    """Latest issue date."""


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Where an article stands, and its title."""

    article_id: int
    """``articles.id``."""
    paper: str
    """The article's paper."""
    date: str
    """Its issue date."""
    page: int
    """Its page number."""
    key: str
    """Its id on the page (``a1`` …)."""
    title: str | None
    """Its main title, if it has one."""


class PersonMention(NamedTuple):
    """What one mention of an entity says about it (the people's fields)."""

    text: str
    """As printed."""
    title: str | None
    """The title printed with a person."""
    organization: str | None
    """The organization of that title."""
    role: str | None
    """``official``, ``reporter`` or ``person``."""
    spoke: bool | None
    """Reported speaking."""
    attended: bool | None
    """Reported attending."""


@dataclass(frozen=True, slots=True)
class EntityScope:
    """Which articles an entity listing looks at: a paper, an inclusive date range."""

    paper: str | None = None
    """Only this paper (by name)."""
    date_from: str | None = None
    """Only issues from this ISO date on."""
    date_to: str | None = None
    """Only issues up to this ISO date."""


WHOLE_ARCHIVE = EntityScope()
"""The scope of every article."""

PREFIX_END = "\U0010ffff"
"""Sorts after every character: keys starting with ``p`` lie in [``p``, ``p + PREFIX_END``)."""


FACET_LOOKUP = 256
"""Entities looked up at a time, most frequent first, while ranking facets."""


def top_per_type(
    counts: Sequence[tuple[int, int]],
    lookup: Callable[[list[int]], dict[int, tuple[str, str]]],
    limit: int,
) -> list[tuple[str, str, int]]:
    """(type, key, count) of the ``limit`` most counted entities of each type.

    ``counts`` are (entity id, count) pairs; ``lookup`` gives the type and key of some
    ids. Ids are looked up most counted first, ``FACET_LOOKUP`` at a time, until every type
    has ``limit`` or none is left: grouping by id alone is what is fast, and the few most
    frequent are nearly always enough. Ties go to the entity stored first.
    """
    ranked = sorted(counts, key=lambda c: (-c[1], c[0]))
    kept: dict[str, list[tuple[str, str, int]]] = {t: [] for t in ENTITY_TYPES}
    for start in range(0, len(ranked), FACET_LOOKUP):
        chunk = ranked[start : start + FACET_LOOKUP]
        names = lookup([entity_id for entity_id, _ in chunk])
        for entity_id, n in chunk:
            type_, key = names[entity_id]
            if type_ in kept and len(kept[type_]) < limit:
                kept[type_].append((type_, key, n))
        if all(len(v) >= limit for v in kept.values()):
            break
    return [c for v in kept.values() for c in v]


def _scope_where(scope: EntityScope, alias: str) -> tuple[list[str], list[Any]]:
    """SQL conditions keeping the scope's articles, on a table ``alias`` with ``article_id``
    and ``date`` columns (``mentions``, ``article_entities``), and their values."""
    terms: list[str] = []
    params: list[Any] = []
    if scope.date_from is not None:
        terms.append(f"{alias}.date >= ?")
        params.append(scope.date_from)
    if scope.date_to is not None:
        terms.append(f"{alias}.date <= ?")
        params.append(scope.date_to)
    if scope.paper is not None:
        terms.append(
            f"""{alias}.article_id IN (SELECT a.id FROM articles a
                JOIN pages p ON p.id = a.page_id JOIN issues i ON i.id = p.issue_id
                JOIN papers n ON n.id = i.paper_id WHERE n.name = ?)"""
        )
        params.append(scope.paper)
    return terms, params


_PAGE_INFO = """
    SELECT n.name, i.date, p.number,
           (SELECT count(*) FROM articles a WHERE a.page_id = p.id),
           p.source, p.sha256, p.ingested_at
    FROM pages p JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id"""


LINKS_SQL = """
    SELECT n.name, i.date, l.from_page, fa.key, l.to_page, ta.key, l.basis, l.title_score,
           (SELECT f.text FROM article_fields f
            WHERE f.article_id = fa.id AND f.role = 'title' AND f.seq = 0)
    FROM article_links l JOIN issues i ON i.id = l.issue_id JOIN papers n ON n.id = i.paper_id
    JOIN articles fa ON fa.id = l.from_article JOIN articles ta ON ta.id = l.to_article"""
"""The stored links as ``StoredLink`` columns (the same SQL on both backends)."""


def _bm25() -> str:
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    return f"bm25(article_search, {weights})"


class SQLiteBackend:
    """An archive in one SQLite file."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if readonly and not path.is_file():
            raise ArchiveError(f"{path}: no archive there (build one with 'banmian ingest')")
        if not readonly and not path.parent.is_dir():
            raise ArchiveError(f"{path}: the folder {path.parent} does not exist")
        conn = self._conn()
        try:
            self._check(conn)
        except BaseException:
            self.close()
            raise

    # connections ------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            if self.readonly:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA query_only = ON")
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as err:
            if conn is not None:
                conn.close()
            if isinstance(err, sqlite3.OperationalError):
                raise ArchiveError(f"{self.path}: cannot open the archive: {err}") from err
            raise ArchiveError(f"{self.path}: not a banmian archive ({err})") from err
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _check(self, conn: sqlite3.Connection) -> None:
        """Refuse a file that is no banmian archive; bring a writable one up to date."""
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if tables and "migrations" not in tables:
                raise ArchiveError(
                    f"{self.path}: not a banmian archive (an SQLite database of something else)"
                )
            known = {name for name, _ in MIGRATIONS}
            unknown = [name for name in applied(conn) if name not in known]
            if unknown:
                raise ArchiveError(
                    f"{self.path}: made by a newer banmian (migration {unknown[0]}): "
                    "upgrade banmian"
                )
            if self.readonly:
                if pending(conn):
                    raise ArchiveError(
                        f"{self.path}: the archive is from an older banmian; open it for writing "
                        "once (banmian ingest) to upgrade it"
                    )
            else:
                migrate(conn)
        except sqlite3.DatabaseError as err:
            raise ArchiveError(f"{self.path}: not a banmian archive ({err})") from err

    def close(self) -> None:
        """Close every connection opened by any thread."""
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()
        self._local = threading.local()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one state of the archive, whatever a writer commits meanwhile."""
        conn = self._conn()
        if conn.in_transaction:  # already inside one
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.execute("COMMIT")

    # writing ----------------------------------------------------------------------------

    def page_sha256(self, paper: str, date: str, number: int) -> str | None:
        """The hash of the page held under this key, if any."""
        row = (
            self._conn()
            .execute(
                """SELECT p.sha256 FROM pages p JOIN issues i ON i.id = p.issue_id
               JOIN papers n ON n.id = i.paper_id
               WHERE n.name = ? AND i.date = ? AND p.number = ?""",
                (paper, date, number),
            )
            .fetchone()
        )
        return None if row is None else str(row[0])

    def page_state(self, paper: str, date: str, number: int) -> tuple[str, bool] | None:
        """The hash of the page held under this key and whether it is enriched, if any."""
        row = (
            self._conn()
            .execute(
                """SELECT p.sha256, p.enriched FROM pages p JOIN issues i ON i.id = p.issue_id
               JOIN papers n ON n.id = i.paper_id
               WHERE n.name = ? AND i.date = ? AND p.number = ?""",
                (paper, date, number),
            )
            .fetchone()
        )
        return None if row is None else (str(row[0]), bool(row[1]))

    def write_page(self, rows: PageRows, *, ingested_at: str) -> str:
        """Store a page in one transaction: ``ingested``, ``replaced``, ``enriched`` or
        ``unchanged``.

        A page under the same paper, date and number with the same hash is left as it is,
        unless it was stored without enrichment and ``rows`` are enriched (``enriched``);
        then, as with another hash (``replaced``), it and everything parsed from it (index
        rows and mentions included) are deleted and the new page takes its place, in the
        same transaction.
        """
        page = rows.page
        with self._transaction() as conn:
            paper_id = self._id(conn, "papers", ("name",), (page.paper,))
            issue_id = self._id(conn, "issues", ("paper_id", "date"), (paper_id, page.date))
            old = conn.execute(
                "SELECT id, sha256, enriched FROM pages WHERE issue_id = ? AND number = ?",
                (issue_id, page.number),
            ).fetchone()
            same = old is not None and old[1] == page.sha256
            if same and (old[2] or not rows.enriched):
                return "unchanged"
            touched = links_touched(conn, issue_id, page.number, old and old[0], rows)
            if old is not None:
                _delete_page(conn, old[0], paper_id)
            _insert_page(conn, paper_id, issue_id, rows, ingested_at)
            if touched:
                relink_issue(conn, issue_id)
        return "ingested" if old is None else "enriched" if same else "replaced"

    @staticmethod
    def _id(
        conn: sqlite3.Connection, table: str, columns: Sequence[str], values: Sequence[Any]
    ) -> int:
        """The id of the row with these values, inserted if there is none."""
        where = " AND ".join(f"{c} = ?" for c in columns)
        row = conn.execute(f"SELECT id FROM {table} WHERE {where}", values).fetchone()
        if row is not None:
            return int(row[0])
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        cur = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)
        assert cur.lastrowid is not None
        return cur.lastrowid

    def optimize(self) -> None:
        """Merge the search index into one segment (FTS5 ``optimize``), in one transaction.

        Ingest adds a small index segment per page and FTS5 merges them only now and then;
        a query reads every segment, so one merged segment answers faster. Takes time in
        proportion to the whole index (about 6 s for 10,000 pages).
        """
        with self._transaction() as conn:
            conn.execute("INSERT INTO article_search (article_search) VALUES ('optimize')")
        self._conn().execute("PRAGMA optimize")

    # reading pages ----------------------------------------------------------------------

    def _page_id(self, conn: sqlite3.Connection, paper: str, date: str, number: int) -> int | None:
        row = conn.execute(
            """SELECT p.id FROM pages p JOIN issues i ON i.id = p.issue_id
               JOIN papers n ON n.id = i.paper_id
               WHERE n.name = ? AND i.date = ? AND p.number = ?""",
            (paper, date, number),
        ).fetchone()
        return None if row is None else int(row[0])

    def page_rows(self, paper: str, date: str, number: int) -> tuple[PageInfo, PageRows] | None:
        """A page's record and rows, or None when it is not held."""
        conn = self._conn()
        with self.snapshot():
            page_id = self._page_id(conn, paper, date, number)
            if page_id is None:
                return None
            info = PageInfo(*conn.execute(_PAGE_INFO + " WHERE p.id = ?", (page_id,)).fetchone())
            rows = load_page_rows(conn, page_id)
            rows.enriched = bool(
                conn.execute("SELECT enriched FROM pages WHERE id = ?", (page_id,)).fetchone()[0]
            )
            rows.mentions = load_mention_rows(conn, page_id)
            return info, rows

    # browsing ---------------------------------------------------------------------------

    def papers(self) -> list[PaperInfo]:
        """Every paper, by name."""
        return [
            PaperInfo(*r)
            for r in self._conn().execute(
                """SELECT n.name, count(DISTINCT i.id), count(p.id), min(i.date), max(i.date)
                   FROM papers n JOIN issues i ON i.paper_id = n.id
                   JOIN pages p ON p.issue_id = i.id
                   GROUP BY n.id ORDER BY n.name"""
            )
        ]

    def issues(self, paper: str) -> list[IssueInfo]:
        """A paper's issues, by date."""
        return [
            IssueInfo(*r)
            for r in self._conn().execute(
                """SELECT n.name, i.date, count(DISTINCT p.id), count(a.id)
                   FROM papers n JOIN issues i ON i.paper_id = n.id
                   JOIN pages p ON p.issue_id = i.id
                   LEFT JOIN articles a ON a.page_id = p.id
                   WHERE n.name = ? GROUP BY i.id ORDER BY i.date""",
                (paper,),
            )
        ]

    def pages(self, paper: str, date: str) -> list[PageInfo]:
        """An issue's pages, by number."""
        return [
            PageInfo(*r)
            for r in self._conn().execute(
                _PAGE_INFO + " WHERE n.name = ? AND i.date = ? ORDER BY p.number",
                (paper, date),
            )
        ]

    def counts(self) -> dict[str, int]:
        """Rows in each table, and documents in the search index (``article_search``)."""
        conn = self._conn()
        out = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
        out["article_search"] = int(
            conn.execute("SELECT count(*) FROM article_search_docsize").fetchone()[0]
        )
        return out

    # searching --------------------------------------------------------------------------

    def compile_query(self, tree: Node) -> str:
        """A query tree as an FTS5 MATCH expression (``fts5``)."""
        return to_fts5(tree)

    def filtered_match(self, match: str, filters: Filters) -> str | None:
        """The MATCH expression of a query's words within its filters (``facets``).

        None when the filters exclude everything (an unknown paper, an empty date range).
        """
        parts = [f"{TEXT_COLUMNS} : ({match})"]
        conn = self._conn()
        if filters.paper is not None:
            row = conn.execute("SELECT id FROM papers WHERE name = ?", (filters.paper,)).fetchone()
            if row is None:
                return None
            parts.append(f"meta : {quote(paper_token(int(row[0])))}")
        if filters.date_from is not None or filters.date_to is not None:
            first, last = conn.execute("SELECT min(date), max(date) FROM issues").fetchone()
            if first is None:
                return None
            start = max(
                dt.date.fromisoformat(filters.date_from or first), dt.date.fromisoformat(first)
            )
            end = min(dt.date.fromisoformat(filters.date_to or last), dt.date.fromisoformat(last))
            tokens = date_tokens(start, end)
            if not tokens:
                return None
            parts.append("meta : (" + " OR ".join(quote(t) for t in tokens) + ")")
        if filters.page is not None:
            parts.append(f"meta : {quote(page_token(filters.page))}")
        if filters.entity is not None:
            parts.append(f"meta : {quote(entity_token(*filters.entity))}")
        return " AND ".join(f"({p})" for p in parts)

    def count_matches(self, match: str) -> int:
        """How many articles match (``match`` from ``filtered_match``)."""
        sql = "SELECT count(*) FROM article_search WHERE article_search MATCH ?"
        return int(self._run(sql, [match]).fetchone()[0])

    def nth_newest(self, match: str, n: int) -> int | None:
        """The rowid of the ``n``-th most recently stored matching article (0-based)."""
        row = self._run(
            "SELECT rowid FROM article_search WHERE article_search MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [match, n],
        ).fetchone()
        return None if row is None else int(row[0])

    def ranked(
        self, match: str, *, limit: int, offset: int, min_rowid: int | None
    ) -> list[tuple[int, float]]:
        """(article id, score) best first by bm25, among rowids from ``min_rowid`` on."""
        floor = "" if min_rowid is None else " AND rowid >= ?"
        sql = (
            f"SELECT rowid, -{_bm25()} AS score FROM article_search"
            f" WHERE article_search MATCH ?{floor}"
            " ORDER BY score DESC, rowid DESC LIMIT ? OFFSET ?"
        )
        params: list[Any] = [match] + ([] if min_rowid is None else [min_rowid])
        rows = self._run(sql, [*params, limit, offset]).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def newest(
        self, match: str, *, limit: int, offset: int, below_rowid: int
    ) -> list[tuple[int, float]]:
        """(article id, score) newest first, among rowids below ``below_rowid``."""
        sql = (
            f"SELECT rowid, -{_bm25()} FROM article_search"
            " WHERE article_search MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ? OFFSET ?"
        )
        rows = self._run(sql, [match, below_rowid, limit, offset]).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def hit_rows(self, scored: list[tuple[int, float]]) -> list[HitRow]:
        """Where the scored articles stand, and their titles, in the order given."""
        if not scored:
            return []
        marks = ", ".join("?" for _ in scored)
        found = {
            int(r[0]): r[1:]
            for r in self._conn().execute(
                f"""SELECT a.id, n.name, i.date, p.number, a.key,
                       (SELECT f.text FROM article_fields f
                        WHERE f.article_id = a.id AND f.role = 'title' AND f.seq = 0)
                    FROM articles a JOIN pages p ON p.id = a.page_id
                    JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id
                    WHERE a.id IN ({marks})""",
                [article_id for article_id, _ in scored],
            )
        }
        return [
            HitRow(article_id, score, *found[article_id])
            for article_id, score in scored
            if article_id in found
        ]

    def snippet_texts(self, article_ids: list[int]) -> dict[int, list[str]]:
        """The texts a snippet is cut from, per article: dateline, paragraphs, byline."""
        if not article_ids:
            return {}
        marks = ", ".join("?" for _ in article_ids)
        conn = self._conn()
        out: dict[int, list[str]] = {i: [] for i in article_ids}
        fields: dict[tuple[int, str], str] = {
            (int(r[0]), r[1]): r[2]
            for r in conn.execute(
                f"""SELECT article_id, role, text FROM article_fields
                    WHERE article_id IN ({marks}) AND role IN ('dateline', 'byline')""",
                article_ids,
            )
        }
        for i in article_ids:
            if (i, "dateline") in fields:
                out[i].append(fields[i, "dateline"])
        for r in conn.execute(
            f"""SELECT article_id, text FROM paragraphs WHERE article_id IN ({marks})
                ORDER BY article_id, seq""",
            article_ids,
        ):
            out[int(r[0])].append(r[1])
        for i in article_ids:
            if (i, "byline") in fields:
                out[i].append(fields[i, "byline"])
        return out

    def newest_ids(self, match: str, limit: int | None = None) -> list[int]:
        """The matching articles' ids, newest first (the ``limit`` newest, or all)."""
        sql = (
            "SELECT rowid FROM article_search WHERE article_search MATCH ?"
            " ORDER BY rowid DESC LIMIT ?"
        )
        return [int(r[0]) for r in self._run(sql, [match, -1 if limit is None else limit])]

    # entities ---------------------------------------------------------------------------

    def entity_rows(
        self,
        type_: str,
        *,
        key: str | None = None,
        prefix: str | None = None,
        scope: EntityScope = WHOLE_ARCHIVE,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntityRow]:
        """Entities of a type named in the scope, in most articles first, then by key.

        ``key`` gives that entity alone, ``prefix`` those whose key starts so. The whole
        archive's counts are read from ``entities``; a narrower scope counts
        ``article_entities`` rows (slower: in proportion to the type's rows).
        """
        terms, params = ["e.type = ?"], [type_]
        if key is not None:
            terms.append("e.key = ?")
            params.append(key)
        if prefix:
            terms.append("e.key >= ? AND e.key < ?")
            params += [prefix, prefix + PREFIX_END]
        page = [-1 if limit is None else limit, offset]
        conn = self._conn()
        if scope == WHOLE_ARCHIVE:
            sql = f"""SELECT e.key, e.articles, e.first_date, e.last_date FROM entities e
                      WHERE {" AND ".join(terms)}
                      ORDER BY e.articles DESC, e.key LIMIT ? OFFSET ?"""
            rows = conn.execute(sql, [*params, *page])
        else:
            more, values = _scope_where(scope, "x")
            sql = f"""SELECT e.key, count(*) AS n, min(x.date), max(x.date)
                      FROM article_entities x JOIN entities e ON e.id = x.entity_id
                      WHERE {" AND ".join(terms + more)}
                      GROUP BY e.id ORDER BY n DESC, e.key LIMIT ? OFFSET ?"""
            rows = conn.execute(sql, [*params, *values, *page])
        return [EntityRow(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows]

    def person_titles(
        self, keys: list[str], *, scope: EntityScope = WHOLE_ARCHIVE
    ) -> dict[str, list[str]]:
        """The distinct titles printed with each person, in most articles first."""
        if not keys:
            return {}
        terms, params = _scope_where(scope, "m")
        sql = f"""SELECT m.key, m.title, count(DISTINCT m.article_id) AS n FROM mentions m
                  WHERE m.type = 'person' AND m.key IS NOT NULL
                  AND m.key IN (SELECT value FROM json_each(?)) AND m.title IS NOT NULL
                  {"".join(" AND " + t for t in terms)}
                  GROUP BY m.key, m.title ORDER BY m.key, n DESC, m.title"""
        out: dict[str, list[str]] = {}
        for key, title, _ in self._conn().execute(sql, [json.dumps(keys), *params]):
            out.setdefault(str(key), []).append(str(title))
        return out

    def appearance_articles(
        self,
        type_: str,
        key: str,
        *,
        scope: EntityScope = WHOLE_ARCHIVE,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleRef]:
        """The articles naming an entity: latest issue first, then the last stored first."""
        terms, params = _scope_where(scope, "x")
        sql = f"""SELECT a.id, n.name, x.date, p.number, a.key,
                      (SELECT f.text FROM article_fields f
                       WHERE f.article_id = a.id AND f.role = 'title' AND f.seq = 0)
                  FROM entities e JOIN article_entities x ON x.entity_id = e.id
                  JOIN articles a ON a.id = x.article_id JOIN pages p ON p.id = a.page_id
                  JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id
                  WHERE e.type = ? AND e.key = ? {"".join(" AND " + t for t in terms)}
                  ORDER BY x.date DESC, x.article_id DESC LIMIT ? OFFSET ?"""
        rows = self._conn().execute(
            sql, [type_, key, *params, -1 if limit is None else limit, offset]
        )
        return [ArticleRef(int(r[0]), r[1], r[2], int(r[3]), r[4], r[5]) for r in rows]

    def entity_mentions(
        self, type_: str, key: str, article_ids: list[int]
    ) -> dict[int, list[PersonMention]]:
        """An entity's mentions in some articles, in text order, by article."""
        out: dict[int, list[PersonMention]] = {i: [] for i in article_ids}
        if not article_ids:
            return out
        rows = self._conn().execute(
            """SELECT article_id, text, title, organization, role, spoke, attended
               FROM mentions WHERE article_id IN (SELECT value FROM json_each(?))
               AND +type = ? AND +key = ? ORDER BY article_id, seq""",
            [json.dumps(article_ids), type_, key],
        )
        for r in rows:
            spoke = None if r[5] is None else bool(r[5])
            attended = None if r[6] is None else bool(r[6])
            out[int(r[0])].append(PersonMention(r[1], r[2], r[3], r[4], spoke, attended))
        return out

    def entity_counts_among(self, article_ids: list[int], limit: int) -> list[tuple[str, str, int]]:
        """(type, key, articles) of the ``limit`` entities of each type that most of the
        given articles name (``top_per_type``)."""
        if not article_ids:
            return []
        conn = self._conn()
        counts = conn.execute(
            """SELECT entity_id, count(*) FROM article_entities
               WHERE article_id IN (SELECT value FROM json_each(?)) GROUP BY entity_id""",
            [json.dumps(article_ids)],
        ).fetchall()

        def lookup(ids: list[int]) -> dict[int, tuple[str, str]]:
            rows = conn.execute(
                "SELECT id, type, key FROM entities WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(ids)],
            )
            return {int(r[0]): (str(r[1]), str(r[2])) for r in rows}

        return top_per_type(counts, lookup, limit)

    # continuations ----------------------------------------------------------------------

    def issue_links(self, paper: str, date: str) -> list[StoredLink]:
        """An issue's continuation links, in link order."""
        rows = self._conn().execute(
            LINKS_SQL + " WHERE n.name = ? AND i.date = ? ORDER BY l.seq", (paper, date)
        )
        return [StoredLink(*r) for r in rows]

    def issue_warnings(self, paper: str, date: str) -> list[IssueWarningInfo]:
        """The markers of an issue that no link answered, in order."""
        rows = self._conn().execute(
            """SELECT n.name, i.date, w.code, w.message, w.page, w.article
               FROM issue_warnings w JOIN issues i ON i.id = w.issue_id
               JOIN papers n ON n.id = i.paper_id
               WHERE n.name = ? AND i.date = ? ORDER BY w.seq""",
            (paper, date),
        )
        return [IssueWarningInfo(*r) for r in rows]

    def links_of_issues(self, article_ids: list[int]) -> list[StoredLink]:
        """The links of every issue holding one of these articles, by issue, in link order."""
        if not article_ids:
            return []
        rows = self._conn().execute(
            LINKS_SQL
            + """ WHERE l.issue_id IN (SELECT p.issue_id FROM articles a
                  JOIN pages p ON p.id = a.page_id
                  WHERE a.id IN (SELECT value FROM json_each(?)))
                  ORDER BY l.issue_id, l.seq""",
            [json.dumps(article_ids)],
        )
        return [StoredLink(*r) for r in rows]

    def _run(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        try:
            return self._conn().execute(sql, params)
        except sqlite3.OperationalError as err:  # pragma: no cover - the compiler's bug
            raise ArchiveError(f"the search index refused the query: {err}") from err


# Page rows, shared with the migrations ---------------------------------------------


def _delete_page(conn: sqlite3.Connection, page_id: int, paper_id: int) -> None:
    """Delete a page, all it holds and its articles' index rows."""
    old = load_page_rows(conn, page_id)
    old.mentions = load_mention_rows(conn, page_id)
    metas = _article_metas(paper_id, old)
    named = [
        int(r[0])
        for r in conn.execute(
            """SELECT DISTINCT x.entity_id FROM article_entities x
               JOIN articles a ON a.id = x.article_id WHERE a.page_id = ?""",
            (page_id,),
        )
    ]
    ids = [
        r[0]
        for r in conn.execute("SELECT id FROM articles WHERE page_id = ? ORDER BY seq", (page_id,))
    ]
    conn.executemany(
        """INSERT INTO article_search (article_search, rowid, title, body, byline, meta)
           VALUES ('delete', ?, ?, ?, ?, ?)""",
        [
            (article_id, s.title, s.body, s.byline, metas[s.article_seq])
            for article_id, s in zip(ids, old.search_rows(), strict=True)
        ],
    )
    conn.execute("DELETE FROM pages WHERE id = ?", (page_id,))
    _recount_entities(conn, named)


def _insert_page(
    conn: sqlite3.Connection, paper_id: int, issue_id: int, rows: PageRows, ingested_at: str
) -> None:
    """Insert a page, all it holds and its articles' index rows."""
    page = rows.page
    metas = _article_metas(paper_id, rows)
    cur = conn.execute(
        """INSERT INTO pages (issue_id, number, source, sha256, raw_text, ingested_at, enriched)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (
            issue_id,
            page.number,
            page.source,
            page.sha256,
            page.raw_text,
            ingested_at,
            int(rows.enriched),
        ),
    )
    page_id = cur.lastrowid
    ids: dict[int, int] = {}
    for art in rows.articles:
        cur = conn.execute(
            """INSERT INTO articles (page_id, seq, key, continued_from, continues_to)
               VALUES (?, ?, ?, ?, ?)""",
            (page_id, art.seq, art.key, art.continued_from, art.continues_to),
        )
        assert cur.lastrowid is not None
        ids[art.seq] = cur.lastrowid
    conn.executemany(
        """INSERT INTO article_fields (article_id, role, seq, text, spans, rule)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [(ids[f.article_seq], *f[1:]) for f in rows.fields],
    )
    conn.executemany(
        "INSERT INTO authors (article_id, seq, name) VALUES (?, ?, ?)",
        [(ids[a.article_seq], *a[1:]) for a in rows.authors],
    )
    conn.executemany(
        """INSERT INTO paragraphs (article_id, seq, type, text, spans, rule)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [(ids[p.article_seq], *p[1:]) for p in rows.paragraphs],
    )
    conn.executemany(
        """INSERT INTO blocks (page_id, seq, kind, text, spans, rule, confidence)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [(page_id, *b) for b in rows.blocks],
    )
    conn.executemany(
        """INSERT INTO warnings (page_id, seq, code, message, first_line, last_line)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [(page_id, *w) for w in rows.warnings],
    )
    conn.executemany(
        f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}, date)"
        f" VALUES ({', '.join('?' for _ in MENTION_COLUMNS)}, ?)",
        [(ids[m.article_seq], *m[1:], page.date) for m in rows.mentions],
    )
    _add_entities(conn, ids, rows)
    conn.executemany(
        "INSERT INTO article_search (rowid, title, body, byline, meta) VALUES (?, ?, ?, ?, ?)",
        [
            (ids[s.article_seq], s.title, s.body, s.byline, metas[s.article_seq])
            for s in rows.search_rows()
        ],
    )


MENTION_COLUMNS = (
    *("article_id", "seq", "type", "text", "field", "paragraph", "start_offset", "end_offset"),
    *("rule", "confidence", "name", "title", "organization", "role", "spoke", "attended"),
    *("value", "time", "unit", "code", "key"),
)
"""The ``mentions`` columns a ``MentionRow`` fills, in its order (the article's id first);
the table adds ``date``, the issue's."""


def _add_entities(conn: sqlite3.Connection, ids: dict[int, int], rows: PageRows) -> None:
    """Count a new page's articles in ``entities`` and link them in ``article_entities``."""
    date = rows.page.date
    articles: dict[tuple[str, str], set[int]] = {}
    for m in rows.mentions:
        if m.key is not None:
            articles.setdefault((m.type, m.key), set()).add(ids[m.article_seq])
    links = []
    for (type_, key), named in articles.items():
        row = conn.execute(
            "SELECT id FROM entities WHERE type = ? AND key = ?", (type_, key)
        ).fetchone()
        if row is None:
            cur = conn.execute(
                """INSERT INTO entities (type, key, articles, first_date, last_date)
                   VALUES (?, ?, ?, ?, ?)""",
                (type_, key, len(named), date, date),
            )
            entity_id = cur.lastrowid
        else:
            entity_id = int(row[0])
            conn.execute(
                """UPDATE entities SET articles = articles + ?, first_date = min(first_date, ?),
                   last_date = max(last_date, ?) WHERE id = ?""",
                (len(named), date, date, entity_id),
            )
        links += [(article_id, entity_id, date) for article_id in sorted(named)]
    conn.executemany(
        "INSERT INTO article_entities (article_id, entity_id, date) VALUES (?, ?, ?)", links
    )


def _recount_entities(conn: sqlite3.Connection, entity_ids: list[int]) -> None:
    """Count again the articles naming some entities (after a page was deleted); an
    entity no article names any more is deleted."""
    for entity_id in entity_ids:
        n, first, last = conn.execute(
            "SELECT count(*), min(date), max(date) FROM article_entities WHERE entity_id = ?",
            (entity_id,),
        ).fetchone()
        if n:
            conn.execute(
                "UPDATE entities SET articles = ?, first_date = ?, last_date = ? WHERE id = ?",
                (n, first, last, entity_id),
            )
        else:
            conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))


def _article_metas(paper_id: int, rows: PageRows) -> dict[int, str]:
    """The ``meta`` column of each article of a page, by ``seq``: page and entity tokens."""
    page = page_meta(paper_id, rows.page.date, rows.page.number)
    entities: dict[int, list[tuple[str, str]]] = {a.seq: [] for a in rows.articles}
    for m in rows.mentions:
        if m.key is not None:
            entities[m.article_seq].append((m.type, m.key))
    return {seq: article_meta(page, pairs) for seq, pairs in entities.items()}


def load_mention_rows(conn: sqlite3.Connection, page_id: int) -> list[MentionRow]:
    """The mentions of a page's articles, by article and ``seq``."""
    columns = ", ".join(f"m.{c}" for c in MENTION_COLUMNS[1:])
    return [
        MentionRow(*r)
        for r in conn.execute(
            f"""SELECT a.seq, {columns} FROM mentions m JOIN articles a ON a.id = m.article_id
                WHERE a.page_id = ? ORDER BY a.seq, m.seq""",
            (page_id,),
        )
    ]


def load_page_rows(conn: sqlite3.Connection, page_id: int) -> PageRows:
    """Every row of one page, each list in order."""
    row = conn.execute(
        """SELECT n.name, i.date, p.number, p.source, p.sha256, p.raw_text
           FROM pages p JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id
           WHERE p.id = ?""",
        (page_id,),
    ).fetchone()
    rows = PageRows(PageRow(*row))
    rows.articles = [
        ArticleRow(*r)
        for r in conn.execute(
            """SELECT seq, key, continued_from, continues_to FROM articles
               WHERE page_id = ? ORDER BY seq""",
            (page_id,),
        )
    ]
    rows.fields = [
        FieldRow(*r)
        for r in conn.execute(
            """SELECT a.seq, f.role, f.seq, f.text, f.spans, f.rule
               FROM article_fields f JOIN articles a ON a.id = f.article_id
               WHERE a.page_id = ? ORDER BY a.seq, f.role, f.seq""",
            (page_id,),
        )
    ]
    rows.authors = [
        AuthorRow(*r)
        for r in conn.execute(
            """SELECT a.seq, u.seq, u.name FROM authors u JOIN articles a ON a.id = u.article_id
               WHERE a.page_id = ? ORDER BY a.seq, u.seq""",
            (page_id,),
        )
    ]
    rows.paragraphs = [
        ParagraphRow(*r)
        for r in conn.execute(
            """SELECT a.seq, g.seq, g.type, g.text, g.spans, g.rule
               FROM paragraphs g JOIN articles a ON a.id = g.article_id
               WHERE a.page_id = ? ORDER BY a.seq, g.seq""",
            (page_id,),
        )
    ]
    rows.blocks = [
        BlockRow(*r)
        for r in conn.execute(
            """SELECT seq, kind, text, spans, rule, confidence FROM blocks
               WHERE page_id = ? ORDER BY seq""",
            (page_id,),
        )
    ]
    rows.warnings = [
        WarningRow(*r)
        for r in conn.execute(
            """SELECT seq, code, message, first_line, last_line FROM warnings
               WHERE page_id = ? ORDER BY seq""",
            (page_id,),
        )
    ]
    return rows


def links_touched(
    conn: sqlite3.Connection, issue_id: int, number: int, old_page_id: int | None, rows: PageRows
) -> bool:
    """Whether storing ``rows`` as page ``number`` of an issue can change its links: the
    page, or the one it replaces (``old_page_id``), has a continuation marker, or it is a
    new page that a marker of the issue names (called before the old page is deleted)."""
    if has_markers(rows):
        return True
    if old_page_id is not None:
        row = conn.execute(
            """SELECT 1 FROM articles WHERE page_id = ?
               AND (continued_from IS NOT NULL OR continues_to IS NOT NULL) LIMIT 1""",
            (old_page_id,),
        ).fetchone()
    else:
        row = conn.execute(
            """SELECT 1 FROM pages p JOIN articles a ON a.page_id = p.id
               WHERE p.issue_id = ? AND (a.continued_from = ? OR a.continues_to = ?) LIMIT 1""",
            (issue_id, number, number),
        ).fetchone()
    return row is not None


def relink_issue(conn: sqlite3.Connection, issue_id: int) -> None:
    """Link the continuations of an issue again from what it holds now (``links``), its
    old links and warnings replaced; run inside the transaction that changed a page."""
    numbers = [
        int(r[0]) for r in conn.execute("SELECT number FROM pages WHERE issue_id = ?", (issue_id,))
    ]
    found = conn.execute(
        """SELECT p.number, a.id, a.key, a.continued_from, a.continues_to
           FROM pages p JOIN articles a ON a.page_id = p.id
           WHERE p.issue_id = ? AND (a.continued_from IS NOT NULL OR a.continues_to IS NOT NULL)
           ORDER BY p.number, a.seq""",
        (issue_id,),
    ).fetchall()
    heads: dict[int, dict[str, str]] = {int(r[1]): {} for r in found}
    if heads:
        for article_id, role, text in conn.execute(
            f"""SELECT article_id, role, text FROM article_fields
                WHERE article_id IN (SELECT value FROM json_each(?)) AND seq = 0
                AND role IN ({", ".join(f"'{r}'" for r in HEADLINE_ROLES)})""",
            [json.dumps(list(heads))],
        ):
            heads[int(article_id)][role] = text
    marked = [MarkedArticle(r[0], r[1], r[2], r[3], r[4], heads[int(r[1])]) for r in found]
    linked = link_marked(numbers, marked)
    conn.execute("DELETE FROM article_links WHERE issue_id = ?", (issue_id,))
    conn.execute("DELETE FROM issue_warnings WHERE issue_id = ?", (issue_id,))
    conn.executemany(
        """INSERT INTO article_links (issue_id, seq, from_article, to_article, from_page,
           to_page, basis, title_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [(issue_id, *row) for row in linked.links],
    )
    conn.executemany(
        """INSERT INTO issue_warnings (issue_id, seq, code, message, page, article)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [(issue_id, *row) for row in linked.warnings],
    )


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Fill an empty ``article_search`` from the stored articles (a migration's step).

    Entity tokens come from the stored mentions, once the migration that adds them ran.
    """
    has_mentions = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mentions'"
    ).fetchone()
    pages = conn.execute(
        "SELECT p.id, i.paper_id FROM pages p JOIN issues i ON i.id = p.issue_id ORDER BY p.id"
    ).fetchall()
    for page_id, paper_id in pages:
        rows = load_page_rows(conn, page_id)
        if has_mentions:
            rows.mentions = load_mention_rows(conn, page_id)
        metas = _article_metas(paper_id, rows)
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM articles WHERE page_id = ? ORDER BY seq", (page_id,)
            )
        ]
        conn.executemany(
            "INSERT INTO article_search (rowid, title, body, byline, meta) VALUES (?, ?, ?, ?, ?)",
            [
                (article_id, s.title, s.body, s.byline, metas[s.article_seq])
                for article_id, s in zip(ids, rows.search_rows(), strict=True)
            ],
        )
