"""Quality floors: the parser's scores on gold pages may not drop below these.

Like trafilatura's evaluation gate: each floor is a measured value rounded down, so a
change that makes the parser worse fails here, and raising a floor is a deliberate edit.
Never lower one to make a change pass; fix the change or say in the commit why the old
floor measured something wrong.

Three corpora: the bundled real sample page (the issue asks for all 11 articles exact and
no stray space), our own hand-made test pages of other papers and layouts, and generated
pages (``banmian.synth``), which vary widths and forms at random.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from banmian import parse_text
from banmian.evaluate import (
    EvalReport,
    evaluate_page,
    evaluate_paths,
    gold_from_dict,
    load_gold,
)
from banmian.serialize.json import page_to_dict
from banmian.synth import generate_pages

REPO = Path(__file__).resolve().parents[1]

SAMPLE_FLOORS = {
    "articles_exact": 1.0,
    "article_f1": 1.0,
    "body_char_f1": 0.999,
    "title_accuracy": 1.0,
    "kicker_accuracy": 1.0,
    "byline_accuracy": 1.0,
    "dateline_accuracy": 1.0,
    "paragraph_break_f1": 1.0,
    "subhead_recall": 1.0,
}
TEST_PAGE_FLOORS = {
    "articles_exact": 0.90,
    "article_f1": 0.99,
    "body_char_f1": 0.985,
    "title_accuracy": 0.95,
    "kicker_accuracy": 0.98,
    "subtitle_accuracy": 0.98,
    "byline_accuracy": 0.98,
    "dateline_accuracy": 0.98,
    "paragraph_break_f1": 0.96,
    "subhead_recall": 0.87,
}
HOLDOUT_FLOORS = {
    "articles_exact": 0.91,
    "article_f1": 1.0,
    "body_char_f1": 0.995,
    "title_accuracy": 0.97,
    "kicker_accuracy": 1.0,
    "byline_accuracy": 1.0,
    "dateline_accuracy": 1.0,
    "paragraph_break_f1": 0.96,
}
"""tests/pages_holdout was written without looking at the parser; on first contact it
scored 19/37 articles exact (0.514). The general fixes it prompted are in; keep it up."""
HOLDOUT2_FLOORS = {
    "articles_exact": 0.94,
    "article_f1": 1.0,
    "body_char_f1": 0.999,
    "title_accuracy": 1.0,
    "kicker_accuracy": 1.0,
    "byline_accuracy": 0.97,
    "dateline_accuracy": 1.0,
    "paragraph_break_f1": 0.99,
}
"""tests/pages_holdout2, the second hold-out batch: 21/38 exact (0.553) on first contact."""
GENERATED_PAGES = 60
GENERATED_FLOORS = {
    "articles_exact": 0.59,
    "article_f1": 0.95,
    "body_char_f1": 0.955,
    "title_accuracy": 0.73,
    "byline_accuracy": 0.90,
    "dateline_accuracy": 0.93,
    "paragraph_break_f1": 0.92,
    "subhead_recall": 0.90,
}
MAX_STRAY_SPACES_PER_10K = {
    "sample": 0.0,
    "test pages": 0.0,
    "holdout": 0.0,
    "holdout2": 0.0,
    "generated": 0.5,
}


@pytest.fixture(scope="module")
def sample_report() -> EvalReport:
    return evaluate_paths([REPO / "samples"])


@pytest.fixture(scope="module")
def test_pages_report() -> EvalReport:
    return evaluate_paths([REPO / "tests" / "pages"])


@pytest.fixture(scope="module")
def holdout_report() -> EvalReport:
    return evaluate_paths([REPO / "tests" / "pages_holdout"])


@pytest.fixture(scope="module")
def holdout2_report() -> EvalReport:
    return evaluate_paths([REPO / "tests" / "pages_holdout2"])


@pytest.fixture(scope="module")
def generated_report() -> EvalReport:
    report = EvalReport()
    for i, (text, gold) in enumerate(generate_pages(GENERATED_PAGES, seed=1000)):
        page = evaluate_page(
            gold_from_dict(gold, REPO / f"generated-{i}.gold.json"), page_to_dict(parse_text(text))
        )
        report.pages.append(page)
    return report


def _check(report: EvalReport, floors: dict[str, float], stray_key: str) -> None:
    metrics = report.metrics
    below = {k: (round(metrics[k], 4), floor) for k, floor in floors.items() if metrics[k] < floor}
    assert not below, f"metrics below their floor (got, floor): {below}"
    assert metrics["stray_spaces_per_10k"] <= MAX_STRAY_SPACES_PER_10K[stray_key]


def test_sample_page_floors(sample_report: EvalReport) -> None:
    _check(sample_report, SAMPLE_FLOORS, "sample")
    assert sample_report.metrics["stray_spaces"] == 0
    assert [p.exact_articles for p in sample_report.pages] == [11]


def test_test_page_floors(test_pages_report: EvalReport) -> None:
    assert len(test_pages_report.pages) >= 12
    _check(test_pages_report, TEST_PAGE_FLOORS, "test pages")


def test_holdout_page_floors(holdout_report: EvalReport) -> None:
    assert len(holdout_report.pages) >= 6
    _check(holdout_report, HOLDOUT_FLOORS, "holdout")


def test_second_holdout_page_floors(holdout2_report: EvalReport) -> None:
    assert len(holdout2_report.pages) >= 6
    _check(holdout2_report, HOLDOUT2_FLOORS, "holdout2")


def test_generated_page_floors(generated_report: EvalReport) -> None:
    _check(generated_report, GENERATED_FLOORS, "generated")


def test_floors_can_fail() -> None:
    """The gate itself works: a prediction missing an article falls below its floor."""
    gold = load_gold(REPO / "samples" / "000_288ad13e0e775b4e.gold.json")
    predicted = page_to_dict(parse_text(gold.source.read_text(encoding="utf-8")))
    predicted["articles"] = predicted["articles"][1:]
    worse = EvalReport([evaluate_page(gold, predicted)])
    with pytest.raises(AssertionError, match="below their floor"):
        _check(worse, SAMPLE_FLOORS, "sample")
