"""``banmian ingest`` and ``banmian search`` on real files and archives, and a kill mid-ingest."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from banmian.archive import open_archive
from banmian.archive.ingest import find_pages, page_metadata
from banmian.cli import cli
from banmian.errors import PageMetadataError
from banmian.synth import generate_pages

NAMED = "无锡日报_2022-12-10_02.txt"


def run(*args: str | Path, input: bytes | str | None = None) -> Result:
    """Run ``banmian ARGS`` in-process."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def write_generated(folder: Path, n: int, seed: int = 21) -> list[Path]:
    """``n`` generated pages named by the file-name pattern, all keys distinct."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (text, gold) in enumerate(generate_pages(n, seed=seed), start=1):
        path = folder / f"{gold['paper']}_{gold['date']}_{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def canonical_dump(db: Path) -> list[tuple[object, ...]]:
    """Every row of every table, ordered, without timestamps; and the search index's terms."""
    out: list[tuple[object, ...]] = []
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND (name NOT LIKE 'article_search%' OR name = 'article_search_docsize')"
                " ORDER BY name"
            )
        ]
        for table in tables:
            columns = [
                r[1]
                for r in conn.execute(f"PRAGMA table_info({table})")
                if r[1] not in ("ingested_at", "applied_at")
            ]
            names = ", ".join(columns)
            rows = conn.execute(f"SELECT {names} FROM {table} ORDER BY {names}").fetchall()
            out += [(table, *row) for row in rows]
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, article_search, row)")
        out += [("vocab", *r) for r in conn.execute("SELECT * FROM temp.vocab ORDER BY term")]
    return out


def check_consistent(db: Path) -> None:
    """SQLite's and FTS5's integrity checks, foreign keys, one index row per article."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO article_search(article_search) VALUES ('integrity-check')")
        ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
        indexed = {r[0] for r in conn.execute("SELECT id FROM article_search_docsize")}
        assert ids == indexed
        orphans = conn.execute(
            "SELECT count(*) FROM pages p WHERE NOT EXISTS"
            " (SELECT 1 FROM articles a WHERE a.page_id = p.id)"
        ).fetchone()[0]
        assert orphans == 0


@pytest.fixture
def named_page(tmp_path: Path, sample_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / NAMED
    shutil.copyfile(sample_path, path)
    return path


# finding pages and their metadata --------------------------------------------------------


def test_find_pages_recurses_over_txt_and_skips_gold(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x_2022-01-01_1.txt", "a/b/y_2022-01-01_2.txt", "a/z.gold.json", "a/n.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = find_pages([tmp_path / "a", "-", tmp_path / "missing.txt"])
    assert found == [
        str(tmp_path / "a/b/y_2022-01-01_2.txt"),
        str(tmp_path / "a/x_2022-01-01_1.txt"),
        "-",
        str(tmp_path / "missing.txt"),
    ]


def test_metadata_from_the_name_and_options_win() -> None:
    assert page_metadata("d/无锡日报_2022-12-10_02.txt", paper=None, date=None, page=None) == (
        "无锡日报",
        "2022-12-10",
        2,
    )
    assert page_metadata(NAMED, paper="江南晚报", date=None, page=5) == (
        "江南晚报",
        "2022-12-10",
        5,
    )
    assert page_metadata("page.txt", paper="P", date="2020-01-01", page=1) == ("P", "2020-01-01", 1)
    with pytest.raises(PageMetadataError, match="no date, page"):
        page_metadata("page.txt", paper="P", date=None, page=None)


# the ingest command -----------------------------------------------------------------------


def test_ingest_twice_leaves_identical_row_counts(tmp_path: Path, named_page: Path) -> None:
    folder = named_page.parent
    write_generated(folder / "more", 12)
    db = tmp_path / "a.db"
    first = run("ingest", "--db", db, folder)
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "ingested 13, unchanged 0, replaced 0, failed 0"
    with open_archive(db) as archive:
        counts = archive.counts()
    dump = canonical_dump(db)
    second = run("ingest", "--db", db, folder)
    assert second.exit_code == 0, second.output
    assert second.stdout.strip() == "ingested 0, unchanged 13, replaced 0, failed 0"
    with open_archive(db) as archive:
        assert archive.counts() == counts
    assert canonical_dump(db) == dump
    assert counts["pages"] == 13 and counts["articles"] > 13


def test_a_changed_page_replaces_the_old_one(tmp_path: Path, named_page: Path) -> None:
    db = tmp_path / "a.db"
    assert run("ingest", "--db", db, named_page).exit_code == 0
    other = next(iter(generate_pages(1, seed=4)))[0]
    named_page.write_text(other, encoding="utf-8")
    result = run("ingest", "--db", db, named_page)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ingested 0, unchanged 0, replaced 1, failed 0"
    with open_archive(db, readonly=True) as archive:
        stored = archive.page("无锡日报", "2022-12-10", 2)
        assert stored is not None and stored.raw_text == other
        assert archive.counts()["pages"] == 1
    check_consistent(db)


def test_options_give_metadata_and_stdin_works(tmp_path: Path, sample_text: str) -> None:
    db = tmp_path / "a.db"
    result = run(
        "ingest", "--db", db, "--paper", "无锡日报", "--date", "2022-12-10", "--page", "2", "-",
        input=sample_text.encode("gb18030"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with open_archive(db, readonly=True) as archive:
        info = archive.pages("无锡日报", "2022-12-10")
        assert [(p.number, p.source) for p in info] == [(2, "-")]


def test_encoding_option_forces_the_encoding(tmp_path: Path, sample_text: str) -> None:
    path = tmp_path / NAMED
    path.write_bytes(sample_text.encode("utf-16-le"))  # no BOM
    db = tmp_path / "a.db"
    result = run("ingest", "--db", db, "--encoding", "utf-16-le", path)
    assert result.exit_code == 0, result.output
    with open_archive(db, readonly=True) as archive:
        stored = archive.page("无锡日报", "2022-12-10", 2)
        assert stored is not None and stored.raw_text == sample_text
    wrong = run("ingest", "--db", tmp_path / "b.db", "--encoding", "ascii", path)
    assert wrong.exit_code == 1 and "ascii" in wrong.stderr
    assert wrong.stdout.strip().endswith("failed 1")
    assert run("ingest", "--db", db, "--encoding", "no-such-codec", path).exit_code == 2


def test_bad_pages_are_reported_one_line_each_and_the_batch_goes_on(
    tmp_path: Path, named_page: Path
) -> None:
    folder = named_page.parent
    (folder / "no-metadata.txt").write_text("本报讯 近日，市政协组织视察。", encoding="utf-8")
    (folder / "报_2022-01-01_1.txt").write_bytes(b"")
    (folder / "报_2022-01-01_2.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (folder / "报_2022-01-01_3.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    db = tmp_path / "a.db"
    result = run("ingest", "--db", db, folder, tmp_path / "missing_2022-01-01_1.txt")
    assert result.exit_code == 1
    assert result.stdout.strip() == "ingested 1, unchanged 0, replaced 0, failed 5"
    lines = result.stderr.splitlines()
    assert len(lines) == 5, result.stderr
    assert all(line.startswith("banmian: error: ") for line in lines)
    assert "Traceback" not in result.output
    by_file = {name: next(x for x in lines if name in x) for name in (
        "no-metadata.txt", "报_2022-01-01_1.txt", "报_2022-01-01_2.txt", "报_2022-01-01_3.txt",
        "missing_2022-01-01_1.txt",
    )}  # fmt: skip
    assert "{paper}_{YYYY-MM-DD}_{page}.txt" in by_file["no-metadata.txt"]
    assert "empty" in by_file["报_2022-01-01_1.txt"]
    assert "PDF" in by_file["报_2022-01-01_2.txt"]
    assert "binary" in by_file["报_2022-01-01_3.txt"]
    assert "No such file" in by_file["missing_2022-01-01_1.txt"]
    check_consistent(db)


def test_page_option_with_several_pages_is_a_usage_error(tmp_path: Path, named_page: Path) -> None:
    write_generated(named_page.parent, 2)
    result = run("ingest", "--db", tmp_path / "a.db", "--page", "3", named_page.parent)
    assert result.exit_code == 2
    assert "--page" in result.stderr


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path: Path, named_page: Path) -> None:
    quiet = run("ingest", "--db", tmp_path / "a.db", named_page)
    assert quiet.stderr == ""
    shown = run("ingest", "--progress", "--db", tmp_path / "b.db", named_page)
    assert "ingesting" in shown.stderr
    assert shown.stdout.strip().endswith("failed 0")


def test_optimize_merges_the_index_and_changes_no_answer(tmp_path: Path, named_page: Path) -> None:
    write_generated(named_page.parent / "more", 15)
    plain, merged = tmp_path / "plain.db", tmp_path / "merged.db"
    assert run("ingest", "--db", plain, named_page.parent).exit_code == 0
    result = run("ingest", "--optimize", "--db", merged, named_page.parent)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ingested 16, unchanged 0, replaced 0, failed 0"

    def segments(db: Path) -> int:
        with sqlite3.connect(db) as conn:
            query = "SELECT count(DISTINCT segid) FROM article_search_idx"
            return int(conn.execute(query).fetchone()[0])

    assert segments(merged) == 1 < segments(plain)
    assert canonical_dump(merged) == canonical_dump(plain)
    for query in ("法院", "无锡 OR 发展", '"12月"'):
        a = run("search", "--db", plain, "-f", "json", "--limit", "100", query).stdout
        b = run("search", "--db", merged, "-f", "json", "--limit", "100", query).stdout
        assert a == b
    check_consistent(merged)


def test_db_from_the_environment(tmp_path: Path, named_page: Path) -> None:
    db = tmp_path / "env.db"
    result = CliRunner(env={"BANMIAN_DB": str(db)}).invoke(cli, ["ingest", str(named_page)])
    assert result.exit_code == 0, result.output
    assert db.is_file()


def test_a_file_that_is_no_archive_is_one_error_line(tmp_path: Path, named_page: Path) -> None:
    db = tmp_path / "x.db"
    db.write_text("not a database at all " * 50, encoding="utf-8")
    for args in (("ingest", "--db", db, named_page), ("search", "--db", db, "法院")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith("banmian: error: ") and len(result.stderr.splitlines()) == 1
        assert "not a banmian archive" in result.stderr


# the search command -------------------------------------------------------------------------


@pytest.fixture
def sample_db(tmp_path: Path, named_page: Path) -> Path:
    db = tmp_path / "s.db"
    assert run("ingest", "--db", db, named_page).exit_code == 0
    return db


def test_search_text_and_json(sample_db: Path) -> None:
    import json

    text = run("search", "--db", sample_db, "法院")
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("2 articles match 法院")
    assert "[法院]" in text.stdout
    data = json.loads(run("search", "--db", sample_db, "-f", "json", "无锡", "--limit", "3").stdout)
    assert data["total"] > 3 and len(data["hits"]) == 3
    hit = data["hits"][0]
    assert {"paper", "date", "page", "article_id", "title", "score", "snippet"} <= set(hit)
    assert any(p["highlight"] and p["text"] == "无锡" for p in hit["snippet"])
    paged = json.loads(
        run(
            "search", "--db", sample_db, "-f", "json", "无锡", "--offset", "3", "--limit", "50"
        ).stdout
    )
    assert len(paged["hits"]) == data["total"] - 3


def test_search_filters(sample_db: Path) -> None:
    assert "1 article" not in run("search", "--db", sample_db, "法院").stdout
    for args in (
        ("--paper", "人民日报"),
        ("--from", "2022-12-11"),
        ("--to", "2022-12-09"),
        ("--page", "3"),
    ):
        result = run("search", "--db", sample_db, *args, "法院")
        assert result.exit_code == 0 and result.stdout.startswith("0 articles"), args
    result = run(
        "search", "--db", sample_db, "--paper", "无锡日报", "--from", "2022-12-10", "--to",
        "2022-12-10", "--page", "2", "法院",
    )  # fmt: skip
    assert result.stdout.startswith("2 articles")


@pytest.mark.parametrize(
    "query",
    [
        '"法院',
        "(法院",
        "法院)",
        "法院 OR",
        "OR 法院",
        "-法院",
        "法院 -",
        "NOT",
        "AND 法院",
        "()",
        '""',
    ],
)
def test_query_syntax_errors_are_one_line(sample_db: Path, query: str) -> None:
    result = run("search", "--db", sample_db, "--", query)
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("banmian: error: "), result.stderr
    assert "Traceback" not in result.output


def test_search_without_an_archive(tmp_path: Path) -> None:
    result = run("search", "--db", tmp_path / "none.db", "法院")
    assert result.exit_code == 1
    assert "banmian ingest" in result.stderr
    assert not (tmp_path / "none.db").exists()


# killed mid-ingest --------------------------------------------------------------------------


def _script() -> list[str]:
    script = Path(sys.executable).parent / "banmian"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from banmian.cli import main; main()"]


def _pages_in(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM pages").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_kill_mid_ingest_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    paths = write_generated(folder, 300, seed=77)
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    env = {**os.environ, "BANMIAN_DEBUG": ""}
    proc = subprocess.Popen(
        [*_script(), "ingest", "--db", str(killed), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while _pages_in(killed) < 20 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert proc.poll() is None, "ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    stored = _pages_in(killed)
    assert 20 <= stored < len(paths)
    check_consistent(killed)

    rerun = subprocess.run(
        [*_script(), "ingest", "--db", str(killed), str(folder)],
        capture_output=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    summary = rerun.stdout.decode().strip()
    assert summary == f"ingested {len(paths) - stored}, unchanged {stored}, replaced 0, failed 0"
    done = subprocess.run(
        [*_script(), "ingest", "--db", str(clean), str(folder)],
        capture_output=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    check_consistent(killed)
    assert canonical_dump(killed) == canonical_dump(clean)
