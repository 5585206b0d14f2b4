"""Geometry on hand-placed characters: rows, gutters, cuts across gutters, spaces.

Each page here is built character by character (``Chars``), as PDFium would report it,
so each rule of ``banmian.pdf.geometry`` is seen on its own: the generated PDF pages of
``test_pdf.py`` exercise them all at once.
"""

from __future__ import annotations

import numpy as np
import pytest

from banmian.pdf.extract import Chars, read_pages
from banmian.pdf.geometry import (
    ROW_TOLERANCE,
    body_size,
    find_gutters,
    fragments,
    page_blocks,
)
from banmian.pdfgen import synth_pdf

SIZE = 10.0
CJK = "经济运行总体平稳稳中有进发展质量持续提升项目建设加快推进"


def _place(chars: Chars, text: str, left: float, bottom: float, size: float = SIZE) -> float:
    """Set ``text`` from ``left`` on one baseline: ideographs an em wide, ASCII half;
    the pen's position after it."""
    x = left
    for ch in text:
        width = size / 2 if ch.isascii() else size
        chars.text.append(ch)
        chars.left.append(x)
        chars.right.append(x + width)
        chars.bottom.append(bottom)
        chars.top.append(bottom + size)
        chars.size.append(size)
        x += width
    return x


def _two_columns(rows: int = 6) -> Chars:
    """Two columns of eight ideographs, 10 pt, 90–100 pt apart: a gutter from 90 to 100."""
    chars = Chars()
    for r in range(rows):
        bottom = 700.0 - 14 * r
        _place(chars, CJK[r : r + 8], 10.0, bottom)
        _place(chars, CJK[r + 8 : r + 16], 100.0, bottom)
    return chars


def test_gutters_are_the_empty_runs_between_columns() -> None:
    chars = _two_columns()
    assert body_size(chars) == SIZE
    assert find_gutters(chars, SIZE, 200.0) == [(90.0, 100.0)]


def test_a_row_is_cut_at_the_gutter_into_one_fragment_per_column() -> None:
    chars = _two_columns()
    frags = fragments(chars, find_gutters(chars, SIZE, 200.0))
    assert [f.text for f in frags[:2]] == [CJK[0:8], CJK[8:16]]
    assert [f.columns for f in frags[:2]] == [(0, 0), (1, 1)]
    assert len(frags) == 12


def test_punctuation_hanging_into_the_gutter_cuts_there_and_is_not_the_edge() -> None:
    chars = _two_columns()
    # Row 3's first column ends with a comma set in the gutter, touching the next column.
    row = 3
    i = chars.text.index(CJK[row + 7], 8 * 2 * row)
    chars.text[i + 1 : i + 1] = ["，"]
    chars.left[i + 1 : i + 1] = [90.0]
    chars.right[i + 1 : i + 1] = [100.0]
    chars.bottom[i + 1 : i + 1] = [chars.bottom[i]]
    chars.top[i + 1 : i + 1] = [chars.top[i]]
    chars.size[i + 1 : i + 1] = [SIZE]
    gutters = find_gutters(chars, SIZE, 200.0)
    assert gutters == [(90.0, 100.0)]  # one hanging comma leaves the gutter a gutter
    frags = fragments(chars, gutters)
    hanging = next(f for f in frags if f.text.endswith("，"))
    assert hanging.text == CJK[row : row + 8] + "，"
    assert hanging.right == 90.0  # the column's edge, not the comma's
    assert hanging.columns == (0, 0)


def test_a_comma_of_larger_type_over_a_gutter_does_not_cut_its_line() -> None:
    # A lead in 12 pt across both columns: its comma happens to start where the body
    # text's gutter starts and the next character where it ends, as hanging punctuation
    # would; but the gutters are the body text's, and the lead's line stays whole.
    chars = _two_columns()
    lead = 12.0
    x = _place(chars, "甲" * 6, 90.0 - 6 * lead, 740.0, size=lead)
    assert x == 90.0
    _place(chars, "，" + "乙" * 6, x, 740.0, size=lead)
    gutters = find_gutters(chars, SIZE, 200.0)
    assert gutters == [(90.0, 100.0)]
    frags = fragments(chars, gutters)
    assert frags[0].text == "甲" * 6 + "，" + "乙" * 6


def test_baselines_a_little_apart_make_one_row_read_left_to_right() -> None:
    chars = Chars()
    # Drawn right column first, its baseline a hair lower: still one row.
    _place(chars, "乙乙", 100.0, 700.0 - 0.5 * ROW_TOLERANCE * SIZE)
    _place(chars, "甲甲", 10.0, 700.0)
    _place(chars, "丙丙", 10.0, 700.0 - 2 * SIZE)
    frags = fragments(chars, [])
    assert [f.text for f in frags] == ["甲甲 乙乙", "丙丙"]


def test_spaces_go_at_real_gaps_only() -> None:
    chars = Chars()
    x = _place(chars, "记者", 10.0, 700.0)
    x = _place(chars, "王五", x + 0.25 * SIZE, 700.0)  # a quarter em between ideographs
    x = _place(chars, "摄", x + 0.1 * SIZE, 700.0)  # justification: no space
    x = _place(chars, "2024", x + 0.25 * SIZE, 700.0)  # autospacing before digits
    _place(chars, "AB", x + 0.2 * SIZE, 700.0)  # a word space between Latin letters
    (frag,) = fragments(chars, [])
    assert frag.text == "记者 王五摄2024 AB"


def test_lines_one_under_another_in_one_column_make_a_block() -> None:
    chars = _two_columns()
    blocks = page_blocks(chars, 200.0)
    assert [len(b.fragments) for b in blocks] == [6, 6]
    assert [b.fragments[0].text for b in blocks] == [CJK[0:8], CJK[8:16]]


def test_arrays_hold_the_same_characters_as_the_lists() -> None:
    (page,) = list(read_pages(synth_pdf(11).data))
    for chars in (page.chars, page.chars.select(list(range(0, len(page.chars), 3)))):
        a = chars.arrays()
        assert a.codes.tobytes().decode("utf-32-le") == "".join(chars.text)
        for name in ("left", "right", "bottom", "top", "size"):
            values = getattr(a, name)
            assert values.dtype == np.float64
            assert values.tolist() == getattr(chars, name)


def test_read_characters_are_arrays_until_lists_are_asked_for() -> None:
    (page,) = list(read_pages(synth_pdf(12).data))
    chars = page.chars
    a = chars.arrays()
    listed = Chars(
        list(a.codes.tobytes().decode("utf-32-le")),
        a.left.tolist(),
        a.right.tolist(),
        a.bottom.tolist(),
        a.top.tolist(),
        a.size.tolist(),
    )
    assert chars == listed and len(chars) == len(listed) == len(a.codes)
    picked = [5, 1, 3]
    assert list(chars.select(picked)) == [listed[i] for i in picked]
    assert chars.select(picked) == listed.select(picked)
    assert page_blocks(chars, page.width) == page_blocks(listed, page.width)


def test_sizes_pdfium_cannot_tell_are_no_body_size() -> None:
    nan = float("nan")
    chars = _two_columns(2)
    _place(chars, "注" * 40, 10.0, 600.0, size=9.0)
    chars.size[-40:] = [nan] * 40
    assert body_size(chars) == SIZE
    unknown = Chars()
    _place(unknown, CJK, 10.0, 700.0, size=12.0)
    _place(unknown, CJK, 10.0, 680.0, size=12.0)
    unknown.size[:] = [nan] * len(unknown)
    assert body_size(unknown) == 10.0  # the default, not NaN, which no threshold survives
    assert page_blocks(unknown, 400.0)  # and the page is still read


def test_arrays_follow_characters_added_later() -> None:
    chars = _two_columns(1)
    assert len(chars.arrays().codes) == 16
    _place(chars, "新", 10.0, 600.0)
    assert len(chars.arrays().codes) == 17
    assert chars.arrays().bottom[-1] == pytest.approx(600.0)


def _column_of(chars: Chars, mark: str, left: float, top: float, lines: int) -> None:
    """A column of ``lines`` lines of eight ``mark``s, its first baseline at ``top``."""
    for k in range(lines):
        _place(chars, mark * 8, left, top - 14 * k)


def test_bands_are_read_one_after_the_other_even_where_a_gutter_runs_through_both() -> None:
    # Two bands. Above: one article on the left half, one on the right. Below: one article
    # whose headline stands over its first two columns only, its last two columns rising
    # beside the headline. The gutter between the halves runs down the whole page, but
    # cutting there first would read the lower article's right half after the upper
    # right article, so the bands are read first.
    chars = Chars()
    lefts = (10.0, 100.0, 220.0, 310.0)
    _place(chars, "一" * 8, 10.0, 780.0, size=18.0)
    _place(chars, "二" * 8, 220.0, 780.0, size=18.0)
    for mark, left in zip("甲乙丙丁", lefts, strict=True):
        _column_of(chars, mark, left, 750.0, 6)
    _place(chars, "三" * 8, 10.0, 600.0, size=18.0)
    for mark, left in zip("戊己", lefts[:2], strict=True):
        _column_of(chars, mark, left, 570.0, 6)
    for mark, left in zip("庚辛", lefts[2:], strict=True):
        _column_of(chars, mark, left, 605.0, 8)
    order = [b.fragments[0].text[0] for b in page_blocks(chars, 400.0)]
    assert order == list("一甲乙二丙丁三戊己庚辛")
