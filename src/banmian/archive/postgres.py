"""The PostgreSQL backend: the archive in a PostgreSQL database (``postgresql://…``).

The same methods as ``sqlite.SQLiteBackend``, so ``Archive`` behaves the same on either:
one transaction per page (a page is stored whole or not at all, whenever the process
dies), the same tables (``pg_schema``), the same search answers (``pg_search``: the bigram
tokens in a GIN-indexed ``tsvector``). Writers take one advisory lock per transaction,
as SQLite's ``BEGIN IMMEDIATE`` makes them wait for each other; readers never wait.
A search reads one snapshot (``REPEATABLE READ``). Enriched pages keep their mentions in
``mentions`` and their entities in ``entities`` and ``article_entities`` (as on SQLite); a
search narrowed to an entity looks its articles up in ``article_entities``.

Each thread gets a connection of its own, in autocommit mode; ``close`` closes them all.
The tables live in the connection's current schema (``?options=-csearch_path%3Dname`` in
the URL picks another; the tests use this). psycopg 3 is imported only here, when a
PostgreSQL archive is opened.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from banmian.archive.links import HEADLINE_ROLES, MarkedArticle, has_markers, link_marked
from banmian.archive.pg_schema import MIGRATION_LOCK, MIGRATIONS, applied, migrate, pending
from banmian.archive.pg_schema import tables as schema_tables
from banmian.archive.pg_search import (
    RANK_WEIGHTS,
    article_vector,
    to_tsquery_text,
    tree_matches,
)
from banmian.archive.query import Node
from banmian.archive.records import (
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
from banmian.archive.sqlite import (
    LINKS_SQL,
    MENTION_COLUMNS,
    TABLES,
    WHOLE_ARCHIVE,
    ArticleRef,
    EntityRow,
    EntityScope,
    Filters,
    HitRow,
    PersonMention,
    top_per_type,
)
from banmian.errors import ArchiveError

Connection = Any
"""A psycopg connection (the driver is imported lazily)."""

URL_SCHEMES = ("postgresql://", "postgres://")
"""How a PostgreSQL archive's address begins."""


def is_postgres_url(text: str) -> bool:
    """Whether ``text`` names a PostgreSQL database."""
    return text.startswith(URL_SCHEMES)


def display_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    return re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1:***@", url)


@dataclass(frozen=True, slots=True)
class PgQuery:
    """A query compiled for PostgreSQL: its tsquery, its loose twin and its tree."""

    tsquery: str
    """The exact tsquery literal (``pg_search.to_tsquery_text``)."""
    loose: str
    """The candidate query for articles whose tsvector is not exact."""
    tree: Node
    """The query tree, to check those candidates in Python."""


@dataclass(frozen=True, slots=True)
class PgMatch:
    """A query within its filters: a WHERE clause over ``article_search s`` and its values."""

    where: str
    """SQL condition."""
    params: tuple[Any, ...] = field(default=())
    """Its parameters, in order."""


_PAGE_INFO = """
    SELECT n.name, i.date, p.number,
           (SELECT count(*) FROM articles a WHERE a.page_id = p.id),
           p.source, p.sha256, p.ingested_at
    FROM pages p JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id"""

_RANK = f"ts_rank('{RANK_WEIGHTS}', s.tsv, %s::tsquery)"


class PostgresBackend:
    """An archive in a PostgreSQL database."""

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        self.url = url
        self.path = display_url(url)
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[Connection] = []
        self._lock = threading.Lock()
        try:
            import psycopg
        except ImportError as err:
            raise ArchiveError(
                f"{self.path}: PostgreSQL archives need psycopg: pip install 'banmian[postgres]'"
            ) from err
        self._psycopg = psycopg
        conn = self._conn()
        try:
            self._check(conn)
        except BaseException:
            self.close()
            raise

    # connections ------------------------------------------------------------------------

    def _connect(self) -> Connection:
        psycopg = self._psycopg
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as err:
            reason = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
            raise ArchiveError(f"{self.path}: cannot connect to PostgreSQL: {reason}") from err
        if self.readonly:
            conn.execute("SET default_transaction_read_only = on")
        return conn

    def _conn(self) -> Connection:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _check(self, conn: Connection) -> None:
        """Refuse a database that holds something else; bring a writable one up to date."""
        psycopg = self._psycopg
        try:
            found = schema_tables(conn)
            if found and "migrations" not in found:
                raise ArchiveError(
                    f"{self.path}: not a banmian archive (the schema holds other tables)"
                )
            known = {name for name, _ in MIGRATIONS}
            unknown = [name for name in applied(conn) if name not in known]
            if unknown:
                raise ArchiveError(
                    f"{self.path}: made by a newer banmian (migration {unknown[0]}): "
                    "upgrade banmian"
                )
            if self.readonly:
                if not found:
                    raise ArchiveError(
                        f"{self.path}: no archive there (build one with 'banmian ingest')"
                    )
                if pending(conn):
                    raise ArchiveError(
                        f"{self.path}: the archive is from an older banmian; open it for writing "
                        "once (banmian ingest) to upgrade it"
                    )
            else:
                migrate(conn)
        except psycopg.Error as err:
            raise ArchiveError(f"{self.path}: cannot open the archive: {err}") from err

    def close(self) -> None:
        """Close every connection opened by any thread."""
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()
        self._local = threading.local()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one state of the archive, whatever a writer commits meanwhile."""
        conn = self._conn()
        status = conn.info.transaction_status
        if status != self._psycopg.pq.TransactionStatus.IDLE:  # already inside one
            yield
            return
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
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
                   WHERE n.name = %s AND i.date = %s AND p.number = %s""",
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
                   WHERE n.name = %s AND i.date = %s AND p.number = %s""",
                (paper, date, number),
            )
            .fetchone()
        )
        return None if row is None else (str(row[0]), bool(row[1]))

    def write_page(self, rows: PageRows, *, ingested_at: str) -> str:
        """Store a page in one transaction: ``ingested``, ``replaced``, ``enriched`` or
        ``unchanged``, as ``SQLiteBackend.write_page`` does."""
        page = rows.page
        conn = self._conn()
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            paper_id = _id(conn, "papers", ("name",), (page.paper,))
            issue_id = _id(conn, "issues", ("paper_id", "date"), (paper_id, page.date))
            old = conn.execute(
                "SELECT id, sha256, enriched FROM pages WHERE issue_id = %s AND number = %s",
                (issue_id, page.number),
            ).fetchone()
            same = old is not None and old[1] == page.sha256
            if same and (old[2] or not rows.enriched):
                return "unchanged"
            touched = links_touched(conn, issue_id, page.number, old and old[0], rows)
            if old is not None:
                named = [
                    int(r[0])
                    for r in conn.execute(
                        """SELECT DISTINCT x.entity_id FROM article_entities x
                           JOIN articles a ON a.id = x.article_id WHERE a.page_id = %s""",
                        (old[0],),
                    ).fetchall()
                ]
                conn.execute("DELETE FROM pages WHERE id = %s", (old[0],))  # cascades
                _recount_entities(conn, named)
            _insert_page(conn, paper_id, issue_id, rows, ingested_at)
            if touched:
                relink_issue(conn, issue_id)
        return "ingested" if old is None else "enriched" if same else "replaced"

    def optimize(self) -> None:
        """Vacuum and analyse the search index (GIN's pending list merged, statistics fresh)."""
        conn = self._conn()
        conn.execute("VACUUM ANALYZE article_search")

    # reading pages ----------------------------------------------------------------------

    def page_rows(self, paper: str, date: str, number: int) -> tuple[PageInfo, PageRows] | None:
        """A page's record and rows, or None when it is not held."""
        conn = self._conn()
        with self.snapshot():
            row = conn.execute(
                _PAGE_INFO + " WHERE n.name = %s AND i.date = %s AND p.number = %s",
                (paper, date, number),
            ).fetchone()
            if row is None:
                return None
            page_id = conn.execute(
                """SELECT p.id FROM pages p JOIN issues i ON i.id = p.issue_id
                   JOIN papers n ON n.id = i.paper_id
                   WHERE n.name = %s AND i.date = %s AND p.number = %s""",
                (paper, date, number),
            ).fetchone()[0]
            rows = load_page_rows(conn, page_id)
            rows.enriched = bool(
                conn.execute("SELECT enriched FROM pages WHERE id = %s", (page_id,)).fetchone()[0]
            )
            rows.mentions = load_mention_rows(conn, page_id)
            return PageInfo(*row), rows

    # browsing ---------------------------------------------------------------------------

    def papers(self) -> list[PaperInfo]:
        """Every paper, by name."""
        rows = (
            self._conn()
            .execute(
                """SELECT n.name, count(DISTINCT i.id), count(p.id), min(i.date), max(i.date)
                   FROM papers n JOIN issues i ON i.paper_id = n.id
                   JOIN pages p ON p.issue_id = i.id
                   GROUP BY n.id ORDER BY n.name COLLATE "C" """
            )
            .fetchall()
        )
        return [PaperInfo(*r) for r in rows]

    def issues(self, paper: str) -> list[IssueInfo]:
        """A paper's issues, by date."""
        rows = (
            self._conn()
            .execute(
                """SELECT n.name, i.date, count(DISTINCT p.id), count(a.id)
                   FROM papers n JOIN issues i ON i.paper_id = n.id
                   JOIN pages p ON p.issue_id = i.id
                   LEFT JOIN articles a ON a.page_id = p.id
                   WHERE n.name = %s GROUP BY n.name, i.id ORDER BY i.date""",
                (paper,),
            )
            .fetchall()
        )
        return [IssueInfo(*r) for r in rows]

    def pages(self, paper: str, date: str) -> list[PageInfo]:
        """An issue's pages, by number."""
        rows = (
            self._conn()
            .execute(
                _PAGE_INFO + " WHERE n.name = %s AND i.date = %s ORDER BY p.number",
                (paper, date),
            )
            .fetchall()
        )
        return [PageInfo(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows in each table, and documents in the search index (``article_search``)."""
        conn = self._conn()
        out = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
        out["article_search"] = int(
            conn.execute("SELECT count(*) FROM article_search").fetchone()[0]
        )
        return out

    # searching --------------------------------------------------------------------------

    def compile_query(self, tree: Node) -> PgQuery:
        """A query tree as tsquery literals (``pg_search``)."""
        return PgQuery(to_tsquery_text(tree), to_tsquery_text(tree, loose=True), tree)

    def filtered_match(self, query: PgQuery, filters: Filters) -> PgMatch | None:
        """The WHERE clause of a query within its filters (never None: filters are columns)."""
        conn = self._conn()
        where = ["s.tsv @@ %s::tsquery"]
        params: list[Any] = [query.tsquery]
        if filters.paper is not None:
            row = conn.execute("SELECT id FROM papers WHERE name = %s", (filters.paper,)).fetchone()
            if row is None:
                return None
            where.append("s.paper_id = %s")
            params.append(int(row[0]))
        if filters.date_from is not None:
            where.append("s.date >= %s")
            params.append(filters.date_from)
        if filters.date_to is not None:
            where.append("s.date <= %s")
            params.append(filters.date_to)
        if filters.page is not None:
            where.append("s.page = %s")
            params.append(filters.page)
        if filters.entity is not None:
            where.append(
                "s.article_id IN (SELECT x.article_id FROM article_entities x"
                " JOIN entities e ON e.id = x.entity_id WHERE e.type = %s AND e.key = %s)"
            )
            params += list(filters.entity)
        filter_sql = "".join(f" AND {w}" for w in where[1:])
        extra = self._inexact_matches(query, filter_sql, params[1:])
        clause = f"(s.exact AND {' AND '.join(where)})"
        if extra:
            clause = f"({clause} OR s.article_id = ANY(%s))"
            params.append(extra)
        return PgMatch(clause, tuple(params))

    def _inexact_matches(self, query: PgQuery, filter_sql: str, params: list[Any]) -> list[int]:
        """Articles whose tsvector is not exact that match, checked on their tokens."""
        rows = (
            self._conn()
            .execute(
                "SELECT s.article_id FROM article_search s"
                f" WHERE NOT s.exact AND s.tsv @@ %s::tsquery{filter_sql}",
                [query.loose, *params],
            )
            .fetchall()
        )
        return [int(r[0]) for r in rows if tree_matches(query.tree, self._columns(int(r[0])))]

    def _columns(self, article_id: int) -> list[list[str]]:
        """An article's index tokens by column (title, body, byline), from its stored rows."""
        conn = self._conn()
        page_id, seq = conn.execute(
            "SELECT page_id, seq FROM articles WHERE id = %s", (article_id,)
        ).fetchone()
        rows = load_page_rows(conn, page_id)
        for s in rows.search_rows():
            if s.article_seq == seq:
                return [s.title.split(), s.body.split(), s.byline.split()]
        return []  # pragma: no cover - the article is on its page

    def count_matches(self, match: PgMatch) -> int:
        """How many articles match."""
        sql = f"SELECT count(*) FROM article_search s WHERE {match.where}"
        return int(self._run(sql, match.params)[0][0])

    def nth_newest(self, match: PgMatch, n: int) -> int | None:
        """The id of the ``n``-th most recently stored matching article (0-based)."""
        rows = self._run(
            f"SELECT s.article_id FROM article_search s WHERE {match.where}"
            " ORDER BY s.article_id DESC LIMIT 1 OFFSET %s",
            [*match.params, n],
        )
        return int(rows[0][0]) if rows else None

    def ranked(
        self, match: PgMatch, *, limit: int, offset: int, min_rowid: int | None
    ) -> list[tuple[int, float]]:
        """(article id, score) best first by ts_rank, among ids from ``min_rowid`` on."""
        floor = "" if min_rowid is None else " AND s.article_id >= %s"
        tsquery = match.params[0]
        sql = (
            f"SELECT s.article_id, {_RANK} AS score FROM article_search s"
            f" WHERE {match.where}{floor}"
            " ORDER BY score DESC, s.article_id DESC LIMIT %s OFFSET %s"
        )
        params: list[Any] = [tsquery, *match.params] + ([] if min_rowid is None else [min_rowid])
        rows = self._run(sql, [*params, limit, offset])
        return [(int(r[0]), float(r[1])) for r in rows]

    def newest(
        self, match: PgMatch, *, limit: int, offset: int, below_rowid: int
    ) -> list[tuple[int, float]]:
        """(article id, score) newest first, among ids below ``below_rowid``."""
        sql = (
            f"SELECT s.article_id, {_RANK} FROM article_search s"
            f" WHERE {match.where} AND s.article_id < %s"
            " ORDER BY s.article_id DESC LIMIT %s OFFSET %s"
        )
        rows = self._run(sql, [match.params[0], *match.params, below_rowid, limit, offset])
        return [(int(r[0]), float(r[1])) for r in rows]

    def hit_rows(self, scored: list[tuple[int, float]]) -> list[HitRow]:
        """Where the scored articles stand, and their titles, in the order given."""
        if not scored:
            return []
        rows = (
            self._conn()
            .execute(
                """SELECT a.id, n.name, i.date, p.number, a.key,
                       (SELECT f.text FROM article_fields f
                        WHERE f.article_id = a.id AND f.role = 'title' AND f.seq = 0)
                   FROM articles a JOIN pages p ON p.id = a.page_id
                   JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id
                   WHERE a.id = ANY(%s)""",
                ([article_id for article_id, _ in scored],),
            )
            .fetchall()
        )
        found = {int(r[0]): r[1:] for r in rows}
        return [
            HitRow(article_id, score, *found[article_id])
            for article_id, score in scored
            if article_id in found
        ]

    def snippet_texts(self, article_ids: list[int]) -> dict[int, list[str]]:
        """The texts a snippet is cut from, per article: dateline, paragraphs, byline."""
        if not article_ids:
            return {}
        conn = self._conn()
        out: dict[int, list[str]] = {i: [] for i in article_ids}
        fields: dict[tuple[int, str], str] = {
            (int(r[0]), r[1]): r[2]
            for r in conn.execute(
                """SELECT article_id, role, text FROM article_fields
                   WHERE article_id = ANY(%s) AND role IN ('dateline', 'byline')""",
                (article_ids,),
            ).fetchall()
        }
        for i in article_ids:
            if (i, "dateline") in fields:
                out[i].append(fields[i, "dateline"])
        for r in conn.execute(
            """SELECT article_id, text FROM paragraphs WHERE article_id = ANY(%s)
               ORDER BY article_id, seq""",
            (article_ids,),
        ).fetchall():
            out[int(r[0])].append(r[1])
        for i in article_ids:
            if (i, "byline") in fields:
                out[i].append(fields[i, "byline"])
        return out

    def newest_ids(self, match: PgMatch, limit: int | None = None) -> list[int]:
        """The matching articles' ids, newest first (the ``limit`` newest, or all)."""
        sql = (
            f"SELECT s.article_id FROM article_search s WHERE {match.where}"
            " ORDER BY s.article_id DESC LIMIT %s"
        )
        return [int(r[0]) for r in self._run(sql, [*match.params, limit])]

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
        """Entities of a type named in the scope, in most articles first, then by key
        (``SQLiteBackend.entity_rows``)."""
        terms, params = ["e.type = %s"], [type_]
        if key is not None:
            terms.append("e.key = %s")
            params.append(key)
        if prefix:
            terms.append("starts_with(e.key, %s)")
            params.append(prefix)
        conn = self._conn()
        if scope == WHOLE_ARCHIVE:
            sql = f"""SELECT e.key, e.articles, e.first_date, e.last_date FROM entities e
                      WHERE {" AND ".join(terms)}
                      ORDER BY e.articles DESC, e.key COLLATE "C" LIMIT %s OFFSET %s"""
            rows = conn.execute(sql, [*params, limit, offset]).fetchall()
        else:
            more, values = _scope_where(scope, "x")
            sql = f"""SELECT e.key, count(*) AS n, min(x.date COLLATE "C"),
                             max(x.date COLLATE "C")
                      FROM article_entities x JOIN entities e ON e.id = x.entity_id
                      WHERE {" AND ".join(terms + more)}
                      GROUP BY e.id, e.key ORDER BY n DESC, e.key COLLATE "C"
                      LIMIT %s OFFSET %s"""
            rows = conn.execute(sql, [*params, *values, limit, offset]).fetchall()
        return [EntityRow(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows]

    def person_titles(
        self, keys: list[str], *, scope: EntityScope = WHOLE_ARCHIVE
    ) -> dict[str, list[str]]:
        """The distinct titles printed with each person, in most articles first."""
        if not keys:
            return {}
        terms, params = _scope_where(scope, "m")
        sql = f"""SELECT m.key, m.title, count(DISTINCT m.article_id) AS n FROM mentions m
                  WHERE m.type = 'person' AND m.key IS NOT NULL AND m.key = ANY(%s)
                  AND m.title IS NOT NULL {"".join(" AND " + t for t in terms)}
                  GROUP BY m.key, m.title
                  ORDER BY m.key COLLATE "C", n DESC, m.title COLLATE "C" """
        out: dict[str, list[str]] = {}
        for key, title, _ in self._conn().execute(sql, [keys, *params]).fetchall():
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
                  WHERE e.type = %s AND e.key = %s {"".join(" AND " + t for t in terms)}
                  ORDER BY x.date COLLATE "C" DESC, x.article_id DESC LIMIT %s OFFSET %s"""
        rows = self._conn().execute(sql, [type_, key, *params, limit, offset]).fetchall()
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
               FROM mentions WHERE article_id = ANY(%s) AND type = %s AND key = %s
               ORDER BY article_id, seq""",
            [article_ids, type_, key],
        )
        for r in rows.fetchall():
            out[int(r[0])].append(PersonMention(*r[1:]))
        return out

    def entity_counts_among(self, article_ids: list[int], limit: int) -> list[tuple[str, str, int]]:
        """(type, key, articles) of the ``limit`` entities of each type that most of the
        given articles name (``sqlite.top_per_type``)."""
        if not article_ids:
            return []
        conn = self._conn()
        counts = conn.execute(
            """SELECT entity_id, count(*) FROM article_entities
               WHERE article_id = ANY(%s) GROUP BY entity_id""",
            [article_ids],
        ).fetchall()

        def lookup(ids: list[int]) -> dict[int, tuple[str, str]]:
            rows = conn.execute(
                "SELECT id, type, key FROM entities WHERE id = ANY(%s)", [ids]
            ).fetchall()
            return {int(r[0]): (str(r[1]), str(r[2])) for r in rows}

        return top_per_type([(int(i), int(n)) for i, n in counts], lookup, limit)

    # continuations ----------------------------------------------------------------------

    def issue_links(self, paper: str, date: str) -> list[StoredLink]:
        """An issue's continuation links, in link order."""
        rows = (
            self._conn()
            .execute(LINKS_SQL + " WHERE n.name = %s AND i.date = %s ORDER BY l.seq", (paper, date))
            .fetchall()
        )
        return [StoredLink(*r) for r in rows]

    def issue_warnings(self, paper: str, date: str) -> list[IssueWarningInfo]:
        """The markers of an issue that no link answered, in order."""
        rows = (
            self._conn()
            .execute(
                """SELECT n.name, i.date, w.code, w.message, w.page, w.article
                   FROM issue_warnings w JOIN issues i ON i.id = w.issue_id
                   JOIN papers n ON n.id = i.paper_id
                   WHERE n.name = %s AND i.date = %s ORDER BY w.seq""",
                (paper, date),
            )
            .fetchall()
        )
        return [IssueWarningInfo(*r) for r in rows]

    def links_of_issues(self, article_ids: list[int]) -> list[StoredLink]:
        """The links of every issue holding one of these articles, by issue, in link order."""
        if not article_ids:
            return []
        rows = (
            self._conn()
            .execute(
                LINKS_SQL
                + """ WHERE l.issue_id IN (SELECT p.issue_id FROM articles a
                      JOIN pages p ON p.id = a.page_id WHERE a.id = ANY(%s))
                      ORDER BY l.issue_id, l.seq""",
                (article_ids,),
            )
            .fetchall()
        )
        return [StoredLink(*r) for r in rows]

    def _run(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return list(self._conn().execute(sql, params).fetchall())
        except self._psycopg.errors.SyntaxError as err:  # pragma: no cover - compiler's bug
            raise ArchiveError(f"the search index refused the query: {err}") from err


def _scope_where(scope: EntityScope, alias: str) -> tuple[list[str], list[Any]]:
    """SQL conditions keeping the scope's articles, on a table ``alias`` with ``article_id``
    and ``date`` columns (``mentions``, ``article_entities``), and their values."""
    terms: list[str] = []
    params: list[Any] = []
    if scope.date_from is not None:
        terms.append(f'{alias}.date COLLATE "C" >= %s')
        params.append(scope.date_from)
    if scope.date_to is not None:
        terms.append(f'{alias}.date COLLATE "C" <= %s')
        params.append(scope.date_to)
    if scope.paper is not None:
        terms.append(
            f"""{alias}.article_id IN (SELECT a.id FROM articles a
                JOIN pages p ON p.id = a.page_id JOIN issues i ON i.id = p.issue_id
                JOIN papers n ON n.id = i.paper_id WHERE n.name = %s)"""
        )
        params.append(scope.paper)
    return terms, params


# Page rows, shared with the migrations ---------------------------------------------


def _id(conn: Connection, table: str, columns: Sequence[str], values: Sequence[Any]) -> int:
    """The id of the row with these values, inserted if there is none."""
    where = " AND ".join(f"{c} = %s" for c in columns)
    row = conn.execute(f"SELECT id FROM {table} WHERE {where}", values).fetchone()
    if row is not None:
        return int(row[0])
    names = ", ".join(columns)
    marks = ", ".join("%s" for _ in columns)
    return int(
        conn.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING id", values
        ).fetchone()[0]
    )


def _insert_page(
    conn: Connection, paper_id: int, issue_id: int, rows: PageRows, ingested_at: str
) -> None:
    """Insert a page, all it holds and its articles' index rows."""
    page = rows.page
    page_id = conn.execute(
        """INSERT INTO pages (issue_id, number, source, sha256, raw_text, ingested_at, enriched)
           VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
        (
            issue_id,
            page.number,
            page.source,
            page.sha256,
            page.raw_text,
            ingested_at,
            rows.enriched,
        ),
    ).fetchone()[0]
    ids: dict[int, int] = {}
    for art in rows.articles:
        ids[art.seq] = conn.execute(
            """INSERT INTO articles (page_id, seq, key, continued_from, continues_to)
               VALUES (%s, %s, %s, %s, %s) RETURNING id""",
            (page_id, art.seq, art.key, art.continued_from, art.continues_to),
        ).fetchone()[0]
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO article_fields (article_id, role, seq, text, spans, rule)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            [(ids[f.article_seq], *f[1:]) for f in rows.fields],
        )
        cur.executemany(
            "INSERT INTO authors (article_id, seq, name) VALUES (%s, %s, %s)",
            [(ids[a.article_seq], *a[1:]) for a in rows.authors],
        )
        cur.executemany(
            """INSERT INTO paragraphs (article_id, seq, type, text, spans, rule)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            [(ids[p.article_seq], *p[1:]) for p in rows.paragraphs],
        )
        cur.executemany(
            """INSERT INTO blocks (page_id, seq, kind, text, spans, rule, confidence)
               VALUES (%s, %s, %s, %s, %s, %s, %s)""",
            [(page_id, *b) for b in rows.blocks],
        )
        cur.executemany(
            """INSERT INTO warnings (page_id, seq, code, message, first_line, last_line)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            [(page_id, *w) for w in rows.warnings],
        )
        marks = ", ".join("%s" for _ in MENTION_COLUMNS)
        cur.executemany(
            f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}, date) VALUES ({marks}, %s)",
            [(ids[m.article_seq], *m[1:], page.date) for m in rows.mentions],
        )
    _add_entities(conn, ids, rows)
    _insert_search_rows(conn, paper_id, page.date, page.number, ids, rows)


def _insert_search_rows(
    conn: Connection, paper_id: int, date: str, number: int, ids: dict[int, int], rows: PageRows
) -> None:
    """The index rows of a page's articles (``ids``: article seq → ``articles.id``)."""
    values = []
    for s in rows.search_rows():
        vector, exact = article_vector(s)
        values.append((ids[s.article_seq], vector, exact, paper_id, date, number))
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO article_search (article_id, tsv, exact, paper_id, date, page)
               VALUES (%s, %s::tsvector, %s, %s, %s, %s)""",
            values,
        )


def load_page_rows(conn: Connection, page_id: int) -> PageRows:
    """Every row of one page, each list in order."""
    row = conn.execute(
        """SELECT n.name, i.date, p.number, p.source, p.sha256, p.raw_text
           FROM pages p JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id
           WHERE p.id = %s""",
        (page_id,),
    ).fetchone()
    rows = PageRows(PageRow(*row))

    def fetch(sql: str) -> list[Any]:
        return list(conn.execute(sql, (page_id,)).fetchall())

    rows.articles = [
        ArticleRow(*r)
        for r in fetch(
            """SELECT seq, key, continued_from, continues_to FROM articles
               WHERE page_id = %s ORDER BY seq"""
        )
    ]
    rows.fields = [
        FieldRow(*r)
        for r in fetch(
            """SELECT a.seq, f.role, f.seq, f.text, f.spans, f.rule
               FROM article_fields f JOIN articles a ON a.id = f.article_id
               WHERE a.page_id = %s ORDER BY a.seq, f.role COLLATE "C", f.seq"""
        )
    ]
    rows.authors = [
        AuthorRow(*r)
        for r in fetch(
            """SELECT a.seq, u.seq, u.name FROM authors u JOIN articles a ON a.id = u.article_id
               WHERE a.page_id = %s ORDER BY a.seq, u.seq"""
        )
    ]
    rows.paragraphs = [
        ParagraphRow(*r)
        for r in fetch(
            """SELECT a.seq, g.seq, g.type, g.text, g.spans, g.rule
               FROM paragraphs g JOIN articles a ON a.id = g.article_id
               WHERE a.page_id = %s ORDER BY a.seq, g.seq"""
        )
    ]
    rows.blocks = [
        BlockRow(*r)
        for r in fetch(
            """SELECT seq, kind, text, spans, rule, confidence FROM blocks
               WHERE page_id = %s ORDER BY seq"""
        )
    ]
    rows.warnings = [
        WarningRow(*r)
        for r in fetch(
            """SELECT seq, code, message, first_line, last_line FROM warnings
               WHERE page_id = %s ORDER BY seq"""
        )
    ]
    return rows


def _add_entities(conn: Connection, ids: dict[int, int], rows: PageRows) -> None:
    """Count a new page's articles in ``entities`` and link them in ``article_entities``."""
    date = rows.page.date
    articles: dict[tuple[str, str], set[int]] = {}
    for m in rows.mentions:
        if m.key is not None:
            articles.setdefault((m.type, m.key), set()).add(ids[m.article_seq])
    links = []
    for (type_, key), named in articles.items():
        entity_id = conn.execute(
            """INSERT INTO entities (type, key, articles, first_date, last_date)
               VALUES (%s, %s, %s, %s, %s)
               ON CONFLICT (type, key) DO UPDATE SET
                 articles = entities.articles + EXCLUDED.articles,
                 first_date = LEAST(entities.first_date COLLATE "C", EXCLUDED.first_date),
                 last_date = GREATEST(entities.last_date COLLATE "C", EXCLUDED.last_date)
               RETURNING id""",
            (type_, key, len(named), date, date),
        ).fetchone()[0]
        links += [(article_id, entity_id, date) for article_id in sorted(named)]
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO article_entities (article_id, entity_id, date) VALUES (%s, %s, %s)",
            links,
        )


def _recount_entities(conn: Connection, entity_ids: list[int]) -> None:
    """Count again the articles naming some entities (after a page was deleted); an
    entity no article names any more is deleted."""
    if not entity_ids:
        return
    conn.execute(
        """UPDATE entities e SET articles = c.n, first_date = c.first, last_date = c.last
           FROM (SELECT entity_id, count(*) AS n, min(date COLLATE "C") AS first,
                        max(date COLLATE "C") AS last
                 FROM article_entities WHERE entity_id = ANY(%s) GROUP BY entity_id) c
           WHERE e.id = c.entity_id""",
        (entity_ids,),
    )
    conn.execute(
        """DELETE FROM entities e WHERE e.id = ANY(%s)
           AND NOT EXISTS (SELECT 1 FROM article_entities x WHERE x.entity_id = e.id)""",
        (entity_ids,),
    )


def links_touched(
    conn: Connection, issue_id: int, number: int, old_page_id: int | None, rows: PageRows
) -> bool:
    """Whether storing ``rows`` as page ``number`` can change the issue's links
    (``sqlite.links_touched``); called before the old page is deleted."""
    if has_markers(rows):
        return True
    if old_page_id is not None:
        row = conn.execute(
            """SELECT 1 FROM articles WHERE page_id = %s
               AND (continued_from IS NOT NULL OR continues_to IS NOT NULL) LIMIT 1""",
            (old_page_id,),
        ).fetchone()
    else:
        row = conn.execute(
            """SELECT 1 FROM pages p JOIN articles a ON a.page_id = p.id
               WHERE p.issue_id = %s AND (a.continued_from = %s OR a.continues_to = %s)
               LIMIT 1""",
            (issue_id, number, number),
        ).fetchone()
    return row is not None


def relink_issue(conn: Connection, issue_id: int) -> None:
    """Link the continuations of an issue again from what it holds now, its old links and
    warnings replaced (``sqlite.relink_issue``); inside the transaction that changed a page."""
    numbers = [
        int(r[0])
        for r in conn.execute(
            "SELECT number FROM pages WHERE issue_id = %s", (issue_id,)
        ).fetchall()
    ]
    found = conn.execute(
        """SELECT p.number, a.id, a.key, a.continued_from, a.continues_to
           FROM pages p JOIN articles a ON a.page_id = p.id
           WHERE p.issue_id = %s
           AND (a.continued_from IS NOT NULL OR a.continues_to IS NOT NULL)
           ORDER BY p.number, a.seq""",
        (issue_id,),
    ).fetchall()
    heads: dict[int, dict[str, str]] = {int(r[1]): {} for r in found}
    if heads:
        for article_id, role, text in conn.execute(
            """SELECT article_id, role, text FROM article_fields
               WHERE article_id = ANY(%s) AND seq = 0 AND role = ANY(%s)""",
            (list(heads), list(HEADLINE_ROLES)),
        ).fetchall():
            heads[int(article_id)][role] = text
    marked = [
        MarkedArticle(int(r[0]), int(r[1]), r[2], r[3], r[4], heads[int(r[1])]) for r in found
    ]
    linked = link_marked(numbers, marked)
    conn.execute("DELETE FROM article_links WHERE issue_id = %s", (issue_id,))
    conn.execute("DELETE FROM issue_warnings WHERE issue_id = %s", (issue_id,))
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO article_links (issue_id, seq, from_article, to_article, from_page,
               to_page, basis, title_score) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)""",
            [(issue_id, *row) for row in linked.links],
        )
        cur.executemany(
            """INSERT INTO issue_warnings (issue_id, seq, code, message, page, article)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            [(issue_id, *row) for row in linked.warnings],
        )


def load_mention_rows(conn: Connection, page_id: int) -> list[MentionRow]:
    """The mentions of a page's articles, by article and ``seq``."""
    columns = ", ".join(f"m.{c}" for c in MENTION_COLUMNS[1:])
    return [
        MentionRow(*r)
        for r in conn.execute(
            f"""SELECT a.seq, {columns} FROM mentions m JOIN articles a ON a.id = m.article_id
                WHERE a.page_id = %s ORDER BY a.seq, m.seq""",
            (page_id,),
        ).fetchall()
    ]


def rebuild_search_index(conn: Connection) -> None:
    """Fill an empty ``article_search`` from the stored articles (a migration's step)."""
    pages = conn.execute(
        "SELECT p.id, i.paper_id FROM pages p JOIN issues i ON i.id = p.issue_id ORDER BY p.id"
    ).fetchall()
    for page_id, paper_id in pages:
        rows = load_page_rows(conn, page_id)
        ids = {
            int(r[0]): int(r[1])
            for r in conn.execute(
                "SELECT seq, id FROM articles WHERE page_id = %s", (page_id,)
            ).fetchall()
        }
        _insert_search_rows(conn, paper_id, rows.page.date, rows.page.number, ids, rows)
