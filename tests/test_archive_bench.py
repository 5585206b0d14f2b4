"""The archive benchmark runs end to end on a few pages and reports sane figures.

No timing thresholds: speed is measured by ``banmian bench --archive``, not asserted here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from banmian.archive import open_archive
from banmian.archive.bench import QUERY_CLASSES, percentile, run_archive_benchmark
from banmian.cli import cli
from banmian.errors import UsageError


def test_benchmark_on_fifty_pages(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    report = run_archive_benchmark(pages=50, queries=120, seed=2, db=db, rank_window=100)
    assert report.pages == 50
    assert report.articles > 50 and report.chars > 50 * 1000
    assert 0 < report.parse_seconds < report.ingest_seconds
    assert 0 < report.pages_per_second < math.inf
    assert report.db_bytes > 0 and report.rank_window == 100
    assert [lat.name for lat in report.latencies] == [
        k for k in QUERY_CLASSES if any(lat.name == k for lat in report.latencies)
    ]
    overall = report.overall
    assert len(overall.times_ms) == 120
    assert 0 < overall.median <= overall.p95 <= max(overall.times_ms)
    assert sum(overall.hits) > 0, "queries cut from the pages should find them"
    assert report.optimize_seconds > 0
    assert sum(len(lat.times_ms) for lat in report.optimized) == 120
    data = report.to_dict()
    assert data["search"]["queries"] == 120
    assert data["search_optimized"]["queries"] == 120
    assert "pages/s" in report.to_text()
    with open_archive(db, readonly=True) as archive:
        assert archive.counts()["pages"] == 50


def test_the_benchmark_refuses_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "x.db").write_bytes(b"")
    with pytest.raises(UsageError):
        run_archive_benchmark(pages=2, queries=2, db=tmp_path / "x.db")


def test_percentile_is_nearest_rank() -> None:
    assert percentile([float(i) for i in range(1, 101)], 95) == 95.0
    assert percentile([3.0], 95) == 3.0
    assert math.isnan(percentile([], 50))


def test_bench_archive_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["bench", "--archive", "--pages", "8", "--queries", "60", "-f", "json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pages"] == 8 and data["search"]["queries"] == 60
