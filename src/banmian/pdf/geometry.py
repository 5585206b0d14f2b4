"""From characters to lines in reading order, by geometry alone.

1. **Body size**: the font size most characters are set in.
2. **Gutters**: the x-projection of body-size characters (how many cover each point
   across the page); runs where almost nothing stands, between text, are the gaps between
   columns. Punctuation hanging past a column's edge stands in a gutter now and then, so
   a gutter is where coverage falls under a quarter of the typical column's.
3. **Rows and fragments**: characters on one baseline make a row; a row is cut where a
   gutter lies between two characters (or the type size changes), so each fragment is one
   line of one column, or a headline line across several. Spaces are put where the gap
   between two glyphs is a real space (half an em; a fifth of one between Latin letters),
   not at the small gaps of justification and autospacing.
4. **Blocks**: fragments one under another, in one size, in the same columns (or
   overlapping), a line's height apart, make a block: a column's text, a headline, a lead.
5. **Reading order** by recursive XY-cut over the blocks: cut the page along a vertical
   gap that runs its whole height if there is one (left before right), else along
   horizontal gaps (top before bottom), and so on inside each part. A headline across
   columns thus comes before the columns under it, and articles side by side are read one
   after the other: horizontal strips that a common gutter runs through are cut together
   (``_merge_strips``), so headlines at one height do not pull apart their articles.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import reduce
from itertools import groupby
from operator import ge, or_
from statistics import median

import numpy as np
import numpy.typing as npt

from banmian.pdf.extract import Chars

SAME_SIZE = 0.05
"""Sizes within this share of each other are one size."""
ROW_TOLERANCE = 0.1
"""Characters whose boxes' bottoms are within this many ems stand on one baseline."""
MIN_GUTTER = 0.4
"""Narrowest gap between columns, in body ems."""
GUTTER_COVERAGE = 0.25
"""A point of the x-projection covered less than this share of a column's is gutter."""
SPACE_GAP = 0.5
"""A gap between two glyphs this many ems wide is a space."""
LATIN_SPACE_GAP = 0.15
"""Between two Latin letters or digits a narrower gap is already a word space."""
IDEOGRAPH_SPACE_GAP = 0.25
"""Between two ideographs a quarter em is a space, as pdftotext reads it (the space in
（记者 王五） when the embedded font's subset has no space glyph). Not between an ideograph
and a Latin letter or digit: autospacing sets a quarter em there, and it is no space."""
SPLIT_GAP = 0.2
"""Two characters on one row are cut apart across a gutter only when this far apart
(justification and autospacing leave less; a headline across columns leaves nothing)."""
HANG_TOLERANCE = 0.3
"""Hanging punctuation starts within this many ems of a column's right edge."""
MAX_LINE_STEP = 2.0
"""A block's next line stands at most this many ems under the last."""
HEADLINE_SCALE = 1.2
"""Type this much larger than body text is a headline's."""
HANGING = frozenset("，。、；：！？”’）》」』,.;:!?")
"""Punctuation that may hang past a column's right edge."""

_HANGING_CODES = np.zeros(max(map(ord, HANGING)) + 2, dtype=np.bool_)
_HANGING_CODES[[ord(c) for c in HANGING]] = True
"""``HANGING`` as a table by code point (the last entry, false, stands for all above)."""

_WHITE_SPACE = re.compile(r"\s")
"""White space as ``str.isspace`` has it (both ask the same Unicode table)."""

Indices = npt.NDArray[np.intp]
Floats = npt.NDArray[np.float64]
Gutters = list[tuple[float, float]]
"""Gaps between columns, left to right: (start, end) in points."""


def _same_size(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= SAME_SIZE * max(a, b)


def _size_runs(chars: Chars) -> Iterator[tuple[float, int, int]]:
    """Runs of characters in one size, in drawing order: (size, first index, end index).

    Characters come a line or a run of type at a time, so a page of thousands of
    characters has a few dozen such runs: what holds for a size is decided once a run.
    """
    start = 0
    for size, run in groupby(chars.size):
        end = start + len(list(run))
        yield size, start, end
        start = end


def body_size(chars: Chars) -> float:
    """The size most (non-space) characters are set in."""
    # Count each size as PDFium gives it, then by tenths of a point. Counters keep
    # first-seen order, so ties go to the size seen first, as when counting rounded sizes
    # character by character.
    exact: Counter[float] = Counter()
    text = chars.text
    for size, start, end in _size_runs(chars):
        printing = end - start - sum(map(str.isspace, text[start:end]))
        if printing:
            exact[size] += printing
    sizes: Counter[float] = Counter()
    for size, n in exact.items():
        if size != size:  # NaN rounds to a new NaN each time: each character on its own
            for _ in range(n):
                sizes[float("nan")] = 1
        else:
            sizes[round(size, 1)] += n
    return sizes.most_common(1)[0][0] if sizes else 10.0


def find_gutters(chars: Chars, body: float, width: float) -> Gutters:
    """The gaps between columns, from the x-projection of body-size characters."""
    bins = max(1, int(width) + 2)
    body_like = [s for s in set(chars.size) if s == body or _same_size(s, body)]
    if not body_like:
        return []
    a = chars.arrays()
    counted = a.codes != ord(" ")  # spaces do not count
    counted &= reduce(or_, [a.size == s for s in body_like])
    if not counted.any():
        return []
    # Each character covers the points from int(left) to int(right), at least one, inside
    # the page: counted per point as the running sum of starts less ends.
    starts = np.clip(np.trunc(a.left[counted]), 0, bins).astype(np.intp)
    ends = np.trunc(a.right[counted]).astype(np.intp)
    ends = np.minimum(np.maximum(ends, starts + 1), bins)
    delta = np.bincount(starts, minlength=bins + 1) - np.bincount(ends, minlength=bins + 1)
    cover = np.cumsum(delta)[:bins]
    occupied = cover[cover > 0]
    if not occupied.size:
        return []
    low = GUTTER_COVERAGE * median(occupied.tolist())
    # Gutters are the runs of points at or under ``low`` between points above it.
    step = np.diff((cover > low).astype(np.int8))
    opens = (np.flatnonzero(step == -1) + 1).tolist()
    closes = (np.flatnonzero(step == 1) + 1).tolist()
    if closes and (not opens or closes[0] < opens[0]):
        closes = closes[1:]
    narrowest = MIN_GUTTER * body
    return [
        (float(x0), float(x1))
        for x0, x1 in zip(opens, closes, strict=False)
        if x1 - x0 >= narrowest
    ]


@dataclass(slots=True)
class Fragment:
    """One line of one column (or a headline line across columns)."""

    chars: list[int]
    """Its characters, left to right, as indices into the page's ``Chars``."""
    text: str
    size: float
    left: float
    right: float
    """Right edge without punctuation hanging past the column."""
    bottom: float
    top: float
    columns: tuple[int, int] = (0, 0)
    """First and last column it stands in."""


@dataclass(slots=True)
class Block:
    """Fragments one under another: a column's text, a headline, a lead."""

    fragments: list[Fragment] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    top: float = 0.0

    def add(self, f: Fragment) -> None:
        """Append a fragment and grow the box."""
        if not self.fragments:
            self.left, self.right, self.bottom, self.top = f.left, f.right, f.bottom, f.top
        else:
            self.left, self.right = min(self.left, f.left), max(self.right, f.right)
            self.bottom, self.top = min(self.bottom, f.bottom), max(self.top, f.top)
        self.fragments.append(f)


def _rows(chars: Chars) -> tuple[Indices, Indices]:
    """The characters (indices) row by row, top row first, each row left to right; and
    where in that order each row but the first starts.

    The bottom of a character's loose box is its baseline less the font's descent, the
    same for every glyph of a line; lines of neighbouring columns may stand a point or two
    apart, so rows are made of bottoms equal to a tenth of a point first, and only nearly
    equal ones are joined (from the top down, each to the first of its row). Characters of
    one row and one left edge keep the order of their bottoms (higher first) and, within
    one bottom, the order they were drawn in.
    """
    a = chars.arrays()
    bottoms, bottom_of = np.unique(a.bottom, return_inverse=True)
    # A page has a few hundred distinct bottoms: rounded as Python rounds them, to the
    # tenth of a point (NumPy's rounding differs from it at some halves).
    rounded = np.array([round(b, 1) for b in bottoms.tolist()], dtype=np.float64)
    keys, first, key_of = np.unique(rounded[bottom_of], return_index=True, return_inverse=True)
    size = chars.size
    row_of_key = np.empty(len(keys), dtype=np.intp)
    row, anchor = -1, 0.0
    for j, key, i in zip(
        range(len(keys) - 1, -1, -1), keys[::-1].tolist(), first[::-1].tolist(), strict=True
    ):
        if row < 0 or anchor - key > ROW_TOLERANCE * size[i]:
            row, anchor = row + 1, key
        row_of_key[j] = row
    rows = row_of_key[key_of]
    order = np.lexsort((len(keys) - 1 - key_of, a.left, rows))
    in_order = rows[order]
    return order, np.flatnonzero(in_order[1:] != in_order[:-1]) + 1


class _GutterIndex:
    """The page's gutters, searchable by position (they are disjoint and sorted)."""

    __slots__ = ("ends", "gutters", "starts")

    def __init__(self, gutters: Gutters) -> None:
        self.gutters = gutters
        self.starts = [g0 for g0, _ in gutters]
        self.ends = [g1 for _, g1 in gutters]

    def between(
        self,
        left: Floats,
        right: Floats,
        size: Floats,
        hanging: npt.NDArray[np.bool_],
        places: Indices,
    ) -> npt.NDArray[np.bool_]:
        """Whether a gutter stands between the characters before and at each of
        ``places`` (so they are in two columns); ``hanging``: which characters are
        punctuation that may hang.

        Either a gap of ``SPLIT_GAP`` ems with a gutter in it, or the first is punctuation
        hanging past a column's edge: it starts where a gutter starts and the second
        where that one ends.
        """
        if not self.gutters or not len(places):
            return np.zeros(len(places), dtype=np.bool_)
        starts, ends = np.array(self.starts), np.array(self.ends)
        a_left, a_right = left[places - 1], right[places - 1]
        b_left, b_size = left[places], size[places]
        tolerance = HANG_TOLERANCE * b_size
        wide = b_left - a_right >= SPLIT_GAP * b_size
        # Of the gutters starting left of b, the last ends furthest right.
        k = np.searchsorted(starts, b_left, side="left")
        cut = wide & (k > 0) & (ends[np.maximum(k - 1, 0)] > a_right - tolerance)
        # Hanging punctuation: only gutters starting near it can qualify; where there are
        # any, each is asked exactly.
        reach = np.abs(tolerance) + 1.0
        lo = np.searchsorted(starts, a_left - reach, side="left")
        hi = np.searchsorted(starts, a_left + reach, side="right")
        near = np.flatnonzero(~wide & hanging[places - 1] & (hi > lo))
        for j, x, x_next, tol, g_lo, g_hi in zip(
            near.tolist(),
            a_left[near].tolist(),
            b_left[near].tolist(),
            tolerance[near].tolist(),
            lo[near].tolist(),
            hi[near].tolist(),
            strict=True,
        ):
            cut[j] = any(
                abs(x - g0) <= tol and x_next >= g1 - tol for g0, g1 in self.gutters[g_lo:g_hi]
            )
        return cut


def _add_fragment(
    chars: Chars, members: list[int], parts: list[str], mixed: bool, out: list[Fragment]
) -> None:
    """Append the fragment of ``members`` (a row's characters) whose text is ``parts``
    joined, unless it holds only white space; ``mixed``: not all in one size."""
    raw = "".join(parts)
    text = raw.strip()
    if not text:
        return
    texts, size = chars.text, chars.size
    if _WHITE_SPACE.search(raw) is None:
        ink = members
    else:
        ink = [i for i in members if not texts[i].isspace()] or members
    last = ink[-1]
    right = chars.left[last] if texts[last] in HANGING and len(ink) > 1 else chars.right[last]
    if not mixed:
        typical = size[last]
    else:
        sizes = list(map(size.__getitem__, ink))
        low = min(sizes)
        typical = low if low == max(sizes) else median(sizes)
    out.append(
        Fragment(
            members,
            text,
            typical,
            chars.left[ink[0]],
            right,
            min(map(chars.bottom.__getitem__, ink)),
            max(map(chars.top.__getitem__, ink)),
        )
    )


def fragments(chars: Chars, gutters: Gutters) -> list[Fragment]:
    """The page's line fragments, top row first, each with spaces at real gaps.

    A row is cut where the type size changes (white space aside) or a gutter lies between
    two neighbours; inside a fragment a space goes where the gap between two glyphs is a
    real space. Both need a neighbour whose size differs, a gap of at least
    ``LATIN_SPACE_GAP`` ems (the smallest threshold) or hanging punctuation before it:
    those few places are found for the whole page at once, with the rows laid end to end,
    and only they (and the ends of rows) are looked at.
    """
    order, row_starts = _rows(chars)
    n = len(order)
    if not n:
        return []
    a = chars.arrays()
    codes = a.codes[order]
    t = codes.tobytes().decode("utf-32-le", "surrogatepass")
    left, right, size = a.left[order], a.right[order], a.size[order]
    gaps = left[1:] - right[:-1]  # gaps[k - 1]: from character k - 1 to k
    if (size > 0).all():
        maybe = (gaps >= LATIN_SPACE_GAP * size[1:]) | (size[1:] != size[:-1])
    else:  # sizes of zero or less turn the thresholds round: look at every pair
        maybe = np.ones(n - 1, dtype=np.bool_)
    hanging = _HANGING_CODES[np.minimum(codes, len(_HANGING_CODES) - 1)]
    maybe |= hanging[:-1]
    maybe[row_starts - 1] = True
    places = np.flatnonzero(maybe) + 1
    index = _GutterIndex(gutters)
    across = index.between(left, right, size, hanging, places).tolist()
    new_row = set(row_starts.tolist())
    members = order.tolist()
    sizes, spacing = size.tolist(), gaps.tolist()
    out: list[Fragment] = []
    start = done = 0  # the fragment's first character, the first not in ``parts`` yet
    parts: list[str] = []
    mixed = False  # whether the fragment has more than one size
    for k, gutter in zip(places.tolist(), across, strict=True):
        p_text, c_text, p_size, c_size = t[k - 1], t[k], sizes[k - 1], sizes[k]
        if (
            k in new_row
            or (c_size != p_size and not _same_size(p_size, c_size) and not c_text.isspace())
            or gutter
        ):
            parts.append(t[done:k])
            _add_fragment(chars, members[start:k], parts, mixed, out)
            start = done = k
            parts = []
            mixed = False
            continue
        mixed = mixed or c_size != p_size
        if not (c_text.isspace() or p_text.isspace()):
            gap = spacing[k - 1]
            words = p_text.isalnum() and c_text.isalnum()
            ascii_pair = p_text.isascii() and c_text.isascii()
            if (
                gap >= SPACE_GAP * c_size
                or (words and ascii_pair and gap >= LATIN_SPACE_GAP * c_size)
                or (
                    words
                    and not (p_text.isascii() or c_text.isascii())
                    and gap >= IDEOGRAPH_SPACE_GAP * c_size
                )
            ):
                parts.append(t[done:k])
                parts.append(" ")
                done = k
    parts.append(t[done:])
    _add_fragment(chars, members[start:], parts, mixed, out)
    for f in out:
        f.columns = (
            _column(f.left + 0.1 * f.size, index.starts),
            _column(f.right - 0.1 * f.size, index.starts),
        )
    return out


def _column(x: float, starts: list[float]) -> int:
    """How many gutters start left of ``x`` (``starts``: the gutters' starts, sorted)."""
    return bisect_left(starts, x)


def blocks(frags: list[Fragment]) -> list[Block]:
    """Group fragments into blocks: same size, same columns, a line apart."""
    ordered = sorted(frags, key=lambda f: (-f.bottom, f.left))
    # Each open block with its last fragment, so the inner loop reads no block attributes.
    open_blocks: list[tuple[Block, Fragment]] = []
    done: list[Block] = []
    reach = MAX_LINE_STEP + 0.5
    for f in ordered:
        f_size, f_bottom = f.size, f.bottom
        lowest, highest = 0.5 * f_size, MAX_LINE_STEP * f_size
        best: Block | None = None
        best_step = 0.0
        keep: list[tuple[Block, Fragment]] = []
        for b, last in open_blocks:
            step = last.bottom - f_bottom
            if step > reach * last.size:
                done.append(b)  # nothing further down can join it
                continue
            keep.append((b, last))
            if best is not None and step >= best_step:
                continue  # it could not be chosen over ``best``: spare the other tests
            if not lowest <= step <= highest or not _same_size(last.size, f_size):
                continue
            overlap = min(last.right, f.right) - max(last.left, f.left)
            if last.columns != f.columns and overlap <= 0:
                continue
            best, best_step = b, step
        if best is None:
            best = Block()
            keep.append((best, f))
        else:
            keep = [(b, f) if b is best else (b, last) for b, last in keep]
        open_blocks = keep
        best.add(f)
    return done + [b for b, _ in open_blocks]


def reading_order(items: list[Block], body: float) -> list[Block]:
    """Blocks in reading order, by recursive XY-cut (vertical cuts first)."""
    if len(items) <= 1:
        return list(items)
    parts = _cut(items, vertical=True)
    if len(parts) == 1:
        parts = _merge_strips(_cut(items, vertical=False), body)
    if len(parts) == 1:
        return sorted(items, key=lambda b: (-b.top, b.left))
    return [b for part in parts for b in reading_order(part, body)]


def _merge_strips(strips: list[list[Block]], body: float) -> list[list[Block]]:
    """Join a strip of headlines side by side back with the strip under them.

    Two articles side by side whose headlines stand at one height leave a gap across the
    page under both headlines; cutting there would read both headlines before either
    text. Joined with the strip below, the gutter between the articles runs through both,
    so the recursion cuts that first and reads each article whole. Only headlines pull
    the strip below up to them: columns of one article over the next band's articles
    share the page's gutters too, but each band is read whole.
    """
    merged: list[list[Block]] = [strips[0]]
    for strip in strips[1:]:
        if _shared_gutter(merged[-1], strip, body):
            merged[-1] = merged[-1] + strip
        else:
            merged.append(strip)
    return merged


def _shared_gutter(upper: list[Block], lower: list[Block], body: float) -> bool:
    """Whether a vertical gap runs through both groups, with a headline of ``upper`` on
    each side of it and text of ``lower`` on each side."""
    parts = _cut(upper + lower, vertical=True)
    if len(parts) < 2:
        return False
    heads = {id(b) for b in upper if b.fragments[0].size >= HEADLINE_SCALE * body}
    lower_ids = {id(b) for b in lower}
    for k in range(1, len(parts)):
        left = {id(b) for part in parts[:k] for b in part}
        if left & heads and heads - left and left & lower_ids and lower_ids - left:
            return True
    return False


def _cut(items: list[Block], *, vertical: bool) -> list[list[Block]]:
    """Split where a gap runs across all of ``items``: left to right, or top to bottom."""
    if vertical:
        ordered = sorted(items, key=lambda b: b.left)
        parts: list[list[Block]] = [[ordered[0]]]
        reach = ordered[0].right
        for b in ordered[1:]:
            if b.left > reach:
                parts.append([])
            parts[-1].append(b)
            reach = max(reach, b.right)
        return parts
    ordered = sorted(items, key=lambda b: -b.top)
    parts = [[ordered[0]]]
    floor = ordered[0].bottom
    for b in ordered[1:]:
        if b.top < floor:
            parts.append([])
        parts[-1].append(b)
        floor = min(floor, b.bottom)
    return parts


def page_blocks(chars: Chars, width: float) -> list[Block]:
    """The page's blocks in reading order, each block's fragments top to bottom."""
    if not all(map(ge, chars.right, chars.left)):
        printed = zip(chars.left, chars.right, strict=True)
        chars = chars.select([i for i, (a, b) in enumerate(printed) if b >= a])
    if not chars.text:
        return []
    body = body_size(chars)
    gutters = find_gutters(chars, body, width)
    return reading_order(blocks(fragments(chars, gutters)), body)


INDENT_DECIMALS = 1
"""Indents are kept to a tenth of an em."""


def indents(block: Block) -> list[float | None]:
    """How far each fragment starts right of the block's left edge, in ems of its type.

    A block of one line, or of lines that all start at one edge, says nothing of
    indents (``None``): a column's first line may be a paragraph's or not.
    """
    frags = block.fragments
    if len(frags) < 2:
        return [None] * len(frags)
    edge = min(f.left for f in frags)
    return [round((f.left - edge) / f.size, INDENT_DECIMALS) for f in frags]
