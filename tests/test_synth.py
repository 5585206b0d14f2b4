"""The synthetic page generator: determinism, gold that accounts for every character,
options honoured, and every form of DOMAIN.md showing up over a few hundred seeds."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest

from banmian.errors import UsageError
from banmian.synth import SynthPage, generate_page, generate_pages, page_seeds, synthesize

SEEDS = range(300)
PAGE = "[0-9一二三四五六七八九十]+"
MARKER = re.compile(f"（[上下][接转]第{PAGE}版）|^[ \t]*下?转第{PAGE}版[ \t]*$", re.M)
REPORTED = re.compile(r"(?m)(?<=\S) +报道[ \t]*$")  # 记者 张三 报道
CONSUMED = str.maketrans("", "", "（）—▲■●□")  # brackets, ——, □ and subhead marks
ARTIFACT_SWITCHES: dict[str, Any] = {
    "column_breaks": False,
    "stray_spaces": False,
    "leading_spaces": False,
    "indent_drop": False,
    "hanging_punctuation": False,
}


@cache
def default_page(seed: int) -> SynthPage:
    """Page ``seed`` with default options, made once for all the tests that read it."""
    return synthesize(seed)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def gold_strings(gold: dict[str, Any]) -> Iterator[str]:
    for art in gold["articles"]:
        for key in ("kicker", "title", "subtitle", "dateline", "byline"):
            if art[key]:
                yield art[key]
        for par in art["paragraphs"]:
            yield par["text"]
        yield from art["endnotes"]
    yield from gold["unassigned"]


def width(line: str) -> float:
    """Display width in em: ideographs 1, punctuation, ASCII ½, spaces 0."""
    return sum(0 if c == " " else 1 if "\u4e00" <= c <= "\u9fff" else 0.5 for c in line)


def text_paragraphs(gold: dict[str, Any]) -> Iterator[str]:
    for art in gold["articles"]:
        for par in art["paragraphs"]:
            if par["type"] == "text":
                yield par["text"]


# --- determinism and format ---------------------------------------------------------------


def test_same_seed_same_page() -> None:
    for seed in (0, 1, 17, 2**40 + 3):
        assert generate_page(seed) == generate_page(seed)
    assert generate_page(1) != generate_page(2)


def test_generate_pages_is_deterministic_and_prefix_stable() -> None:
    first = list(generate_pages(5, seed=9))
    assert first == list(generate_pages(5, seed=9))
    assert first[:3] == list(generate_pages(3, seed=9))
    assert first != list(generate_pages(5, seed=10))
    assert [generate_page(s) for s in page_seeds(5, 9)] == first


def test_gold_has_the_sample_format() -> None:
    article_keys = [
        "id", "kicker", "title", "subtitle", "dateline", "byline", "authors",
        "continued_from", "continues_to", "endnotes", "paragraphs",
    ]  # fmt: skip
    for seed in range(50):
        text, gold = generate_page(seed)
        assert text.endswith("\n") and text.strip()
        assert {"source", "paper", "date", "page", "articles", "unassigned"} <= gold.keys()
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", gold["date"])
        assert isinstance(gold["page"], int) and gold["page"] >= 1
        ids = [a["id"] for a in gold["articles"]]
        assert ids == [f"a{i}" for i in range(1, len(ids) + 1)]
        for art in gold["articles"]:
            assert list(art) == article_keys
            assert art["title"]
            assert art["paragraphs"] and all(p["text"] for p in art["paragraphs"])
            assert {p["type"] for p in art["paragraphs"]} <= {"text", "heading", "caption"}
            for key in ("continued_from", "continues_to"):
                assert art[key] is None or isinstance(art[key], int)
            if art["authors"]:
                assert all(name in art["byline"].replace(" ", "") for name in art["authors"])
            for par in art["paragraphs"]:
                assert not re.search(r"(?<![0-9A-Za-z]) | (?![0-9A-Za-z])", par["text"])
                if par["type"] == "heading":
                    assert par["text"][0] not in "■●▲"
        assert all(isinstance(u, str) and "  " not in u for u in gold["unassigned"])


def test_gold_reads_with_the_project_gold_reader() -> None:
    gold_module = pytest.importorskip("banmian.evaluate.gold")
    for seed in range(20):
        gold = generate_page(seed)[1]
        loaded = gold_module.gold_from_dict(gold, Path("synth.gold.json"))
        assert len(loaded.articles) == len(gold["articles"])


def test_options_are_checked() -> None:
    with pytest.raises(UsageError):
        generate_page(0, column_width=3)
    with pytest.raises(UsageError):
        generate_page(0, articles=0)


# --- the gold accounts for the raw text ----------------------------------------------------


@pytest.mark.parametrize("options", [{}, ARTIFACT_SWITCHES, {"column_width": 11}])
def test_every_character_is_accounted_for(options: dict[str, Any]) -> None:
    for seed in SEEDS:
        page = synthesize(seed, **options) if options else default_page(seed)
        text, gold = page.text, page.gold
        markers = MARKER.findall(text)
        continued = sum(
            bool(a["continued_from"]) + bool(a["continues_to"]) for a in gold["articles"]
        )
        assert len(markers) == continued, seed
        raw = Counter(squeeze(REPORTED.sub("", MARKER.sub("", text))).translate(CONSUMED))
        annotated = Counter(squeeze("".join(gold_strings(gold))).translate(CONSUMED))
        assert raw == annotated, (seed, raw - annotated, annotated - raw)


def test_paragraphs_are_contiguous_runs_of_the_raw_text() -> None:
    for seed in SEEDS:
        page = default_page(seed)
        flat = squeeze(page.text)
        for art in page.gold["articles"]:
            for par in art["paragraphs"]:
                assert squeeze(par["text"]) in flat, (seed, par["text"][:20])


def test_dateline_reporters_make_the_byline() -> None:
    seen: Counter[str] = Counter()
    for seed in SEEDS:
        page = default_page(seed)
        flat = squeeze(page.text)
        for art in page.gold["articles"]:
            if not art["dateline"]:
                continue
            opening = next(p["text"] for p in art["paragraphs"] if p["type"] == "text")
            before = flat[: flat.index(squeeze(opening))]
            reporters = re.search(r"（([^（）]+)）$", before)
            if reporters:
                before = before[: reporters.start()]
                assert squeeze(art["byline"]).startswith(reporters[1]), (seed, art["id"])
                seen["both" if squeeze(art["byline"]) != reporters[1] else "reporters"] += 1
            else:
                seen["bare"] += 1
            assert before.endswith(squeeze(art["dateline"])), (seed, art["id"])
    assert seen["reporters"] > 100 and seen["bare"] > 100 and seen["both"] > 3, seen


# --- options are honoured -----------------------------------------------------------------


@pytest.mark.parametrize("column_width", [11, 16, 24])
def test_column_width_is_measured_back(column_width: int) -> None:
    for seed in range(20):
        text, _ = generate_page(seed, column_width=column_width)
        widths = Counter(width(line) for line in text.splitlines() if line.strip())
        most_common = widths.most_common(1)[0][0]
        assert column_width - 0.5 <= most_common <= column_width + 1, (seed, widths)


@pytest.mark.parametrize("count", [1, 7, 15])
def test_article_count(count: int) -> None:
    for seed in range(10):
        assert len(generate_page(seed, articles=count)[1]["articles"]) == count


@pytest.mark.parametrize("placement", ["before", "after"])
def test_headline_placement(placement: str) -> None:
    checked = 0
    for seed in range(60):
        page = synthesize(seed, headline_placement=placement)  # type: ignore[arg-type]
        lines = [line.strip() for line in page.text.splitlines()]
        line_ends = list(accumulate(len(squeeze(line)) for line in lines))
        flat = squeeze(page.text)
        for art in page.gold["articles"]:
            title = art["title"]
            if " " in title or title.endswith("同志逝世") or title not in lines:
                continue  # parallel or spaced titles, obituaries (always before)
            title_at = lines.index(title)
            last_paragraph_at = flat.index(squeeze(art["paragraphs"][-1]["text"]))
            body_at = bisect_right(line_ends, last_paragraph_at)
            assert (title_at < body_at) == (placement == "before"), (seed, title)
            checked += 1
    assert checked > 50


def test_artifact_switches_change_the_text_not_the_gold() -> None:
    for seed in range(40):
        gold = default_page(seed).gold
        for key, value in ARTIFACT_SWITCHES.items():
            assert generate_page(seed, **{key: value})[1] == gold, (seed, key)
        assert generate_page(seed, column_width=13)[1] == gold
        assert generate_page(seed, headline_placement="before")[1] == gold


def test_without_artifacts_paragraphs_print_verbatim() -> None:
    for seed in range(60):
        text, gold = generate_page(seed, fullwidth=False, **ARTIFACT_SWITCHES)
        lines = text.splitlines()
        assert not any(line.startswith(" ") for line in lines)
        blocks = [squeeze(b) for b in re.split(r"\n\s*\n", text)]
        joined = "".join(line.strip() for line in lines)
        for par in text_paragraphs(gold):
            assert par in joined, (seed, par[:20])
            assert any(squeeze(par) in block for block in blocks), (seed, par[:20])


def test_artifacts_appear_when_on() -> None:
    stray = leading = split_by_break = 0
    for seed in range(100):
        text, gold = default_page(seed).text, default_page(seed).gold
        lines = text.splitlines()
        leading += sum(line.startswith(" ") for line in lines)
        stray += len(re.findall(r"[\u4e00-\u9fff] +[0-9]|[0-9] +[\u4e00-\u9fff]", text))
        blocks = [squeeze(b) for b in re.split(r"\n\s*\n", text)]
        for par in text_paragraphs(gold):
            split_by_break += not any(squeeze(par) in block for block in blocks)
    assert stray > 100 and leading > 50 and split_by_break > 100


def test_content_switches() -> None:
    for seed in range(40):
        _, gold = generate_page(
            seed, furniture=False, captions=False, continuations=False, subheads=False
        )
        assert gold["unassigned"] == []
        for art in gold["articles"]:
            assert {p["type"] for p in art["paragraphs"]} == {"text"}
            assert art["continued_from"] is None and art["continues_to"] is None
        assert "lead" in synthesize(seed, detached_lead=True).forms
        assert "lead" not in synthesize(seed, detached_lead=False).forms


# --- every form shows up ------------------------------------------------------------------


def test_every_form_appears_over_a_few_hundred_seeds() -> None:
    forms: Counter[str] = Counter()
    for page in map(default_page, SEEDS):
        forms.update(page.forms)
    expected = {
        "dateline:none", "dateline:plain", "dateline:reporters", "dateline:dated",
        "dateline:xinhua", "dateline:xinhua-reporters", "dateline:xun", "byline:glued",
        "byline:own-line", "byline:standalone", "byline:both", "byline:padded", "endnote",
        "marker:bare", "fullwidth",
        "title:single", "title:wrapped", "title:parallel", "kicker", "kicker:dash",
        "subtitle", "caption", "continued_from", "continues_to", "marker:arabic", "marker:cn",
        "furniture", "lead", "obituary", "headline:before", "headline:after",
        "placement:after", "placement:before", "placement:mixed",
        "subhead:0", "subhead:1", "subhead:2", "subhead:3", "subhead:4",
    }  # fmt: skip
    assert expected <= forms.keys(), expected - forms.keys()
    assert all(forms[f] >= 5 for f in expected), forms


def test_forms_are_visible_in_the_raw_text() -> None:
    found: Counter[str] = Counter()
    patterns = {
        "glued byline": r"(?m)\S （[^（）]+）$",
        "own-line byline": r"(?m)^\s*（(?![上下][接转])[^（）]+）$",
        "arabic marker": r"（[上下][接转]第[0-9]+版）",
        "chinese marker": r"（[上下][接转]第[一二三四五六七八九十]+版）",
        "dated dateline": r"本报\S*\d+月\s*\d+日电（记者 ",
        "xinhua pair": r"新华社\S+电（记者 \S+、\S+）",
        "reporters": r"本报讯（记者 \S+ 通讯员 \S+）",
        "caption": r"(?m)^▲|^图为",
        "subhead mark": r"(?m)^[■●▲]\S+，\S+$",
        "numbered subhead": r"(?m)^[一二三四五六七八九十]+、",
        "subtitle": r"(?m)^——",
        "running head": r"\d{4}年\d+月\d+日\s+星期[一二三四五六日]",
        "editor credits": r"责任编辑：",
        "spaced date": r"\d+月 \d+日",
    }
    for text, gold in generate_pages(300, seed=5):
        for name, pattern in patterns.items():
            found[name] += bool(re.search(pattern, text))
        lines = [line.strip() for line in text.splitlines()]
        for art in gold["articles"]:
            first, _, second = art["title"].partition(" ")
            if second and first in lines and lines[lines.index(first) + 1] == second:
                found["parallel title"] += 1
    missing = [name for name in [*patterns, "parallel title"] if found[name] < 3]
    assert not missing, found
