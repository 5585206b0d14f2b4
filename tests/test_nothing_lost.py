"""Nothing lost: every non-blank input character ends up in exactly one place.

Checked by hypothesis over the bundled pages mutated at random (lines dropped, doubled,
swapped, cut, blank lines and page anatomy such as datelines, bylines and markers pasted
in) and over random text, not only over the pages as they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from banmian import parse_text
from banmian.model import Page

REPO = Path(__file__).resolve().parents[1]
PAGES = (
    sorted(REPO.glob("samples/*.txt"))
    + sorted((REPO / "tests" / "pages").glob("*.txt"))
    + sorted((REPO / "tests" / "pages_holdout").glob("*.txt"))
    + sorted((REPO / "tests" / "pages_holdout2").glob("*.txt"))
)
PAGE_LINES = [p.read_text(encoding="utf-8").splitlines() for p in PAGES]

ANATOMY = [
    "本报讯 ",
    "本报北京12月9日电（记者 王五）",
    "新华社日内瓦10月9日电 ",
    "（赵六）",
    " （记者 张三 通讯员 李四）",
    "本报记者 张三",
    "（上接第1版）",
    "（下转第三版）",
    "下转第二版",
    "——",
    "▲12月8日，",
    "张三 摄",
    "■",
    "一、",
    "（新华社北京2月27日电）",
    "2022年12月10日 星期六",
    "责任编辑：张三  美编：李四",
    "要闻 2",
    "（兆瓦）",
    "　",
    " ",
    "\t",
]
ALPHABET = st.sampled_from(
    list("的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会")
    + list("，。、；：？！“”‘’（）《》—…·0123456789ABCabc %.-■●▲□（）")
    + [" ", "\u3000", "\n", "\n\n"]
)


def assert_nothing_lost(page: Page) -> None:
    problems = page.check_nothing_lost()
    assert problems == [], problems[:5]


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_bundled_pages_lose_nothing(path: Path) -> None:
    assert_nothing_lost(parse_text(path.read_text(encoding="utf-8")))


def test_the_check_itself_catches_a_lost_and_a_doubled_character() -> None:
    page = parse_text(PAGES[0].read_text(encoding="utf-8"))
    art = page.articles[0]
    lost = art.paragraphs.pop()
    assert any("lost" in p for p in page.check_nothing_lost())
    art.paragraphs.append(lost)
    art.paragraphs.append(lost)
    assert any("used 2 times" in p for p in page.check_nothing_lost())


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    lines = list(draw(st.sampled_from(PAGE_LINES)))
    for _ in range(draw(st.integers(0, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "double", "swap", "cut", "blank", "paste", "join"]))
        if op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "cut":
            at = draw(st.integers(0, len(lines[i])))
            lines[i : i + 1] = [lines[i][:at], lines[i][at:]]
        elif op == "blank":
            lines.insert(i, draw(st.sampled_from(["", " ", "\u3000"])))
        elif op == "paste":
            at = draw(st.integers(0, len(lines[i])))
            piece = draw(st.sampled_from(ANATOMY))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + lines[i + 1]]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_page())
def test_mutated_pages_lose_nothing(text: str) -> None:
    assert_nothing_lost(parse_text(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(ANATOMY)), max_size=400).map("".join))
def test_random_text_loses_nothing(text: str) -> None:
    assert_nothing_lost(parse_text(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_loses_nothing(text: str) -> None:
    assert_nothing_lost(parse_text(text))


def test_line_numbers_are_the_files_even_with_form_feeds() -> None:
    text = "本报讯 近日，全市开展活动。\f\n\n第二行\u2028仍是第二行\n（张三）\n"
    page = parse_text(text)
    assert [ln.raw for ln in page.lines][2] == "第二行\u2028仍是第二行"
    assert len(page.lines) == 4
    assert_nothing_lost(page)
