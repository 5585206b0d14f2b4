"""Indents seen by the PDF reader decide paragraph breaks that widths alone cannot.

A text dump loses indents, so the segmenter reads a paragraph's first line from its
width (short by its indent). Justified PDF lines holding digits or Latin letters are as
short by that measure, so a column that opens with such a line looked like a new
paragraph. The PDF reader sees where each line starts (``Line.indent``); these pages
are built as its output would be, once with the indents and once without.
"""

from __future__ import annotations

from banmian.model import Line
from banmian.pdf.geometry import Block, Fragment, indents, shortfalls
from banmian.pipeline import parse_lines

CJK = "经济运行总体平稳稳中有进发展质量持续提升项目建设加快推进"


def _text(n: int, end: str = "") -> str:
    return (CJK * 2)[: n - len(end)] + end


def _lines(with_indents: bool) -> list[Line]:
    """A paragraph whose text runs from one column block into the next.

    The first block's last line is full and ends a sentence; the next block opens with a
    flush-left line short by 2 ems (it holds digits), as a justified PDF line may.
    """
    rows: list[tuple[str, float | None]] = [
        (_text(18), 2.0),
        (_text(20), 0.0),
        (_text(20), 0.0),
        (_text(20, "。"), 0.0),
        ("", None),
        ("今年以来全市累计签约项目37个总投资", 0.0),
        (_text(20), 0.0),
        (_text(9, "。"), 0.0),
        ("", None),
        (_text(18), 2.0),
        (_text(20), 0.0),
        (_text(12, "。"), 0.0),
    ]
    return [
        Line(i, text, 10.0 if text else None, indent if with_indents else None)
        for i, (text, indent) in enumerate(rows, start=1)
    ]


def _paragraphs(lines: list[Line]) -> list[tuple[int, int]]:
    page = parse_lines(lines)
    return [p.lines for art in page.articles for p in art.paragraphs]


def test_a_flush_left_line_opening_a_column_runs_on() -> None:
    assert _paragraphs(_lines(with_indents=True)) == [(1, 8), (10, 12)]


def test_without_indents_the_width_reading_breaks_there() -> None:
    # The text path's reading of the same lines: the short first line of the second
    # block looks like a paragraph's first line.
    assert _paragraphs(_lines(with_indents=False)) == [(1, 4), (6, 8), (10, 12)]


def _fragment(left: float, size: float = 10.0) -> Fragment:
    return Fragment([], "文", size, left, left + 200.0, 0.0, size)


def test_indents_are_measured_from_the_block_edge_in_ems() -> None:
    block = Block()
    for left in (120.0, 100.0, 100.0, 110.0):
        block.add(_fragment(left))
    assert indents(block) == [2.0, 0.0, 0.0, 1.0]


def test_one_line_says_nothing_of_indents() -> None:
    block = Block()
    block.add(_fragment(120.0))
    assert indents(block) == [None]


def _ends(rights: list[float]) -> Block:
    block = Block()
    for right in rights:
        block.add(Fragment([], "文", 10.0, 100.0, right, 0.0, 10.0))
    return block


def test_shortfalls_are_measured_from_the_block_edge_in_ems() -> None:
    assert shortfalls(_ends([300.0, 300.0, 290.0, 240.0])) == [0.0, 0.0, 1.0, 6.0]
    assert shortfalls(_ends([300.0])) == [None]


def _sentence_end_lines(short: float | None) -> list[Line]:
    """A paragraph whose third line is justified full but ends a sentence, its digits and
    letters making it read short by its characters; the next line is set flush left."""
    rows: list[tuple[str, float | None, float | None]] = [
        (_text(18), 2.0, 0.0),
        (_text(20), 0.0, 0.0),
        ("装机容量达81MW，发电量约86亿千瓦时。", 0.0, short),
        (_text(20), 0.0, 0.0),
        (_text(9, "。"), 0.0, 11.0),
    ]
    return [
        Line(i, text, 10.0, indent, line_short)
        for i, (text, indent, line_short) in enumerate(rows, start=1)
    ]


def test_a_full_line_ending_a_sentence_runs_on_where_the_reader_saw_it_full() -> None:
    assert _paragraphs(_sentence_end_lines(1.0)) == [(1, 5)]  # its 。 left out: 1 em


def test_a_line_ending_short_of_the_edge_ends_its_paragraph() -> None:
    assert _paragraphs(_sentence_end_lines(4.0)) == [(1, 3), (4, 5)]


def test_without_the_line_ends_the_width_reading_breaks_after_the_sentence() -> None:
    # The text path's reading: by its characters the line is two ems short.
    assert _paragraphs(_sentence_end_lines(None)) == [(1, 3), (4, 5)]
