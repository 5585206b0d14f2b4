"""What only the PostgreSQL backend has to show: its own limits, connections, concurrency.

The archive's behaviour on PostgreSQL (round trip, idempotence, search against a substring
scan) is tested by ``test_archive.py`` and ``test_search.py`` on both backends; here are
the tsvector's limits handled exactly, one-line errors for bad addresses, readers during a
write, migrations recorded once, and ``banmian ingest`` killed mid-run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_backends import pg_schema_url, require_backend
from banmian import parse_text
from banmian.archive import Archive, SearchQuery, open_archive
from banmian.archive.pg_schema import MIGRATIONS, applied
from banmian.archive.pg_search import MAX_POSITION, article_vector
from banmian.archive.postgres import display_url
from banmian.archive.rows import SearchRow, page_rows
from banmian.cli import cli
from banmian.errors import ArchiveError
from banmian.synth import generate_pages


@pytest.fixture(autouse=True)
def _postgres() -> None:
    require_backend("postgres")


@pytest.fixture
def url() -> Iterator[str]:
    with pg_schema_url() as where:
        yield where


def parsed(text: str, number: int) -> object:
    return parse_text(text, paper="测试日报", date="2023-01-02", page=number)


def test_the_vector_keeps_tokens_verbatim_and_knows_when_it_cannot_be_exact() -> None:
    vector, exact = article_vector(SearchRow(0, "无锡 锡日 日报 报", "it's a\\b", ""))
    assert exact
    assert "'无锡':1A" in vector and "'it''s':6D" in vector and "'a\\\\b':7D" in vector
    _, exact = article_vector(SearchRow(0, "", " ".join(["法院"] * 300), ""))
    assert not exact  # more than 256 positions of one lexeme
    _, exact = article_vector(
        SearchRow(0, "", " ".join(str(i) for i in range(MAX_POSITION + 1)), "")
    )
    assert not exact  # positions past 16,383


def test_articles_past_the_tsvector_limits_are_still_found_exactly(url: str) -> None:
    # One paragraph with 法院 300 times and a phrase only at its very end.
    body = "法院审理。" * 300 + "最后一句在这里。"
    text = f"长文标题\n\n{body}\n\n（记者 张三）\n"
    with open_archive(url) as archive:
        page = parse_text(text, paper="测试日报", date="2023-01-02", page=1)
        archive.store_page(page, raw_text=text, source="long.txt")
        assert archive.search(SearchQuery("最后一句")).total == 1
        assert archive.search(SearchQuery('"审理。最后"')).total == 1
        assert archive.search(SearchQuery("最后一句 -张三")).total == 0
        assert archive.search(SearchQuery("一句最后")).total == 0
        assert archive.search(SearchQuery("法院", page=2)).total == 0


def test_bad_addresses_are_one_line_errors() -> None:
    with pytest.raises(ArchiveError, match="cannot connect to PostgreSQL") as err:
        open_archive("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "\n" not in str(err.value) and "secret" not in str(err.value)
    assert display_url("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"
    result = CliRunner().invoke(
        cli, ["search", "--db", "postgresql://nobody:secret@127.0.0.1:1/none", "法院"]
    )
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_readonly_needs_an_archive_and_other_tables_are_refused(url: str) -> None:
    import psycopg

    with pytest.raises(ArchiveError, match="no archive there"):
        open_archive(url, readonly=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE something (x int)")
    with pytest.raises(ArchiveError, match="not a banmian archive"):
        open_archive(url)


def test_migrations_are_recorded_once_with_sqlites_names(url: str, sample_text: str) -> None:
    from banmian.archive.schema import MIGRATIONS as SQLITE_MIGRATIONS

    assert [n for n, _ in MIGRATIONS] == [n for n, _ in SQLITE_MIGRATIONS][: len(MIGRATIONS)]
    with open_archive(url) as archive:
        archive.store_page(parsed(sample_text, 2), raw_text=sample_text, source="s.txt")  # type: ignore[arg-type]
    with open_archive(url) as archive:
        assert applied(archive.backend._conn()) == [n for n, _ in MIGRATIONS]  # type: ignore[attr-defined]
    with open_archive(url, readonly=True) as archive:
        with pytest.raises(ArchiveError, match="read-only"):
            archive.store_page(parsed(sample_text, 3), raw_text=sample_text, source="s.txt")  # type: ignore[arg-type]
        assert archive.search(SearchQuery("法院")).total > 0


def test_readers_are_not_blocked_by_a_writer(url: str, sample_text: str) -> None:
    from banmian.archive.postgres import _insert_page

    with open_archive(url) as writer, open_archive(url, readonly=True) as reader:
        writer.store_page(parsed(sample_text, 1), raw_text=sample_text, source="s.txt")  # type: ignore[arg-type]
        before = reader.search(SearchQuery("法院")).total
        conn = writer.backend._conn()  # type: ignore[attr-defined]
        with conn.transaction():  # a write in progress, not committed
            rows = page_rows(parsed(sample_text, 2), raw_text=sample_text, source="t", sha256="x")  # type: ignore[arg-type]
            _insert_page(conn, 1, 1, rows, "now")
            assert reader.search(SearchQuery("法院")).total == before
            assert len(reader.pages("测试日报", "2023-01-02")) == 1
        assert reader.search(SearchQuery("法院")).total == 2 * before


def _script() -> list[str]:
    script = Path(sys.executable).parent / "banmian"
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from banmian.cli import main; main()"]
    )


def _dump(archive: Archive) -> list[object]:
    out: list[object] = []
    for paper in archive.papers():
        for issue in archive.issues(paper.name):
            for info in archive.pages(paper.name, issue.date):
                stored = archive.page(paper.name, issue.date, info.number)
                assert stored is not None
                out.append((info.number, info.sha256, stored.page))
    return out


def test_kill_mid_ingest_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, (text, _gold) in enumerate(generate_pages(120, seed=77), start=1):
        (folder / f"生成日报_2023-03-01_{i:03d}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "BANMIAN_DEBUG": ""}
    with pg_schema_url() as killed, pg_schema_url() as clean:
        with open_archive(killed):
            pass  # migrated before the clock starts
        proc = subprocess.Popen(
            [*_script(), "ingest", "--db", killed, str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            deadline = time.monotonic() + 120
            with open_archive(killed, readonly=True) as watch:
                while (
                    watch.counts()["pages"] < 10
                    and time.monotonic() < deadline
                    and proc.poll() is None
                ):
                    time.sleep(0.02)
            assert proc.poll() is None, "ingest finished before it could be killed"
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
        with open_archive(killed, readonly=True) as archive:
            stored = archive.counts()["pages"]
        assert 10 <= stored < 120
        rerun = subprocess.run(
            [*_script(), "ingest", "--db", killed, str(folder)],
            capture_output=True,
            env=env,
            timeout=600,
            check=False,
        )
        assert rerun.returncode == 0, rerun.stderr
        assert rerun.stdout.decode().strip() == (
            f"ingested {120 - stored}, unchanged {stored}, replaced 0, failed 0"
        )
        done = subprocess.run(
            [*_script(), "ingest", "--db", clean, str(folder)],
            capture_output=True,
            env=env,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        with open_archive(killed) as a, open_archive(clean) as b:
            assert _dump(a) == _dump(b)
            counts = a.counts()
            assert counts == b.counts() and counts["articles"] == counts["article_search"]
