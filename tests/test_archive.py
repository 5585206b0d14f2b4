"""The archive store on real SQLite files and PostgreSQL schemas: round trip, idempotence,
replacement, opening (the tests taking ``archive`` run on both backends)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive_backends import BACKENDS, archive_location
from banmian import parse_text
from banmian.archive import Archive, ArchiveReader, SearchQuery, open_archive
from banmian.archive.rows import entity_key, page_rows
from banmian.archive.schema import MIGRATIONS, applied
from banmian.archive.sqlite import SQLiteBackend, _insert_page
from banmian.archive.store import text_sha256
from banmian.enrich import enrich
from banmian.errors import ArchiveError
from banmian.model import Page
from banmian.read import decode
from banmian.synth import generate_pages

REPO_ROOT = Path(__file__).resolve().parents[1]


def bundled_texts() -> list[tuple[str, str]]:
    """(name, text) of every bundled page: the sample and the test pages."""
    paths = sorted((REPO_ROOT / "samples").glob("*.txt")) + sorted(
        REPO_ROOT.glob("tests/pages*/*.txt")
    )
    return [(p.name, decode(p.read_bytes())) for p in paths]


def parsed(text: str, number: int, paper: str = "测试日报", date: str = "2023-01-02") -> Page:
    return parse_text(text, paper=paper, date=date, page=number)


@pytest.fixture(params=BACKENDS)
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Archive]:
    with archive_location(request.param, tmp_path) as where, open_archive(where) as opened:
        yield opened


def test_open_archive_is_an_archive_reader(archive: Archive) -> None:
    reader: ArchiveReader = archive
    assert reader.papers() == []
    assert reader.search(SearchQuery("法院")).total == 0


def test_every_bundled_page_round_trips(archive: Archive) -> None:
    pages = bundled_texts()
    mentions = 0
    for number, (name, text) in enumerate(pages, start=1):
        page = enrich(parsed(text, number))
        mentions += sum(len(a.mentions) for a in page.articles)
        assert archive.store_page(page, raw_text=text, source=name) == "ingested"
        stored = archive.page("测试日报", "2023-01-02", number)
        assert stored is not None
        assert stored.page == page, name  # mentions, their values and flags included
        assert stored.page.enriched
        assert stored.raw_text == text
        assert stored.info.source == name
        assert stored.info.articles == len(page.articles)
        assert not stored.page.check_nothing_lost()
        for art in page.articles:
            found = archive.article("测试日报", "2023-01-02", number, art.id)
            assert found is not None and found.article == art
    assert [i.pages for i in archive.issues("测试日报")] == [len(pages)]
    assert archive.counts()["mentions"] == mentions > 1000


def test_mentions_keep_every_kind_of_value(archive: Archive, sample_text: str) -> None:
    page = enrich(parsed(sample_text, 2, paper="无锡日报", date="2022-12-10"))
    archive.store_page(page, raw_text=sample_text, source="s.txt")
    stored = archive.page("无锡日报", "2022-12-10", 2)
    assert stored is not None
    found = [m for a in stored.page.articles for m in a.mentions]
    values = {type(m.value) for m in found}
    assert {str, float, list} <= values
    assert any(m.value == [5000000000.0, 10000000000.0] for m in found)  # 50亿—100亿元
    assert any(m.spoke is False for m in found) and any(m.spoke is True for m in found)
    assert any(m.time for m in found) and any(m.code for m in found)


def test_a_page_stored_without_mentions_is_enriched_later(
    archive: Archive, sample_text: str
) -> None:
    plain = parsed(sample_text, 2)
    assert archive.store_page(plain, raw_text=sample_text, source="a.txt") == "ingested"
    assert archive.page_state("测试日报", "2023-01-02", 2) == (text_sha256(sample_text), False)
    assert archive.counts()["mentions"] == 0
    rich = enrich(parsed(sample_text, 2))
    assert archive.store_page(rich, raw_text=sample_text, source="a.txt") == "enriched"
    stored = archive.page("测试日报", "2023-01-02", 2)
    assert stored is not None and stored.page == rich
    # Enriched once, the page stays as it is, whether the next copy is enriched or not.
    before = archive.counts()
    assert archive.store_page(plain, raw_text=sample_text, source="a.txt") == "unchanged"
    assert archive.store_page(rich, raw_text=sample_text, source="a.txt") == "unchanged"
    assert archive.counts() == before
    assert before["articles"] == before["article_search"] == len(rich.articles)


def test_entity_counts_follow_pages_stored_and_replaced(archive: Archive) -> None:
    texts = [text for _, text in bundled_texts()[:4]]
    dates = ["2023-01-02", "2023-01-03", "2023-01-04"]
    for number, date in enumerate(dates, start=1):
        page = enrich(parsed(texts[number - 1], number, date=date))
        archive.store_page(page, raw_text=texts[number - 1], source="x.txt")
    # Page 2 gets other text; page 3 is stored again without enrichment, with other text.
    other = enrich(parsed(texts[3], 2, date=dates[1]))
    assert archive.store_page(other, raw_text=texts[3], source="y.txt") == "replaced"
    plain = parsed(texts[0], 3, date=dates[2])
    assert archive.store_page(plain, raw_text=texts[0], source="z.txt") == "replaced"
    expected: dict[tuple[str, str], list[str]] = {}
    for number, date in enumerate(dates, start=1):
        stored = archive.page("测试日报", date, number)
        assert stored is not None
        for art in stored.page.articles:
            for type_, key in {(m.type.value, entity_key(m)) for m in art.mentions}:
                if key is not None:
                    expected.setdefault((type_, key), []).append(date)
    assert expected
    for type_ in ("person", "organization", "place"):
        listed = archive.entities(type_, limit=None)
        assert {e.key: (e.articles, e.first_date, e.last_date) for e in listed} == {
            k: (len(d), min(d), max(d)) for (t, k), d in expected.items() if t == type_
        }
        scoped = archive.entities(type_, date_from=dates[0], limit=None)  # counted afresh
        assert [(e.key, e.articles) for e in scoped] == [(e.key, e.articles) for e in listed]


def test_generated_pages_round_trip_with_warnings_and_blocks(archive: Archive) -> None:
    seen_blocks = seen_warnings = seen_markers = False
    for number, (text, _gold) in enumerate(generate_pages(40, seed=5), start=1):
        page = parsed(text, number)
        archive.store_page(page, raw_text=text, source=f"g{number}.txt")
        stored = archive.page("测试日报", "2023-01-02", number)
        assert stored is not None and stored.page == page
        seen_blocks |= bool(page.unassigned)
        seen_warnings |= bool(page.warnings)
        seen_markers |= any(a.markers for a in page.articles)
    assert seen_blocks and seen_warnings and seen_markers, "the pages should exercise all tables"


def test_same_page_twice_changes_nothing(archive: Archive, sample_text: str) -> None:
    page = parsed(sample_text, 2)
    assert archive.store_page(page, raw_text=sample_text, source="a.txt") == "ingested"
    before = archive.counts()
    info = archive.pages("测试日报", "2023-01-02")
    assert archive.store_page(page, raw_text=sample_text, source="b.txt") == "unchanged"
    assert archive.counts() == before
    assert archive.pages("测试日报", "2023-01-02") == info


def test_changed_page_replaces_the_old_one(archive: Archive, sample_text: str) -> None:
    archive.store_page(parsed(sample_text, 2), raw_text=sample_text, source="old.txt")
    assert archive.search(SearchQuery("法院")).total > 0
    other = next(iter(generate_pages(1, seed=9)))[0]
    new = parsed(other, 2)
    assert archive.store_page(new, raw_text=other, source="new.txt") == "replaced"
    stored = archive.page("测试日报", "2023-01-02", 2)
    assert stored is not None and stored.page == new and stored.info.source == "new.txt"
    counts = archive.counts()
    assert counts["pages"] == 1
    assert counts["articles"] == counts["article_search"] == len(new.articles)
    # Nothing of the old page is found any more.
    assert archive.search(SearchQuery("锡引力")).total == 0
    if isinstance(archive.backend, SQLiteBackend):
        with sqlite3.connect(archive.backend.path) as conn:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            conn.execute("INSERT INTO article_search(article_search) VALUES ('integrity-check')")


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_archive(path).close()
    open_archive(path).close()
    with sqlite3.connect(path) as conn:
        assert applied(conn) == sorted(name for name, _ in MIGRATIONS)
        assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readonly_archive_refuses_writes_and_missing_files(
    tmp_path: Path, sample_text: str
) -> None:
    with pytest.raises(ArchiveError, match="no archive there"):
        open_archive(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()
    open_archive(tmp_path / "a.db").close()
    with (
        open_archive(f"sqlite:///{tmp_path / 'a.db'}", readonly=True) as reader,
        pytest.raises(ArchiveError, match="read-only"),
    ):
        reader.store_page(parsed(sample_text, 1), raw_text=sample_text, source="x")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"this is not a database, just text" * 100, "not a banmian archive")],
)
def test_a_file_that_is_no_archive_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match=message):
        open_archive(path)
    with pytest.raises(ArchiveError, match=message):
        open_archive(path, readonly=True)


def test_another_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(ArchiveError, match="not a banmian archive"):
        open_archive(path)
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert names == {"things"}


def test_unsupported_urls_and_folders(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="not supported"):
        open_archive("mysql://localhost/banmian")
    with pytest.raises(ArchiveError, match="does not exist"):
        open_archive(tmp_path / "no" / "such" / "a.db")


def test_archive_reads_from_other_threads(tmp_path: Path, sample_text: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with open_archive(tmp_path / "a.db") as writer:
        writer.store_page(parsed(sample_text, 2), raw_text=sample_text, source="s.txt")
    with open_archive(tmp_path / "a.db", readonly=True) as reader, ThreadPoolExecutor(4) as pool:
        totals = list(pool.map(lambda q: reader.search(SearchQuery(q)).total, ["法院"] * 8))
    assert len(set(totals)) == 1 and totals[0] > 0


def test_migration_rebuilds_the_search_index_from_stored_articles(
    tmp_path: Path, sample_text: str
) -> None:
    path = tmp_path / "old.db"
    with open_archive(path) as archive:
        archive.store_page(parsed(sample_text, 2), raw_text=sample_text, source="s.txt")
        before = [(h.article_id, h.snippet) for h in archive.search(SearchQuery("法院")).hits]
    # Take the archive back to where migration 0002 left it: the index without filter tokens.
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE article_search")
        conn.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "title, body, byline, content='', tokenize='ascii', prefix='1')"
        )
        conn.execute("DELETE FROM migrations WHERE name = '0003_search_index_filter_tokens'")
    with pytest.raises(ArchiveError, match="older banmian"):
        open_archive(path, readonly=True)
    with open_archive(path) as archive:
        assert applied(archive.backend._conn()) == sorted(name for name, _ in MIGRATIONS)
        after = [(h.article_id, h.snippet) for h in archive.search(SearchQuery("法院")).hits]
        assert after == before
        assert archive.search(SearchQuery("法院", paper="测试日报", page=2)).total == len(before)
        # The rebuilt rows can be deleted again: replacing the page leaves no trace of it.
        other = next(iter(generate_pages(1, seed=9)))[0]
        archive.store_page(parsed(other, 2), raw_text=other, source="new.txt")
        assert archive.search(SearchQuery("锡引力")).total == 0
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO article_search(article_search) VALUES ('integrity-check')")


def test_readers_are_not_blocked_by_a_writer(tmp_path: Path, sample_text: str) -> None:
    path = tmp_path / "a.db"
    with open_archive(path) as writer, open_archive(path, readonly=True) as reader:
        writer.store_page(parsed(sample_text, 1), raw_text=sample_text, source="s.txt")
        before = reader.search(SearchQuery("法院")).total
        with writer.backend._transaction() as conn:  # a write in progress, not committed
            other = parsed(sample_text, 2)
            rows = page_rows(other, raw_text=sample_text, source="t.txt", sha256="x")
            _insert_page(conn, 1, 1, rows, "now")
            assert reader.search(SearchQuery("法院")).total == before
            assert len(reader.pages("测试日报", "2023-01-02")) == 1
        assert reader.search(SearchQuery("法院")).total == 2 * before
