"""``banmian batch``: rows, schema, Parquet and JSONL, resume, quarantine, on a real Dask cluster.

The cluster tests run a ``LocalCluster`` of two workers as threads (``processes=False``),
which starts in a fraction of a second; ``test_batch_kill.py`` runs real worker processes
through the command and kills them.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from banmian.batch import BatchReport, parse_formats, run_batch
from banmian.batch.errors import BatchOutputError, BatchUsageError, SchedulerError
from banmian.batch.layout import BatchDir
from banmian.batch.progress import Progress
from banmian.batch.rows import page_rows
from banmian.batch.schema import ARTICLE_SCHEMA, COLUMNS, from_arrow_row, to_table
from banmian.batch.sources import iter_sources
from banmian.cli import cli
from banmian.enrich import enrich
from banmian.pipeline import parse_bytes, parse_text
from banmian.serialize.json import page_to_dict
from banmian.synth import generate_pages

Row = dict[str, Any]
Corpus = tuple[Path, list[tuple[Path, Any]]]
"""The pages folder, and each page's path and gold."""
Run = tuple[Path, BatchReport, str]
"""A batch's output folder, report and progress lines."""


def write_pages(folder: Path, n: int, seed: int = 31) -> list[tuple[Path, dict[str, Any]]]:
    """``n`` generated pages named ``{paper}_{date}_{i}.txt`` (all distinct), with gold."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, (text, gold) in enumerate(generate_pages(n, seed=seed), start=1):
        path = folder / f"{gold['paper']}_{gold['date']}_{i}.txt"
        path.write_text(text, encoding="utf-8")
        out.append((path, gold))
    return out


def reference_rows(paths: list[Path], *, enriched: bool = False) -> list[Row]:
    """The rows of each page parsed here, in this process, one after another."""
    import hashlib

    from banmian.names import parse_page_name

    rows = []
    for path in paths:
        data = path.read_bytes()
        named = parse_page_name(path)
        assert named is not None
        page = parse_bytes(data, paper=named.paper, date=named.date, page=named.page)
        if enriched:
            enrich(page)
        digest = hashlib.sha256(data).hexdigest()
        rows += page_rows(page, page_hash=digest, source=str(path.resolve()))
    return rows


def parquet_rows(out: Path) -> list[Row]:
    """Every row of the Parquet dataset under ``out``, in JSONL form."""
    table = pq.ParquetDataset(out / "parquet").read()
    assert table.schema.equals(ARTICLE_SCHEMA, check_metadata=False)
    return [from_arrow_row(r) for r in table.to_pylist()]


def jsonl_rows(out: Path) -> list[Row]:
    """Every row of the JSONL files under ``out``."""
    return [
        json.loads(line)
        for path in sorted((out / "jsonl").glob("part-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def keyed(rows: list[Row]) -> dict[tuple[str, str], Row]:
    """Rows by (page hash, article id), failing on a duplicate."""
    counts = Counter((r["page_hash"], r["article_id"]) for r in rows)
    assert [k for k, c in counts.items() if c > 1] == []
    return {(r["page_hash"], r["article_id"]): r for r in rows}


def quarantine(out: Path) -> list[Row]:
    """The lines of ``quarantine.jsonl``."""
    text = (out / "quarantine.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def batch(inputs: list[Path | str], out: Path, **options: Any) -> BatchReport:
    """``run_batch`` on two thread workers, small partitions, progress into a buffer."""
    options = {"workers": 2, "processes": False, "partition_size": 7} | options
    options.setdefault("stream", io.StringIO())
    return run_batch([str(i) for i in inputs], out, **options)


# rows and schema ------------------------------------------------------------------------


def test_rows_say_what_the_json_says(sample_text: str) -> None:
    page = enrich(parse_text(sample_text, paper="无锡日报", date="2022-12-10", page=2))
    data = page_to_dict(page)
    rows = page_rows(page, page_hash="h", source="/p.txt")
    assert [r["article_id"] for r in rows] == [a["id"] for a in data["articles"]]
    assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))
    for row, art in zip(rows, data["articles"], strict=True):
        assert set(row) == set(COLUMNS)
        assert (row["paper"], row["date"], row["page"]) == ("无锡日报", "2022-12-10", 2)
        for name in ("title", "kicker", "subtitle", "dateline", "byline", "authors"):
            assert row[name] == art[name]
        assert row["text"] == "\n".join(p["text"] for p in art["paragraphs"])
        spans = [
            (p["type"], p["text"], [p["first_line"], p["last_line"]]) for p in row["paragraphs"]
        ]
        assert spans == [(p["type"], p["text"], p["lines"]) for p in art["paragraphs"]]
        assert {f["field"]: [f["first_line"], f["last_line"]] for f in row["field_lines"]} == {
            k: v for k, v in art["source_lines"].items() if v
        }
        assert row["mentions"] == art["mentions"]
    assert any(r["mentions"] for r in rows)


def test_rows_round_trip_through_the_arrow_schema(sample_text: str) -> None:
    page = enrich(parse_text(sample_text, paper="无锡日报", date="2022-12-10", page=2))
    rows = page_rows(page, page_hash="h", source="/p.txt")
    plain = page_rows(parse_text(sample_text), page_hash="h", source="/p.txt")
    for group in (rows, plain):
        table = to_table(group)
        assert table.schema == ARTICLE_SCHEMA
        assert [from_arrow_row(r) for r in table.to_pylist()] == group
    assert plain[0]["mentions"] is None and plain[0]["date"] is None
    assert json.loads(json.dumps(rows[0], ensure_ascii=False)) == rows[0]


def test_sources_walk_folders_sorted_and_expand_globs(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.txt", "a.txt", "a.gold.json", ".hidden.txt", "c/.x/3.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = list(iter_sources([str(tmp_path)]))
    assert found == [str(tmp_path / n) for n in ("a.txt", "b/1.txt", "b/2.txt")]
    assert list(iter_sources([str(tmp_path / "b" / "*.txt")])) in (found[1:], found[:0:-1])
    assert sorted(iter_sources([f"{tmp_path}/**/*.txt"])) == found
    assert list(iter_sources([str(tmp_path / "missing.txt")])) == [str(tmp_path / "missing.txt")]


def test_formats_are_checked() -> None:
    assert parse_formats("jsonl, parquet") == ("parquet", "jsonl")
    assert parse_formats("jsonl") == ("jsonl",)
    with pytest.raises(BatchUsageError, match="unknown output format csv"):
        parse_formats("parquet,csv")


# a batch on a real cluster --------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """40 generated pages, a binary file and an empty one."""
    folder = tmp_path_factory.mktemp("batch") / "pages"
    pages = write_pages(folder, 40)
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "blank.txt").write_bytes(b"")
    return folder, pages


@pytest.fixture(scope="module")
def first_run(corpus: Corpus) -> Run:
    """One clean batch over the corpus: its output folder, report and progress lines."""
    folder, _ = corpus
    out = folder.parent / "out"
    stream = io.StringIO()
    return out, batch([folder], out, stream=stream), stream.getvalue()


def test_one_row_per_article_exactly_as_parsed_alone(corpus: Corpus, first_run: Run) -> None:
    _, pages = corpus
    out, report, _ = first_run
    expected = reference_rows([p for p, _ in pages])
    assert keyed(parquet_rows(out)) == keyed(expected)
    # nothing lost: every page is there, and per page as many rows as the parser finds
    # articles; gold counts differ only where the parser itself errs (article F1 < 1)
    got = Counter(r["page_hash"] for r in parquet_rows(out))
    assert got == Counter(r["page_hash"] for r in expected)
    assert len(got) == len(pages)
    gold = sum(len(g["articles"]) for _, g in pages)
    assert abs(len(expected) - gold) <= 0.1 * gold
    assert (report.found, report.parsed, report.failed, report.articles) == (
        42,
        40,
        2,
        len(expected),
    )
    assert report.partitions == 6 and report.workers == 2 and report.lost == 0
    manifests = list(BatchDir(out).iter_manifests())
    assert sum(m["rows"] for m in manifests) == len(expected)
    hashes = [p["page_hash"] for m in manifests for p in m["pages"]]
    assert len(hashes) == len(set(hashes)) == 40


def test_parquet_and_jsonl_agree(first_run: Run) -> None:
    out, _, _ = first_run
    assert keyed(parquet_rows(out)) == keyed(jsonl_rows(out))
    for manifest in BatchDir(out).iter_manifests():
        for fmt in ("parquet", "jsonl"):
            assert (out / manifest["files"][fmt]).is_file()
        assert pq.read_metadata(out / manifest["files"]["parquet"]).num_rows == manifest["rows"]
    assert not [p for p in out.rglob(".*.tmp")]


def test_bad_pages_go_to_quarantine_and_the_others_on(first_run: Run) -> None:
    out, _, _ = first_run
    failed = {Path(q["source"]).name: q for q in quarantine(out)}
    assert set(failed) == {"scan.txt", "blank.txt"}
    assert failed["scan.txt"]["error"] == "BinaryInputError"
    assert "PDF" in failed["scan.txt"]["message"]
    assert failed["blank.txt"]["error"] == "EmptyInputError"
    assert failed["blank.txt"]["page_hash"] == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    assert all(q["final"] for q in failed.values())  # the same bytes would fail again
    assert all(
        set(q) == {"source", "page_hash", "error", "message", "final"} for q in failed.values()
    )


def test_progress_shows_rate_and_eta(first_run: Run) -> None:
    _, _, progress = first_run
    last = progress.strip().splitlines()[-1]
    assert last.startswith("banmian batch: 42/42 pages (100.0%), ")
    assert "pages/s, ETA 0s, skipped 0, failed 2" in last


def test_a_rerun_skips_everything(corpus: Corpus, first_run: Run) -> None:
    folder, _ = corpus
    out, _, _ = first_run
    before = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    again = batch([folder], out)
    assert (again.parsed, again.skipped, again.failed, again.partitions) == (0, 42, 0, 0)
    assert again.workers == 0  # nothing to do: no cluster started
    assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == before
    assert len(quarantine(out)) == 2


def test_resume_after_a_partial_run_and_leftovers_equals_one_run(
    corpus: Corpus, first_run: Run, tmp_path: Path
) -> None:
    folder, pages = corpus
    out = tmp_path / "out"
    half = [str(p) for p, _ in pages[:15]]
    batch(half, out, partition_size=4)
    # what a run killed mid-commit leaves: data without a manifest, half-written temp files
    for fmt in ("parquet", "jsonl"):
        (out / fmt / f"part-killed-00001.{fmt}").write_bytes(b"half")
        (out / fmt / f".part-killed-00002.{fmt}.1-ab.tmp").write_bytes(b"half")
    resumed = batch([folder], out)
    assert resumed.removed == 4
    assert (resumed.skipped, resumed.parsed, resumed.failed) == (15, 25, 2)
    assert keyed(parquet_rows(out)) == keyed(parquet_rows(first_run[0]))
    assert keyed(jsonl_rows(out)) == keyed(jsonl_rows(first_run[0]))
    assert len(quarantine(out)) == 2


def test_same_content_twice_is_parsed_once(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", 3)
    copy = tmp_path / "pages" / "copy" / pages[0][0].name
    copy.parent.mkdir()
    copy.write_bytes(pages[0][0].read_bytes())
    report = batch([tmp_path / "pages"], tmp_path / "out")
    assert (report.parsed, report.duplicate) == (3, 1)
    assert len(keyed(parquet_rows(tmp_path / "out"))) == report.articles


def test_enriched_rows_carry_mentions_and_unreadable_files_are_quarantined(
    tmp_path: Path,
) -> None:
    pages = write_pages(tmp_path / "pages", 4, seed=8)
    missing = tmp_path / "pages" / "gone_2022-12-10_1.txt"
    report = batch([tmp_path / "pages", missing], tmp_path / "out", enrich=True, formats=["jsonl"])
    rows = jsonl_rows(tmp_path / "out")
    assert keyed(rows) == keyed(reference_rows([p for p, _ in pages], enriched=True))
    assert all(isinstance(r["mentions"], list) for r in rows)
    assert sum(len(r["mentions"]) for r in rows) > 0
    assert not (tmp_path / "out" / "parquet").exists()
    assert (report.parsed, report.failed) == (4, 1)
    [gone] = quarantine(tmp_path / "out")
    assert (gone["page_hash"], gone["error"], gone["final"]) == (None, "FileNotFoundError", False)
    # a file that could not be read is tried again (and still listed once)
    again = batch([tmp_path / "pages", missing], tmp_path / "out", enrich=True, formats=["jsonl"])
    assert (again.skipped, again.failed) == (4, 1)
    assert len(quarantine(tmp_path / "out")) == 1


def test_a_page_that_hit_a_bug_is_tried_again_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import banmian.batch.worker as worker

    pages = write_pages(tmp_path / "pages", 5, seed=9)
    unlucky = pages[2][0].name
    parse = worker.parse_bytes

    def buggy(data: bytes, **meta: Any) -> Any:
        if meta["page"] == 3:
            raise RuntimeError("boom")
        return parse(data, **meta)

    monkeypatch.setattr(worker, "parse_bytes", buggy)
    first = batch([tmp_path / "pages"], tmp_path / "out")
    assert (first.parsed, first.failed) == (4, 1)
    [bug] = quarantine(tmp_path / "out")
    assert Path(bug["source"]).name == unlucky
    assert (bug["error"], bug["message"], bug["final"]) == (
        "RuntimeError",
        "unexpected RuntimeError: boom",
        False,
    )
    monkeypatch.setattr(worker, "parse_bytes", parse)  # the parser fixed
    second = batch([tmp_path / "pages"], tmp_path / "out")
    assert (second.parsed, second.skipped, second.failed) == (1, 4, 0)
    assert quarantine(tmp_path / "out") == []
    assert keyed(parquet_rows(tmp_path / "out")) == keyed(reference_rows([p for p, _ in pages]))


def test_an_output_folder_keeps_its_options_and_one_run_at_a_time(
    first_run: Run, tmp_path: Path
) -> None:
    out, _, _ = first_run
    with pytest.raises(BatchOutputError, match="made with enrich=False"):
        batch([tmp_path], out, enrich=True)
    with pytest.raises(BatchOutputError, match="made with enrich=False"):
        batch([tmp_path], out, formats=["parquet"])
    with BatchDir(out).locked(), pytest.raises(BatchOutputError, match="another banmian batch"):
        batch([tmp_path], out)
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(BatchOutputError, match="not empty and holds no batch"):
        batch([tmp_path / "pages"], tmp_path / "stuff")


def test_an_existing_scheduler_is_used(corpus: Corpus, first_run: Run, tmp_path: Path) -> None:
    from distributed import LocalCluster

    folder, _ = corpus
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        report = batch(
            [folder], tmp_path / "out", workers=None, scheduler=cluster.scheduler_address
        )
    assert (report.workers, report.parsed, report.failed) == (1, 40, 2)
    assert keyed(parquet_rows(tmp_path / "out")) == keyed(parquet_rows(first_run[0]))


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import banmian.batch.runner as runner

    write_pages(tmp_path / "pages", 1)
    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(
        SchedulerError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        batch([tmp_path / "pages"], tmp_path / "out", workers=None, scheduler="tcp://127.0.0.1:9")


def test_a_task_of_a_run_that_lost_the_folder_commits_nothing(
    corpus: Corpus, tmp_path: Path
) -> None:
    import hashlib

    from banmian.batch.worker import PageTask, PartitionTask, run_partition

    _, pages = corpus
    out = BatchDir(tmp_path / "out")
    with out.locked():
        out.check_settings(enrich=False, formats=("parquet", "jsonl"))
        out.set_fence("new-run")
    page = pages[0][0]
    task = PartitionTask(
        name="part-old-run-00001",
        run_id="old-run",
        out=str(out.root),
        pages=(PageTask(str(page), hashlib.sha256(page.read_bytes()).hexdigest()),),
        enrich=False,
        formats=("parquet", "jsonl"),
    )
    result = run_partition(task)
    assert not result.committed and result.parsed == 1
    files = sorted(p.name for p in out.root.rglob("*") if p.is_file())
    assert files == [".batch-run", ".batch.lock", "batch.json"]


def test_progress_redraws_one_line_on_a_terminal() -> None:
    stream = io.StringIO()
    shown = Progress(20_000, stream=stream, tty=True, interval=0)
    shown.worked, shown.skipped = 1_500, 500
    shown.started -= 10
    shown.show()
    shown.worked = 19_500
    shown.show(final=True)
    first, last = stream.getvalue().split("\r")[1:]
    assert first.startswith("banmian batch: 2,000/20,000 pages (10.0%), 150.0 pages/s, ETA 2m")
    assert first.endswith("skipped 500, failed 0")
    assert last.startswith("banmian batch: 20,000/20,000 pages (100.0%), ") and last.endswith("\n")
    plain = Progress(10, stream=io.StringIO(), tty=False)
    assert plain.interval == 5.0 and "ETA --" in plain.line()


# the command ----------------------------------------------------------------------------


def test_command_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    out = str(tmp_path / "out")
    done = runner.invoke(cli, ["batch", str(tmp_path), "--out", out, "--format", "csv"])
    assert done.exit_code == 2
    assert "banmian: error: unknown output format csv" in done.stderr
    both = ["batch", str(tmp_path), "--out", out, "--workers", "2", "--scheduler", "tcp://x:1"]
    done = runner.invoke(cli, both)
    assert done.exit_code == 2
    assert "not both" in done.stderr
    done = runner.invoke(cli, ["batch", str(tmp_path)])
    assert done.exit_code == 2 and "--out" in done.stderr


def test_command_with_nothing_to_do_says_so(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["batch", str(tmp_path), "--out", str(tmp_path / "o")])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("parsed 0, skipped 0, duplicate 0, failed 0, lost 0; 0 articles")
