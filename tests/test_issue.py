"""Whole issues: continuations linked across pages (banmian.issue), generated issues
(banmian.issuegen), their scores (banmian.evaluate.links) and ``banmian parse --issue``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from banmian import parse_file
from banmian.cli import cli
from banmian.evaluate.links import score_issues
from banmian.issue import (
    ISSUE_SERIALIZERS,
    Issue,
    LinkBasis,
    issue_to_dict,
    link_issue,
)
from banmian.issue.titles import clean_title, title_similarity
from banmian.issuegen import SynthIssue, generate_issue, issue_seeds
from banmian.model import Article, Field, Page, Paragraph, ParagraphType, Span

PAGES = Path(__file__).parent / "pages"

REAL_PAIRS = [
    # (first page, its number, continuation page, its number, paper, date)
    ("p08_zhejiang_1ban", 1, "p10_zhejiang_3ban", 3, "浙江日报", "2024-01-15"),
    ("p06_haining_yaowen", 1, "p11_haining_zonghe", 2, "海宁日报", "2023-12-12"),
]

ISSUES = 30
"""Generated issues scored."""
PARSED_PRECISION_FLOOR = 0.95
"""Links right among those made, parsing generated pages (0.957 measured on 30 issues)."""
PARSED_RECALL_FLOOR = 0.89
"""Gold links found, parsing generated pages (0.892 measured on 30 issues)."""
PDF_PRECISION_FLOOR = 0.98
"""Links right among those made, reading the same issues as PDF pages (0.986 measured)."""
PDF_RECALL_FLOOR = 0.97
"""Gold links found, reading the same issues as PDF pages (0.973 measured)."""


def _gold_links(first: str, second: str, first_page: int, second_page: int) -> set[str]:
    one = json.loads((PAGES / f"{first}.gold.json").read_text(encoding="utf-8"))
    two = json.loads((PAGES / f"{second}.gold.json").read_text(encoding="utf-8"))
    jumps = {a["title"] for a in one["articles"] if a["continues_to"] == second_page}
    rests = {a["title"] for a in two["articles"] if a["continued_from"] == first_page}
    return jumps & rests


@pytest.mark.parametrize(("first", "n1", "second", "n2", "paper", "date"), REAL_PAIRS)
def test_real_pairs_link(first: str, n1: int, second: str, n2: int, paper: str, date: str) -> None:
    pages = [
        parse_file(PAGES / f"{first}.txt", paper=paper, date=date, page=n1),
        parse_file(PAGES / f"{second}.txt", paper=paper, date=date, page=n2),
    ]
    issue = link_issue(pages)
    assert issue.check_each_article_once() == []
    linked = {a.first.title.text for a in issue.articles if len(a.parts) > 1 and a.first.title}
    assert linked == _gold_links(first, second, n1, n2)
    assert all(link.basis is LinkBasis.TITLE for link in issue.links)
    total = sum(len(p.articles) for p in pages)
    assert len(issue.articles) == total - len(issue.links)


def test_real_pair_jump_to_missing_page_warns() -> None:
    """p08's second article jumps to page 4 (转第4版), which is not in the folder."""
    pages = [
        parse_file(PAGES / "p08_zhejiang_1ban.txt", page=1),
        parse_file(PAGES / "p10_zhejiang_3ban.txt", page=3),
    ]
    issue = link_issue(pages)
    codes = [(w.code, str(w.ref)) for w in issue.warnings]
    assert codes == [("continuation-page-missing", "p1/a2")]


def test_chinese_numeral_marker_links() -> None:
    """p11 opens with （上接第一版）; p06 ends with bare 下转第二版."""
    pages = [
        parse_file(PAGES / "p06_haining_yaowen.txt", page=1),
        parse_file(PAGES / "p11_haining_zonghe.txt", page=2),
    ]
    assert [(str(x.source), str(x.target)) for x in link_issue(pages).links] == [("p1/a1", "p2/a1")]


# --- the linker on hand-made pages --------------------------------------------------------

HERE = [Span(1, 0, 1)]


def _article(
    ident: str, title: str | None, *, came: int | None = None, goes: int | None = None
) -> Article:
    return Article(
        id=ident,
        title=Field(title, HERE, "test") if title else None,
        continued_from=came,
        continues_to=goes,
        paragraphs=[Paragraph(ParagraphType.TEXT, f"{ident} text", HERE, "test")],
    )


def _page(number: int | None, *articles: Article) -> Page:
    return Page(lines=[], page=number, articles=list(articles))


def _links(issue: Issue) -> list[tuple[str, str, str]]:
    return [(str(x.source), str(x.target), x.basis.value) for x in issue.links]


def test_title_picks_the_right_part_among_several() -> None:
    issue = link_issue(
        [
            _page(
                1,
                _article("a1", "全市重点项目建设开局提速", goes=3),
                _article("a2", "春运启动", goes=3),
            ),
            _page(
                3,
                _article("a1", "春运启动", came=1),
                _article("a2", "重点项目建设开局提速", came=1),
            ),
        ]
    )
    assert _links(issue) == [("p1/a1", "p3/a2", "title"), ("p1/a2", "p3/a1", "title")]
    assert issue.warnings == []
    assert [a.pages for a in issue.articles] == [[1, 3], [1, 3]]


def test_marker_alone_when_one_candidate() -> None:
    issue = link_issue(
        [_page(1, _article("a1", "甲乙丙丁", goes=2)), _page(2, _article("a1", None, came=1))]
    )
    assert _links(issue) == [("p1/a1", "p2/a1", "marker")]


def test_ambiguous_candidates_warn_and_stay_apart() -> None:
    issue = link_issue(
        [
            _page(1, _article("a1", "甲乙丙丁", goes=2)),
            _page(2, _article("a1", None, came=1), _article("a2", None, came=1)),
        ]
    )
    assert issue.links == []
    assert {w.code for w in issue.warnings} == {"ambiguous-continuation"}
    assert issue.check_each_article_once() == []
    assert len(issue.articles) == 3


def test_unmatched_markers_warn() -> None:
    issue = link_issue(
        [
            _page(1, _article("a1", "甲乙丙丁", goes=2), _article("a2", "戊己庚辛", goes=9)),
            _page(2, _article("a1", "壬癸子丑", came=5)),
        ]
    )
    assert issue.links == []
    assert [(w.code, str(w.ref)) for w in issue.warnings] == [
        ("unmatched-continuation", "p1/a1"),
        ("continuation-page-missing", "p1/a2"),
        ("continuation-page-missing", "p2/a1"),
    ]


def test_chain_over_three_pages() -> None:
    issue = link_issue(
        [
            _page(5, _article("a1", "城市更新三年行动", came=3)),
            _page(1, _article("a1", "城市更新三年行动方案发布", goes=3)),
            _page(3, _article("a1", "城市更新三年行动方案", came=1, goes=5)),
        ]
    )
    assert [a.pages for a in issue.articles] == [[1, 3, 5]]
    assert issue.articles[0].id == "p1-a1"


def test_duplicate_and_unnumbered_pages_lose_nothing() -> None:
    pages = [
        _page(1, _article("a1", "甲乙丙丁", goes=2)),
        _page(2, _article("a1", "甲乙丙丁", came=1)),
        _page(2, _article("a1", "甲乙丙丁", came=1)),
        _page(None, _article("a1", "戊己庚辛")),
    ]
    issue = link_issue(pages)
    assert issue.check_each_article_once() == []
    assert sum(len(a.parts) for a in issue.articles) == 4
    assert {"duplicate-page", "page-without-number"} <= {w.code for w in issue.warnings}


def test_titles_compared_after_cleaning() -> None:
    assert clean_title("海宁38个村（社区）建成 “共富工坊”") == "海宁38个村社区建成共富工坊"
    assert title_similarity("２０２４年春运启动", "2024年春运启动") == 1.0
    assert title_similarity("我省重大项目建设开局提速", "重大项目建设开局提速") == 1.0
    assert title_similarity("春运启动", "城市更新") == 0.0


def test_issue_json_schema() -> None:
    pages = [
        parse_file(PAGES / "p06_haining_yaowen.txt", paper="海宁日报", page=1),
        parse_file(PAGES / "p11_haining_zonghe.txt", paper="海宁日报", page=2),
    ]
    data = json.loads(ISSUE_SERIALIZERS["json"](link_issue(pages)))
    assert (data["schema"], data["version"], data["paper"]) == ("banmian.issue", 1, "海宁日报")
    first = data["articles"][0]
    assert first["pages"] == [1, 2]
    assert [p["page"] for p in first["parts"]] == [1, 2]
    assert first["parts"][1]["continued_from"] == {"page": 1}
    assert all(p["paragraphs"][0]["lines"] for p in first["parts"])
    assert data["links"][0]["from"] == {"page": 1, "article": "a1"}
    assert sum(len(a["parts"]) for a in data["articles"]) == sum(
        len(p["articles"]) for p in data["pages"]
    )
    for fmt in ("markdown", "text"):
        assert "市委常委会召开扩大会议" in ISSUE_SERIALIZERS[fmt](link_issue(pages))


# --- generated issues ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def issues() -> list[SynthIssue]:
    return [generate_issue(s) for s in issue_seeds(ISSUES)]


def test_generated_issues_are_deterministic_and_varied(issues: list[SynthIssue]) -> None:
    again = generate_issue(issues[0].seed)
    assert [p.text for p in again.pages] == [p.text for p in issues[0].pages]
    forms = {f for i in issues for p in i.pages for f in p.forms}
    assert {"marker:arabic", "marker:cn", "marker:bare"} <= forms
    assert sum(len(i.links) for i in issues) >= 2 * ISSUES
    assert sum(len(i.dangling) for i in issues) > 0
    assert any(len({p["to"]["page"] for p in i.links}) < len(i.links) for i in issues)


def test_linker_is_exact_on_generated_gold_pages(issues: list[SynthIssue]) -> None:
    score = score_issues(issues, oracle=True)
    assert score.misses == []
    assert (score.precision, score.recall) == (1.0, 1.0)
    assert score.dangling_warned == score.dangling
    assert score.count_errors == []


def test_links_on_parsed_generated_pages(issues: list[SynthIssue]) -> None:
    score = score_issues(issues)
    assert score.count_errors == []  # no article lost or duplicated
    assert score.precision >= PARSED_PRECISION_FLOOR, score.misses
    assert score.recall >= PARSED_RECALL_FLOOR, score.misses


def test_links_on_generated_issues_read_as_pdf(issues: list[SynthIssue]) -> None:
    # The same issues' pages laid out as PDF pages (banmian.pdfgen) and read by geometry.
    score = score_issues(issues, reader="pdf")
    assert score.count_errors == []  # no article lost or duplicated
    assert score.precision >= PDF_PRECISION_FLOOR, score.misses
    assert score.recall >= PDF_RECALL_FLOOR, score.misses


# --- the command --------------------------------------------------------------------------


def _real_issue_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "issue"
    folder.mkdir()
    shutil.copy(PAGES / "p08_zhejiang_1ban.txt", folder / "浙江日报_2024-01-15_01.txt")
    shutil.copy(PAGES / "p10_zhejiang_3ban.txt", folder / "浙江日报_2024-01-15_03.txt")
    (folder / "notes.md").write_text("not a page\n", encoding="utf-8")
    return folder


def test_cli_parse_issue(tmp_path: Path) -> None:
    folder = _real_issue_folder(tmp_path)
    result = CliRunner().invoke(cli, ["parse", "--issue", str(folder)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["schema"], data["paper"], data["date"]) == (
        "banmian.issue",
        "浙江日报",
        "2024-01-15",
    )
    assert [p["page"] for p in data["pages"]] == [1, 3]
    assert [x["basis"] for x in data["links"]] == ["title"]
    assert "page 4 is not in the issue" in result.stderr
    out = tmp_path / "issue.md"
    result = CliRunner().invoke(
        cli, ["parse", "--issue", str(folder), "-f", "markdown", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert "第1版 → 第3版" in out.read_text(encoding="utf-8")


def test_cli_parse_issue_usage(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["parse", "--issue", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1
    assert "not a folder" in missing.stderr
    empty = runner.invoke(cli, ["parse", "--issue", str(tmp_path)])
    assert empty.exit_code == 1
    assert "no page files" in empty.stderr
    both = runner.invoke(cli, ["parse", "--issue", str(tmp_path), "x.txt"])
    assert both.exit_code == 2
    neither = runner.invoke(cli, ["parse"])
    assert neither.exit_code == 2


def test_issue_dict_counts_every_article_once(issues: list[SynthIssue]) -> None:
    from banmian.evaluate.links import parse_issue_pages

    issue = link_issue(parse_issue_pages(issues[0]))
    data = issue_to_dict(issue)
    refs = [(p["page"], p["id"]) for a in data["articles"] for p in a["parts"]]
    assert len(refs) == len(set(refs)) == sum(len(p.articles) for p in issue.pages)
