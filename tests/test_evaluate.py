"""The evaluation harness: metrics move the right way, by the right amounts.

Every case starts from the sample page's gold annotation, turns it into the parser's JSON
(a perfect prediction), and spoils that prediction in one way.
"""

from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from banmian.errors import GoldFormatError, NotANewspaperError
from banmian.evaluate import (
    METRIC_NAMES,
    EvalReport,
    Gold,
    PageEval,
    count_stray_spaces,
    evaluate_page,
    evaluate_paths,
    gold_from_dict,
    load_gold,
)
from banmian.model import Line, Page

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "000_288ad13e0e775b4e.gold.json"

Json = dict[str, Any]


@pytest.fixture(scope="module")
def gold_data() -> Json:
    data: Json = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def gold(gold_data: Json) -> Gold:
    return gold_from_dict(copy.deepcopy(gold_data), SAMPLE)


@pytest.fixture
def perfect(gold_data: Json) -> Json:
    return to_predicted(gold_data)


def to_predicted(gold_data: Json) -> Json:
    """The parser's JSON (``page_to_dict``) for a perfect parse of a gold page."""

    def page_ref(n: int | None) -> Json | None:
        return {"page": n} if n else None

    articles = []
    for i, a in enumerate(gold_data["articles"]):
        articles.append(
            {
                "id": f"a{i + 1}",
                **{k: a.get(k) for k in ("title", "kicker", "subtitle", "dateline", "byline")},
                "authors": [a["byline"]] if a.get("byline") else [],
                "continued_from": page_ref(a.get("continued_from")),
                "continues_to": page_ref(a.get("continues_to")),
                "paragraphs": [
                    {"type": p["type"], "text": p["text"], "lines": [1, 1], "rule": "test"}
                    for p in a["paragraphs"]
                ],
            }
        )
    return {
        "schema": "banmian.page",
        "version": 1,
        "paper": gold_data.get("paper"),
        "date": gold_data.get("date"),
        "page": gold_data.get("page"),
        "articles": articles,
        "unassigned": [],
        "warnings": [],
    }


def chars(article: Json) -> int:
    """Non-whitespace body characters of an article."""
    return sum(len(re.sub(r"\s+", "", p["text"])) for p in article["paragraphs"])


def breaks(article: Json) -> int:
    return len(article["paragraphs"]) - 1


def headings(article: Json) -> int:
    return sum(p["type"] == "heading" for p in article["paragraphs"])


def totals(data: Json) -> tuple[int, int, int, int]:
    """Articles, body chars, paragraph breaks and headings of a page."""
    arts = data["articles"]
    return (
        len(arts),
        sum(map(chars, arts)),
        sum(map(breaks, arts)),
        sum(map(headings, arts)),
    )


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def longest_paragraph(article: Json) -> int:
    return max(
        range(len(article["paragraphs"])), key=lambda j: len(article["paragraphs"][j]["text"])
    )


def assert_unchanged(result: PageEval, *except_: str) -> None:
    for name in METRIC_NAMES:
        if name in except_ or name.startswith("stray_spaces"):
            continue
        assert result.metrics[name] == 1.0, name


def test_identical_prediction_scores_one(gold: Gold, perfect: Json) -> None:
    result = evaluate_page(gold, perfect)
    m = result.metrics
    assert list(m) == list(METRIC_NAMES)
    assert_unchanged(result)
    assert m["stray_spaces"] == 0 and m["stray_spaces_per_10k"] == 0
    n = len(gold.articles)
    assert (result.gold_articles, result.predicted_articles, result.exact_articles) == (n, n, n)
    assert all(a.exact and not a.reasons for a in result.articles)


def test_sample_titles_hold_real_spaces_between_cjk(gold_data: Json) -> None:
    # What makes the zero above meaningful: the gold itself has such spaces, and they stay.
    assert any(count_stray_spaces(a["title"]) for a in gold_data["articles"])


def test_dropping_an_article(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n, total_chars, total_breaks, total_heads = totals(gold_data)
    k = max(range(n), key=lambda i: headings(gold_data["articles"][i]))
    dropped = gold_data["articles"][k]
    del perfect["articles"][k]
    result = evaluate_page(gold, perfect)
    m = result.metrics
    assert m["article_recall"] == pytest.approx((n - 1) / n)
    assert m["article_precision"] == 1.0
    assert m["article_f1"] == pytest.approx(2 * (n - 1) / (2 * n - 1))
    assert m["articles_exact"] == pytest.approx((n - 1) / n)
    for name in ("title", "kicker", "subtitle", "byline", "dateline"):
        assert m[f"{name}_accuracy"] == pytest.approx((n - 1) / n)
    g, b = chars(dropped), breaks(dropped)
    assert m["body_char_recall"] == pytest.approx((total_chars - g) / total_chars)
    assert m["body_char_f1"] == pytest.approx(2 * (total_chars - g) / (2 * total_chars - g))
    assert m["paragraph_break_f1"] == pytest.approx(2 * (total_breaks - b) / (2 * total_breaks - b))
    assert m["subhead_recall"] == pytest.approx((total_heads - headings(dropped)) / total_heads)
    assert result.articles[k].predicted_id is None
    assert result.articles[k].reasons[0].startswith("not found")
    assert result.exact_articles == n - 1


def test_changed_title(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n = len(gold_data["articles"])
    old = gold_data["articles"][1]["title"]
    perfect["articles"][1]["title"] = old[: len(old) // 2]
    result = evaluate_page(gold, perfect)
    assert result.metrics["title_accuracy"] == pytest.approx((n - 1) / n)
    assert result.metrics["articles_exact"] == pytest.approx((n - 1) / n)
    assert_unchanged(result, "title_accuracy", "articles_exact")
    assert result.articles[1].reasons == [f'title: got "{old[: len(old) // 2]}" want "{old}"']


def test_title_compared_exactly_but_surrounding_whitespace_ignored(
    gold: Gold, perfect: Json
) -> None:
    perfect["articles"][0]["title"] = "  " + perfect["articles"][0]["title"] + " \n"
    assert evaluate_page(gold, perfect).metrics["title_accuracy"] == 1.0


def test_split_paragraph(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n, _, total_breaks, _ = totals(gold_data)
    art = perfect["articles"][0]
    j = longest_paragraph(art)
    text = art["paragraphs"][j]["text"]
    half = len(text) // 2
    art["paragraphs"][j : j + 1] = [
        {"type": "text", "text": text[:half]},
        {"type": "text", "text": text[half:]},
    ]
    result = evaluate_page(gold, perfect)
    m = result.metrics
    assert m["paragraph_break_f1"] == pytest.approx(2 * total_breaks / (2 * total_breaks + 1))
    assert m["body_char_f1"] == 1.0
    assert m["articles_exact"] == pytest.approx((n - 1) / n)
    want = len(gold_data["articles"][0]["paragraphs"])
    assert result.articles[0].reasons == [f"paragraphs: got {want + 1} want {want}"]


def test_moved_paragraph_break(gold: Gold, gold_data: Json, perfect: Json) -> None:
    _, _, total_breaks, _ = totals(gold_data)
    paragraphs = perfect["articles"][0]["paragraphs"]
    first, second = paragraphs[0]["text"], paragraphs[1]["text"]
    paragraphs[0]["text"], paragraphs[1]["text"] = first[:-3], first[-3:] + second
    result = evaluate_page(gold, perfect)
    assert result.metrics["paragraph_break_f1"] == pytest.approx((total_breaks - 1) / total_breaks)
    assert result.metrics["body_char_f1"] == 1.0
    assert result.articles[0].reasons == [
        f"paragraph breaks: 1 of {breaks(gold_data['articles'][0])} elsewhere"
    ]


def test_stray_space_in_body(gold: Gold, perfect: Json) -> None:
    paragraph = perfect["articles"][1]["paragraphs"][0]
    text = paragraph["text"]
    at = next(i for i in range(1, len(text)) if is_han(text[i - 1]) and is_han(text[i]))
    paragraph["text"] = text[:at] + " " + text[at:]
    result = evaluate_page(gold, perfect)
    m = result.metrics
    assert m["stray_spaces"] == 1
    predicted_chars = result.tally.predicted_chars
    assert m["stray_spaces_per_10k"] == pytest.approx(10_000 / predicted_chars)
    # Bodies are compared without whitespace: the space costs nothing else.
    assert_unchanged(result)


def test_space_between_latin_letters_is_not_stray(gold: Gold, perfect: Json) -> None:
    for art in perfect["articles"]:
        for paragraph in art["paragraphs"]:
            found = re.search(r"[A-Za-z]{2}", paragraph["text"])
            if found:
                at = found.start() + 1
                paragraph["text"] = paragraph["text"][:at] + " " + paragraph["text"][at:]
    assert evaluate_page(gold, perfect).metrics["stray_spaces"] == 0


def test_stray_space_in_title(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n = len(gold_data["articles"])
    k = next(i for i, a in enumerate(gold_data["articles"]) if " " not in a["title"])
    title = perfect["articles"][k]["title"]
    perfect["articles"][k]["title"] = title[:2] + " " + title[2:]
    result = evaluate_page(gold, perfect)
    assert result.metrics["stray_spaces"] == 1
    assert result.metrics["title_accuracy"] == pytest.approx((n - 1) / n)
    assert result.articles[k].reasons[0].startswith("title: got")


def test_merged_articles(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n, total_chars, total_breaks, _ = totals(gold_data)
    first, second = gold_data["articles"][1], gold_data["articles"][2]
    kept, lost = (1, second) if chars(first) >= chars(second) else (2, first)
    merged = copy.deepcopy(perfect["articles"][kept])
    merged["paragraphs"] = (
        perfect["articles"][1]["paragraphs"] + perfect["articles"][2]["paragraphs"]
    )
    perfect["articles"][1:3] = [merged]
    result = evaluate_page(gold, perfect)
    m = result.metrics
    assert result.predicted_articles == n - 1
    assert m["article_precision"] == 1.0
    assert m["article_recall"] == pytest.approx((n - 1) / n)
    assert m["articles_exact"] == pytest.approx((n - 2) / n)
    assert m["body_char_recall"] == pytest.approx((total_chars - chars(lost)) / total_chars)
    assert m["body_char_precision"] == pytest.approx((total_chars - chars(lost)) / total_chars)
    lost_breaks = breaks(lost)
    assert m["paragraph_break_f1"] == pytest.approx(
        2 * (total_breaks - lost_breaks) / (2 * total_breaks + 1)
    )
    assert m["title_accuracy"] == pytest.approx((n - 1) / n)
    reasons = result.articles[kept].reasons
    assert reasons[0].startswith("body F1 0.")
    assert reasons[1].startswith("paragraphs: got")
    assert result.articles[3 - kept].reasons[0].startswith("not found (best: ")


def test_one_changed_character_keeps_article_exact(
    gold: Gold, gold_data: Json, perfect: Json
) -> None:
    _, total_chars, _, _ = totals(gold_data)
    paragraph = perfect["articles"][0]["paragraphs"][longest_paragraph(perfect["articles"][0])]
    paragraph["text"] = "＊" + paragraph["text"][1:]
    result = evaluate_page(gold, perfect)
    assert result.metrics["body_char_f1"] == pytest.approx((total_chars - 1) / total_chars)
    assert result.metrics["articles_exact"] == 1.0


def test_half_a_body_lost_is_not_exact(gold: Gold, gold_data: Json, perfect: Json) -> None:
    art = perfect["articles"][0]
    j = longest_paragraph(art)
    text = art["paragraphs"][j]["text"]
    art["paragraphs"][j]["text"] = text[: len(text) // 4]
    result = evaluate_page(gold, perfect)
    assert result.articles[0].reasons[0].startswith("body F1 0.")
    assert result.metrics["articles_exact"] < 1.0


def test_continuations(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n = len(gold_data["articles"])
    k = next(i for i, a in enumerate(gold_data["articles"]) if a.get("continued_from"))
    page = gold_data["articles"][k]["continued_from"]
    perfect["articles"][k]["continued_from"] = None
    perfect["articles"][0]["continues_to"] = {"page": 3}
    result = evaluate_page(gold, perfect)
    assert result.metrics["articles_exact"] == pytest.approx((n - 2) / n)
    assert result.articles[k].reasons == [f"continued_from: got null want {page}"]
    assert result.articles[0].reasons == ["continues_to: got 3 want null"]


def test_kicker_subtitle_dateline_scored_apart_from_exactness(
    gold: Gold, gold_data: Json, perfect: Json
) -> None:
    n = len(gold_data["articles"])
    perfect["articles"][0]["kicker"] = None
    perfect["articles"][0]["subtitle"] = "——" + str(perfect["articles"][0]["title"])
    perfect["articles"][1]["dateline"] = "新华社北京12月9日电"
    result = evaluate_page(gold, perfect)
    for name in ("kicker", "subtitle", "dateline"):
        assert result.metrics[f"{name}_accuracy"] == pytest.approx((n - 1) / n)
    assert result.metrics["articles_exact"] == 1.0


def test_byline_counts_and_makes_inexact(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n = len(gold_data["articles"])
    perfect["articles"][0]["byline"] = None
    result = evaluate_page(gold, perfect)
    assert result.metrics["byline_accuracy"] == pytest.approx((n - 1) / n)
    assert result.metrics["articles_exact"] == pytest.approx((n - 1) / n)


def test_subhead_taken_for_text(gold: Gold, gold_data: Json, perfect: Json) -> None:
    total_heads = totals(gold_data)[3]
    heading = next(
        p for a in perfect["articles"] for p in a["paragraphs"] if p["type"] == "heading"
    )
    heading["type"] = "text"
    result = evaluate_page(gold, perfect)
    assert result.metrics["subhead_recall"] == pytest.approx((total_heads - 1) / total_heads)
    assert_unchanged(result, "subhead_recall")


def test_stray_space_in_subhead_costs_no_recall(gold: Gold, perfect: Json) -> None:
    heading = next(
        p for a in perfect["articles"] for p in a["paragraphs"] if p["type"] == "heading"
    )
    heading["text"] = heading["text"][:2] + " " + heading["text"][2:]
    result = evaluate_page(gold, perfect)
    assert result.metrics["stray_spaces"] == 1
    assert_unchanged(result)


def test_spurious_article_lowers_precision_only(gold: Gold, gold_data: Json, perfect: Json) -> None:
    n, total_chars, _, _ = totals(gold_data)
    spurious = {
        "title": "责任编辑",
        "paragraphs": [{"type": "text", "text": "校对：某某 美编：某某"}],
    }
    perfect["articles"].append(spurious)
    result = evaluate_page(gold, perfect)
    m = result.metrics
    assert m["article_precision"] == pytest.approx(n / (n + 1))
    assert m["article_recall"] == 1.0
    assert m["body_char_precision"] == pytest.approx(total_chars / (total_chars + 10))
    assert m["articles_exact"] == 1.0


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("12月 7日", 1),
        ("于 2022年 12月 8日上午 10时", 4),
        ("参 访 BWM", 1),
        ("CCI Paris", 0),
        ("提升治理之效 筑牢平安之基", 1),
        (" 本报讯 近日", 1),
        ("1.9亿美元", 0),
        ("Windows 11", 0),
        ("发展，  同时", 1),
    ],
)
def test_count_stray_spaces(text: str, stray: int) -> None:
    assert count_stray_spaces(text) == stray


def test_load_gold_resolves_source(gold_data: Json) -> None:
    gold = load_gold(SAMPLE)
    assert gold.source == SAMPLE.parent / gold_data["source"]
    assert gold.source.is_file()
    assert len(gold.articles) == len(gold_data["articles"])
    assert gold.page == gold_data["page"]


def _break(data: Json, how: str) -> object:
    if how == "list":
        return data["articles"]
    if how == "no articles":
        del data["articles"]
    elif how == "no source":
        del data["source"]
    elif how == "articles not a list":
        data["articles"] = {"a": 1}
    elif how == "no title":
        del data["articles"][3]["title"]
    elif how == "no paragraphs":
        del data["articles"][3]["paragraphs"]
    elif how == "paragraph without text":
        del data["articles"][3]["paragraphs"][1]["text"]
    elif how == "paragraph of unknown type":
        data["articles"][3]["paragraphs"][1]["type"] = "sidebar"
    elif how == "page not a number":
        data["page"] = "二"
    elif how == "byline a list":
        data["articles"][0]["byline"] = ["张三"]
    elif how == "article a string":
        data["articles"][0] = "这张招商成绩单"
    return data


@pytest.mark.parametrize(
    "how",
    [
        "list",
        "no articles",
        "no source",
        "articles not a list",
        "no title",
        "no paragraphs",
        "paragraph without text",
        "paragraph of unknown type",
        "page not a number",
        "byline a list",
        "article a string",
    ],
)
def test_malformed_gold(tmp_path: Path, gold_data: Json, how: str) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(json.dumps(_break(copy.deepcopy(gold_data), how)), encoding="utf-8")
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    message = str(info.value)
    assert "\n" not in message and "bad.gold.json" in message


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"source": "x.txt", "articles": [}', "无锡".encode("gb18030")],
)
def test_unreadable_gold(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_bytes(content)
    with pytest.raises(GoldFormatError, match=r"^[^\n]*bad\.gold\.json[^\n]*$"):
        load_gold(path)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError):
        load_gold(tmp_path / "none.gold.json")


def _gold_dir(tmp_path: Path, gold_data: Json) -> Path:
    (tmp_path / "page.txt").write_text("本报讯 近日。\n", encoding="utf-8")
    data = dict(gold_data, source="page.txt")
    path = tmp_path / "page.gold.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_evaluate_paths_with_a_parser(tmp_path: Path, gold_data: Json) -> None:
    path = _gold_dir(tmp_path, gold_data)
    seen: list[Path] = []

    def parse(source: Path) -> Json:
        seen.append(source)
        return to_predicted(gold_data)

    report = evaluate_paths([tmp_path, path], parse=parse)
    assert seen == [tmp_path / "page.txt"]  # the folder and the file name one page
    assert isinstance(report, EvalReport) and len(report.pages) == 1
    assert report.metrics["articles_exact"] == 1.0
    n = len(gold_data["articles"])
    text = report.to_text()
    for name in METRIC_NAMES:
        assert re.search(rf"^{name} +\S", text, re.MULTILINE), name
    assert re.search(rf"^{re.escape(str(path))} +{n} +{n} +{n}/{n}$", text, re.MULTILINE)
    as_dict = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert as_dict["metrics"] == report.metrics
    assert as_dict["pages"][0]["exact_articles"] == n


def test_report_text_lists_reasons_when_verbose(tmp_path: Path, gold_data: Json) -> None:
    path = _gold_dir(tmp_path, gold_data)
    predicted = to_predicted(gold_data)
    predicted["articles"][0]["byline"] = "某某"
    report = evaluate_paths([path], parse=lambda _: predicted)
    n = len(gold_data["articles"])
    assert f"{n - 1}/{n}" in report.to_text()
    assert 'byline: got "某某"' not in report.to_text()
    assert 'byline: got "某某"' in report.to_text(verbose=True)


def test_micro_average_over_pages(tmp_path: Path, gold_data: Json) -> None:
    for name in ("one", "two"):
        sub = tmp_path / name
        sub.mkdir()
        _gold_dir(sub, gold_data)
    n = len(gold_data["articles"])

    def parse(source: Path) -> Json:
        predicted = to_predicted(gold_data)
        if source.parent.name == "two":
            del predicted["articles"][0]
        return predicted

    report = evaluate_paths([tmp_path / "one", tmp_path / "two"], parse=parse)
    assert report.metrics["article_recall"] == pytest.approx((2 * n - 1) / (2 * n))
    assert [p.exact_articles for p in report.pages] == [n, n - 1]


def test_default_parser_gets_paper_date_and_page(
    tmp_path: Path, gold_data: Json, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _gold_dir(tmp_path, gold_data)
    calls: list[tuple[Path, str | None, str | None, int | None]] = []

    def fake_parse_file(
        source: Path, *, paper: str | None, date: str | None, page: int | None
    ) -> Page:
        calls.append((source, paper, date, page))
        return Page(lines=[Line(1, "x")], paper=paper, date=date, page=page)

    monkeypatch.setattr("banmian.evaluate.report.parse_file", fake_parse_file)
    report = evaluate_paths([path])
    assert calls == [
        (tmp_path / "page.txt", gold_data["paper"], gold_data["date"], gold_data["page"])
    ]
    assert report.metrics["article_recall"] == 0.0
    assert report.metrics["article_precision"] == 1.0  # nothing predicted, nothing wrong


def test_parser_error_counts_as_a_page_without_articles(tmp_path: Path, gold_data: Json) -> None:
    path = _gold_dir(tmp_path, gold_data)

    def parse(source: Path) -> Json:
        raise NotANewspaperError("nothing article-like found")

    report = evaluate_paths([path], parse=parse)
    assert report.pages[0].error == "nothing article-like found"
    assert report.metrics["article_recall"] == 0.0
    assert "parser error: nothing article-like found" in report.to_text()


def test_missing_source_and_empty_folder(tmp_path: Path, gold_data: Json) -> None:
    with pytest.raises(GoldFormatError, match=re.escape("no *.gold.json")):
        evaluate_paths([tmp_path])
    path = _gold_dir(tmp_path, gold_data)
    (tmp_path / "page.txt").unlink()
    with pytest.raises(GoldFormatError, match="not found"):
        evaluate_paths([path], parse=lambda _: {"articles": []})


def test_the_pipeline_runs_under_evaluation() -> None:
    report = evaluate_paths([SAMPLE.parent])
    assert all(0.0 <= report.metrics[name] <= 1.0 for name in METRIC_NAMES[:-2])


def test_evaluation_is_fast(gold: Gold, perfect: Json) -> None:
    spoiled = copy.deepcopy(perfect)
    spoiled["articles"][1]["paragraphs"] += spoiled["articles"].pop(2)["paragraphs"]
    pieces = [
        {"title": None, "paragraphs": [p]} for a in perfect["articles"] for p in a["paragraphs"]
    ]
    start = time.perf_counter()
    for predicted in (perfect, spoiled, {"articles": pieces}):
        evaluate_page(gold, predicted)
    assert time.perf_counter() - start < 1.0
