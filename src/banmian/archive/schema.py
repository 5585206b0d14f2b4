"""The archive's schema as named, recorded migrations (SQLite).

``MIGRATIONS`` lists ``(name, function)`` pairs in the order they apply. The ``migrations``
table records the name of each one applied (with when); opening an archive for writing
applies, each in its own transaction, those not yet recorded. A migration, once released,
is never edited: a change to the schema (or to the search tokens, ``tokens.TOKENIZER_VERSION``)
is a new migration at the end of the list.

Tables:

- ``papers``, ``issues`` (a paper on a date), ``pages`` (raw text verbatim, its sha256, the
  file it came from, when it was stored);
- ``articles`` of a page; their ``article_fields`` (kicker, title, subtitle, dateline,
  byline and ``marker`` rows for continuation markers and end notes), ``authors`` and
  ``paragraphs``; the page's unassigned ``blocks`` and parse ``warnings``. Every text row
  keeps its rule and its source spans (JSON ``[[line, start, end], …]``); deleting a page
  deletes all of them (foreign keys cascade);
- ``article_search``: a contentless FTS5 table of the articles' index tokens
  (``banmian.archive.tokens``), rowid = ``articles.id``; columns ``title``, ``body``,
  ``byline``, and ``meta`` for the filter tokens (``banmian.archive.facets``); a prefix index
  on one character for one-character queries. Rows are deleted by giving their tokens again
  (contentless), so the tokens of stored articles must stay what they were indexed as: a
  change of the token stream comes with a migration that rebuilds the index;
- ``mentions``: what enrichment found in each article (people, organizations, places,
  dates, sums, quantities), one row per mention with where it stands, its rule, confidence
  and normalized values (``value`` as JSON); ``key`` names the entity of a person,
  organization or place (``rows.entity_key``), ``date`` repeats the issue's date, and
  ``mentions_by_entity`` looks mentions up by (type, key). ``pages.enriched`` says whether
  enrichment ran on a page;
- ``entities``: each person, organization and place named anywhere (type and key), with the
  number of articles naming it and its first and last issue date, kept up to date as pages
  are stored and replaced, so that listing them most named first reads an index;
  ``article_entities``: one row per entity per article naming it (with the issue date), so
  that an entity's articles (latest first) and the entities among a search's hits (facets)
  are read from small index entries;
- ``article_links``: the continuations of an issue, linked across its pages
  (``banmian.archive.links``): the part ending with 下转 (``from_article``, on ``from_page``)
  and the part opening with 上接 that answers it (``to_article``, on ``to_page``), how the
  link was made (``basis``: ``title`` or ``marker``) and the titles' ``title_score``;
  ``issue_warnings``: the markers of an issue no link answered (code, message, page and
  article). Both are written again for the whole issue, in the transaction that stores or
  replaces any of its pages.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
"""A migration: runs its statements on a connection inside a transaction."""


def _run(conn: sqlite3.Connection, *statements: str) -> None:
    for statement in statements:
        conn.execute(statement)


def initial_tables(conn: sqlite3.Connection) -> None:
    """Papers, issues, pages and everything parsed from a page."""
    _run(
        conn,
        """CREATE TABLE papers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        )""",
        """CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            paper_id INTEGER NOT NULL REFERENCES papers(id),
            date TEXT NOT NULL,
            UNIQUE (paper_id, date)
        )""",
        """CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id),
            number INTEGER NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            UNIQUE (issue_id, number)
        )""",
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            key TEXT NOT NULL,
            continued_from INTEGER,
            continues_to INTEGER,
            UNIQUE (page_id, seq),
            UNIQUE (page_id, key)
        )""",
        """CREATE TABLE article_fields (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL,
            spans TEXT NOT NULL,
            rule TEXT NOT NULL,
            PRIMARY KEY (article_id, role, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE authors (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        ) WITHOUT ROWID""",
        "CREATE INDEX authors_by_name ON authors (name)",
        """CREATE TABLE paragraphs (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            text TEXT NOT NULL,
            spans TEXT NOT NULL,
            rule TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE blocks (
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            spans TEXT NOT NULL,
            rule TEXT NOT NULL,
            confidence REAL NOT NULL,
            PRIMARY KEY (page_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE warnings (
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            first_line INTEGER,
            last_line INTEGER,
            PRIMARY KEY (page_id, seq)
        ) WITHOUT ROWID""",
    )


def search_index_bigrams(conn: sqlite3.Connection) -> None:
    """The full-text index of articles: tokens version 1 (bigrams, whole words)."""
    conn.execute(
        """CREATE VIRTUAL TABLE article_search USING fts5(
            title, body, byline,
            content='', tokenize='ascii', prefix='1'
        )"""
    )


def search_index_filter_tokens(conn: sqlite3.Connection) -> None:
    """The search index again, with a ``meta`` column of filter tokens (``facets``), refilled."""
    from banmian.archive.sqlite import rebuild_search_index  # it needs this module

    conn.execute("DROP TABLE article_search")
    conn.execute(
        """CREATE VIRTUAL TABLE article_search USING fts5(
            title, body, byline, meta,
            content='', tokenize='ascii', prefix='1'
        )"""
    )
    rebuild_search_index(conn)


def mentions(conn: sqlite3.Connection) -> None:
    """Enrichment's ``mentions``, the ``entities`` they name and ``article_entities``."""
    _run(
        conn,
        "ALTER TABLE pages ADD COLUMN enriched INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            text TEXT NOT NULL,
            field TEXT NOT NULL,
            paragraph INTEGER,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            rule TEXT NOT NULL,
            confidence REAL NOT NULL,
            name TEXT,
            title TEXT,
            organization TEXT,
            role TEXT,
            spoke INTEGER,
            attended INTEGER,
            value TEXT,
            time TEXT,
            unit TEXT,
            code TEXT,
            key TEXT,
            date TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        ) WITHOUT ROWID""",
        "CREATE INDEX mentions_by_entity ON mentions (type, key, date) WHERE key IS NOT NULL",
        """CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            key TEXT NOT NULL,
            articles INTEGER NOT NULL,
            first_date TEXT NOT NULL,
            last_date TEXT NOT NULL,
            UNIQUE (type, key)
        )""",
        "CREATE INDEX entities_by_articles ON entities (type, articles DESC, key)",
        """CREATE TABLE article_entities (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            date TEXT NOT NULL,
            PRIMARY KEY (article_id, entity_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX article_entities_by_entity ON article_entities (entity_id, date, article_id)",
    )


def article_links(conn: sqlite3.Connection) -> None:
    """Continuations linked across an issue's pages, and the markers left unanswered;
    filled for every issue already held."""
    from banmian.archive.sqlite import relink_issue  # it needs this module

    _run(
        conn,
        """CREATE TABLE article_links (
            issue_id INTEGER NOT NULL REFERENCES issues(id),
            seq INTEGER NOT NULL,
            from_article INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
            to_article INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
            from_page INTEGER NOT NULL,
            to_page INTEGER NOT NULL,
            basis TEXT NOT NULL,
            title_score REAL NOT NULL,
            PRIMARY KEY (issue_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE issue_warnings (
            issue_id INTEGER NOT NULL REFERENCES issues(id),
            seq INTEGER NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            page INTEGER,
            article TEXT,
            PRIMARY KEY (issue_id, seq)
        ) WITHOUT ROWID""",
    )
    for (issue_id,) in conn.execute("SELECT id FROM issues ORDER BY id").fetchall():
        relink_issue(conn, issue_id)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial_tables", initial_tables),
    ("0002_search_index_bigrams", search_index_bigrams),
    ("0003_search_index_filter_tokens", search_index_filter_tokens),
    ("0004_mentions", mentions),
    ("0005_article_links", article_links),
]
"""Every migration, in order. Append only."""

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database (none when it has no table yet)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    if not has_table:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY name")]


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations not applied yet, in order."""
    done = set(applied(conn))
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration, each in one transaction; return their names.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration runs
    between its own ``BEGIN IMMEDIATE`` and ``COMMIT``, recorded in the same transaction,
    so a crash leaves it either applied and recorded or neither.
    """
    done: list[str] = []
    for name, function in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(MIGRATIONS_TABLE)
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            function(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done.append(name)
    return done
