"""Fixture cases (tests/fixtures/forms.txt): page fragments and the articles they hold.

One case per form of DOMAIN.md; the expected side is what a reader of the page would
write down, in a compact form (see the fixture file's header). A failing case names the
form it covers, so the rule at fault is easy to find.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from banmian import Page, parse_text

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Case:
    title: str
    source: str
    expected: str
    line: int


def load_cases(path: Path) -> list[Case]:
    """Cases of a fixture file: title, ".", input, ".", expected, "."."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        title, start = lines[i], i + 1
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: expected '.' after the title"
        end_input = lines.index(".", i + 2)
        end_expected = lines.index(".", end_input + 1)
        cases.append(
            Case(
                title,
                "\n".join(lines[i + 2 : end_input]),
                "\n".join(lines[end_input + 1 : end_expected]),
                start,
            )
        )
        i = end_expected + 1
    return cases


def render(page: Page) -> str:
    """A page's articles in the compact form of the fixture files."""
    out: list[str] = []
    for art in page.articles:
        parts = [f.text if f else "-" for f in (art.kicker, art.title, art.subtitle)]
        out.append("== " + " | ".join(parts))
        if art.dateline:
            out.append(f"dateline: {art.dateline.text}")
        if art.byline:
            out.append(f"byline: {art.byline.text}")
        if art.authors:
            out.append(f"authors: {', '.join(art.authors)}")
        if art.continued_from:
            out.append(f"from: {art.continued_from}")
        if art.continues_to:
            out.append(f"to: {art.continues_to}")
        out.extend(f"[{p.type.value[0]}] {p.text}" for p in art.paragraphs)
    out.extend(f"-- {b.text}" for b in page.unassigned)
    return "\n".join(out)


CASES = load_cases(FIXTURES / "forms.txt")


def test_there_are_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_form(case: Case) -> None:
    page = parse_text(case.source)
    assert render(page) == case.expected, f"forms.txt:{case.line}: {case.title}"
    assert page.check_nothing_lost() == []


FURNITURE_INSIDE_LINES = [
    "2022年12月10日 星期六",
    "责任编辑：张三  美编：李四",
    "国内统一连续出版物号 CN32-0030",
    "邮发代号 27-1",
    "今日8版",
    "第9421期",
    "农历癸卯年腊月初五",
    "浙江日报报业集团出版",
    "中共无锡市委机关报",
    "主办：中共无锡市委",
    "第27163号",
    "数字经济核心产业增加值增长10.1% 2版",
    "责任编辑 周琳",
    "今日天气：晴",
    "新闻热线：12345",
    "www.example.cn",
    "tip@example.com",
]
"""One line for each form of furniture found inside a line (``furniture._CONTAINS``)."""


@pytest.mark.parametrize("line", FURNITURE_INSIDE_LINES)
def test_furniture_cheap_test_passes_every_form(line: str) -> None:
    """The cheap test before the furniture patterns (``_CONTAINS_NEEDS_RE``) must pass every
    line they take, or a furniture line would be missed: keep the two in step."""
    from banmian.classify import furniture

    assert furniture._CONTAINS_RE.search(line)
    assert furniture._CONTAINS_NEEDS_RE.search(line)
    assert furniture.kind(line) == furniture.STRONG
