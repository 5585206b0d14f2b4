"""The parsing benchmark runs end to end on tiny sizes and reports sane figures.

No timing thresholds here: speed is measured by the benchmark, not asserted by tests.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from banmian import bench
from banmian.bench import BenchReport, Throughput, measure_flatness, run_benchmark
from banmian.errors import UsageError
from banmian.synth import generate_pages


def check_throughput(tp: Throughput, pages: int) -> None:
    assert tp.pages == pages
    assert tp.chars > 0
    assert tp.passes >= 1
    assert tp.runs and all(r > 0 for r in tp.runs)
    assert min(tp.runs) <= tp.seconds <= max(tp.runs)
    assert 0 < tp.pages_per_second < math.inf
    assert tp.chars_per_second == pytest.approx(tp.pages_per_second * tp.chars / tp.pages)
    assert tp.tracemalloc_peak > 0


@pytest.fixture(scope="module")
def report() -> BenchReport:
    return run_benchmark(generated=6, repeat=2, seed=3)


def test_report_fields_are_positive_and_sane(report: BenchReport) -> None:
    assert report.generated is not None
    check_throughput(report.generated, 6)
    assert report.sample is not None, "the bundled sample page should be found"
    check_throughput(report.sample, 1)
    assert len(report.generated.runs) == len(report.sample.runs) == report.repeat == 2
    assert report.seed == 3
    fl = report.flatness
    assert fl.pages == 1
    assert fl.peak_n > 0 and fl.peak_4n > 0
    assert 0 < fl.ratio < math.inf
    assert fl.retained_n >= 0 and fl.retained_4n >= 0
    if report.max_rss is not None:
        assert report.max_rss > 1024 * 1024
    assert report.python.count(".") == 2


def test_generated_chars_are_the_pages_text(report: BenchReport) -> None:
    texts = [text for text, _ in generate_pages(6, 3)]
    assert report.generated is not None
    assert report.generated.chars == sum(len(t) for t in texts)


def test_to_dict_is_json(report: BenchReport) -> None:
    data = json.loads(json.dumps(report.to_dict()))
    assert data["generated"]["pages"] == 6
    assert data["generated"]["pages_per_second"] > 0
    assert data["sample"]["chars_per_second"] > 0
    assert data["flatness"]["pages_4n"] == 4
    assert set(data) >= {"python", "machine", "repeat", "seed", "max_rss_bytes"}


def test_to_text_is_a_short_table(report: BenchReport) -> None:
    text = report.to_text()
    assert 4 <= len(text.splitlines()) <= 11
    for word in ("sample", "generated", "pages/s", "chars/s", "flatness", "RSS", "enrichment"):
        assert word in text


def test_enrichment_is_timed_on_the_same_pages(report: BenchReport) -> None:
    assert report.enrich_sample is not None and report.sample is not None
    assert report.enrich_sample.chars == report.sample.chars
    assert report.enrich_generated is not None and report.generated is not None
    assert report.enrich_generated.pages == report.generated.pages
    assert report.enrich_generated.pages_per_second > 0
    assert report.to_dict()["enrich_generated"]["pages"] == report.generated.pages


def test_sample_path_argument(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("本报讯 近日，我市召开会议。\n（张三）\n\n会议召开\n", encoding="utf-8")
    result = run_benchmark(generated=1, repeat=1, sample=page)
    assert result.sample is not None
    assert result.sample.chars == len(page.read_text(encoding="utf-8"))
    assert result.generated is not None and result.generated.pages == 1
    assert result.flatness.pages == 1  # at least 4 pages are streamed for the check


def test_missing_sample_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "find_sample", lambda: None)
    result = run_benchmark(generated=1, repeat=1)
    assert result.sample is None
    assert result.to_dict()["sample"] is None
    assert "not found" in result.to_text()


def test_sample_only(sample_path: Path) -> None:
    result = run_benchmark(generated=0, repeat=1)
    assert result.generated is None
    assert result.sample is not None and bench.find_sample() == sample_path
    assert result.to_dict()["generated"] is None
    assert "(none)" in result.to_text()
    assert result.flatness.pages == 1


def test_bad_sizes_are_usage_errors() -> None:
    with pytest.raises(UsageError):
        run_benchmark(generated=-1)
    with pytest.raises(UsageError):
        run_benchmark(repeat=0)
    with pytest.raises(UsageError):
        measure_flatness(["a", "b"])


def test_main_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--generated", "2", "--repeat", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["generated"]["pages"] == 2
