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
5. **Reading order** by recursive XY-cut over the blocks: cut the page along horizontal
   gaps that run across its whole width if there are any (top before bottom), else along
   a vertical gap that runs its whole height (left before right), and so on inside each
   part. Bands of articles are thus read one after the other, though the gutter between
   two articles of one band often runs on through the next band (cutting there first read
   the lower band's right half after the upper band's); a headline across columns comes
   before the columns under it; and articles side by side are read one after the other:
   a strip of headlines is cut together with the strip under it when a common gutter runs
   through both (``_merge_strips``), so headlines at one height do not pull apart their
   articles.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from statistics import median

import numpy as np
import numpy.typing as npt

from banmian.pdf.extract import Chars, text_of

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

_SPACE_CODES = np.array([chr(c).isspace() for c in range(0x3002)], dtype=np.bool_)
"""``str.isspace`` as a table by code point (none above U+3000; the last entry, false,
stands for all above)."""

Indices = npt.NDArray[np.intp]
Floats = npt.NDArray[np.float64]
Gutters = list[tuple[float, float]]
"""Gaps between columns, left to right: (start, end) in points."""


def _same_size(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= SAME_SIZE * max(a, b)


def body_size(chars: Chars) -> float:
    """The size most (non-space) characters are set in (sizes PDFium could not tell,
    NaN, are none)."""
    a = chars.arrays()
    printed = a.size[~_table(_SPACE_CODES, a.codes)]
    printed = printed[~np.isnan(printed)]
    if not len(printed):
        return 10.0
    # Count each size as PDFium gives it, then by tenths of a point, in the order sizes
    # are first seen, so ties go to the size seen first, as when counting rounded sizes
    # character by character.
    _, first, counts = np.unique(printed, return_index=True, return_counts=True)
    seen = np.argsort(first, kind="stable")
    sizes: Counter[float] = Counter()
    for size, n in zip(printed[first[seen]].tolist(), counts[seen].tolist(), strict=True):
        sizes[round(size, 1)] += n
    return sizes.most_common(1)[0][0]


def find_gutters(chars: Chars, body: float, width: float) -> Gutters:
    """The gaps between columns, from the x-projection of body-size characters."""
    bins = max(1, int(width) + 2)
    a = chars.arrays()
    body_like = [s for s in np.unique(a.size).tolist() if s == body or _same_size(s, body)]
    if not body_like:
        return []
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
    row_of_key = np.empty(len(keys), dtype=np.intp)
    row, anchor = -1, 0.0
    for j, key, size in zip(
        range(len(keys) - 1, -1, -1),
        keys[::-1].tolist(),
        a.size[first[::-1]].tolist(),
        strict=True,
    ):
        if row < 0 or anchor - key > ROW_TOLERANCE * size:
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


def fragments(chars: Chars, gutters: Gutters, body: float | None = None) -> list[Fragment]:
    """The page's line fragments, top row first, each with spaces at real gaps.

    A row is cut where the type size changes (white space aside) or a gutter lies between
    two neighbours; inside a fragment a space goes where the gap between two glyphs is a
    real space. Both need a neighbour whose size differs, a gap of at least
    ``LATIN_SPACE_GAP`` ems (the smallest threshold) or hanging punctuation before it:
    those few places are found for the whole page at once, with the rows laid end to end,
    and decided all at once too; then each fragment is made from its run of characters.
    Punctuation hanging into a gutter cuts only in ``body`` type (the page's body size
    by default): the gutters are those of body text, and a comma of a lead set larger
    across two columns may stand just over one.
    """
    order, row_starts = _rows(chars)
    n = len(order)
    if not n:
        return []
    a = chars.arrays()
    codes = a.codes[order]
    t = text_of(codes)
    left, right, size = a.left[order], a.right[order], a.size[order]
    gaps = left[1:] - right[:-1]  # gaps[k - 1]: from character k - 1 to k
    resized = size[1:] != size[:-1]  # resized[k - 1]: characters k - 1 and k differ
    if (size > 0).all():
        maybe = (gaps >= LATIN_SPACE_GAP * size[1:]) | resized
    else:  # sizes of zero or less turn the thresholds round: look at every pair
        maybe = np.ones(n - 1, dtype=np.bool_)
    hanging = _table(_HANGING_CODES, codes)
    maybe |= hanging[:-1]
    maybe[row_starts - 1] = True
    places = np.flatnonzero(maybe) + 1
    before = places - 1
    white = _table(_SPACE_CODES, codes)
    index = _GutterIndex(gutters)
    p_size, c_size = size[before], size[places]
    if body is None:
        body = body_size(chars)
    hangs = hanging & _same_sizes(size, np.full_like(size, body))
    cut = (resized[before] & ~_same_sizes(p_size, c_size) & ~white[places]) | index.between(
        left, right, size, hangs, places
    )
    cut[np.searchsorted(places, row_starts)] = True
    # A space between two glyphs neither of which is white: half an em, or less between
    # two Latin letters or digits, or two ideographs (not between an ideograph and a
    # Latin letter or digit: autospacing sets a quarter em there).
    gap = gaps[before]
    asked = np.flatnonzero(~cut & ~white[before] & ~white[places])
    words = np.array(
        [t[k - 1].isalnum() and t[k].isalnum() for k in places[asked].tolist()], dtype=np.bool_
    )
    ascii_before, ascii_after = codes[before[asked]] < 128, codes[places[asked]] < 128
    g, c = gap[asked], c_size[asked]
    spaced = (
        (g >= SPACE_GAP * c)
        | (words & ascii_before & ascii_after & (g >= LATIN_SPACE_GAP * c))
        | (words & ~ascii_before & ~ascii_after & (g >= IDEOGRAPH_SPACE_GAP * c))
    )
    spaces = places[asked[spaced]].tolist()
    starts = np.concatenate(([0], places[cut]))
    ends = np.append(starts[1:], n)
    # What each run of characters needs for its fragment, for all runs at once: its
    # first and last printing characters and the extent of its printing glyphs.
    printing = (~white).astype(np.intp)
    printed = np.concatenate(([0], np.cumsum(printing)))
    has_white = printed[ends] - printed[starts] < ends - starts
    bottom = np.minimum.reduceat(np.where(white, np.inf, a.bottom[order]), starts).tolist()
    top = np.maximum.reduceat(np.where(white, -np.inf, a.top[order]), starts).tolist()
    changes = np.concatenate(([0], np.cumsum(resized)))
    mixed = (changes[ends - 1] - changes[starts] > 0).tolist()
    members = order.tolist()
    sizes, lefts, rights = size.tolist(), left.tolist(), right.tolist()
    out: list[Fragment] = []
    s = 0  # the next space to place
    for j, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        if s < len(spaces) and spaces[s] < end:
            parts, done = [], start
            while s < len(spaces) and spaces[s] < end:
                parts += [t[done : spaces[s]], " "]
                done = spaces[s]
                s += 1
            parts.append(t[done:end])
            text = "".join(parts).strip()
        else:
            text = t[start:end].strip()
        if not text:
            continue
        if has_white[j]:
            ink = [k for k in range(start, end) if not t[k].isspace()]
            first, last, inked = ink[0], ink[-1], len(ink)
        else:
            first, last, inked = start, end - 1, end - start
        if not mixed[j]:
            typical = sizes[last]
        else:
            ink_sizes = [sizes[k] for k in ink] if has_white[j] else sizes[start:end]
            low = min(ink_sizes)
            typical = low if low == max(ink_sizes) else median(ink_sizes)
        # Punctuation hanging past the column is not its edge.
        edge = lefts[last] if inked > 1 and t[last] in HANGING else rights[last]
        out.append(
            Fragment(members[start:end], text, typical, lefts[first], edge, bottom[j], top[j])
        )
    for f in out:
        f.columns = (
            _column(f.left + 0.1 * f.size, index.starts),
            _column(f.right - 0.1 * f.size, index.starts),
        )
    return out


def _table(table: npt.NDArray[np.bool_], codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """``table`` looked up for each of ``codes`` (its last entry stands for all above)."""
    found: npt.NDArray[np.bool_] = table[np.minimum(codes, len(table) - 1)]
    return found


def _same_sizes(a: Floats, b: Floats) -> npt.NDArray[np.bool_]:
    """``_same_size`` of each pair."""
    same: npt.NDArray[np.bool_] = (a == b) | (np.abs(a - b) <= SAME_SIZE * np.maximum(a, b))
    return same


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
        best = -1  # where the block it joins is in ``keep``
        best_step = 0.0
        keep: list[tuple[Block, Fragment]] = []
        for b, last in open_blocks:
            step = last.bottom - f_bottom
            if step > reach * last.size:
                done.append(b)  # nothing further down can join it
                continue
            keep.append((b, last))
            if best >= 0 and step >= best_step:
                continue  # it could not be chosen over ``best``: spare the other tests
            if not lowest <= step <= highest or not _same_size(last.size, f_size):
                continue
            overlap = min(last.right, f.right) - max(last.left, f.left)
            if last.columns != f.columns and overlap <= 0:
                continue
            best, best_step = len(keep) - 1, step
        if best < 0:
            keep.append((Block([f]), f))
        else:
            keep[best] = (keep[best][0], f)
            keep[best][0].fragments.append(f)
        open_blocks = keep
    out = done + [b for b, _ in open_blocks]
    for b in out:  # each block's box, now that its fragments are known
        fs = b.fragments
        b.left, b.right = min(f.left for f in fs), max(f.right for f in fs)
        b.bottom, b.top = min(f.bottom for f in fs), max(f.top for f in fs)
    return out


def reading_order(items: list[Block], body: float) -> list[Block]:
    """Blocks in reading order, by recursive XY-cut (horizontal cuts first)."""
    if len(items) <= 1:
        return list(items)
    parts = _merge_strips(_cut(items, vertical=False), body)
    if len(parts) == 1:
        parts = _cut(items, vertical=True)
    if len(parts) == 1:
        return sorted(items, key=lambda b: (-b.top, b.left))
    return [b for part in parts for b in reading_order(part, body)]


def _merge_strips(strips: list[list[Block]], body: float) -> list[list[Block]]:
    """Join a strip of headlines side by side with the strip under them.

    Two articles side by side whose headlines stand at one height leave a gap across the
    page under both headlines; cutting there would read both headlines before either
    text. Joined with the strip below, the gutter between the articles runs through both,
    so the recursion cuts that first and reads each article whole. Only a strip of
    headlines alone (or several, already joined) pulls the strip below up to it: a band
    of articles and the band under it share the page's gutters too, but each band is
    read whole.
    """
    merged: list[list[Block]] = [strips[0]]
    for strip in strips[1:]:
        above = merged[-1]
        if all(_is_headline(b, body) for b in above) and _shared_gutter(above, strip):
            merged[-1] = above + strip
        else:
            merged.append(strip)
    return merged


def _is_headline(block: Block, body: float) -> bool:
    return block.fragments[0].size >= HEADLINE_SCALE * body


def _shared_gutter(heads: list[Block], lower: list[Block]) -> bool:
    """Whether a vertical gap runs through both groups, with a block of ``heads`` on
    each side of it and one of ``lower`` on each side."""
    parts = _cut(heads + lower, vertical=True)
    if len(parts) < 2:
        return False
    head_ids = {id(b) for b in heads}
    lower_ids = {id(b) for b in lower}
    for k in range(1, len(parts)):
        left = {id(b) for part in parts[:k] for b in part}
        if left & head_ids and head_ids - left and left & lower_ids and lower_ids - left:
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
    a = chars.arrays()
    printed = a.right >= a.left
    if not printed.all():
        chars = chars.select(np.flatnonzero(printed).tolist())
    if not len(chars):
        return []
    body = body_size(chars)
    gutters = find_gutters(chars, body, width)
    return reading_order(blocks(fragments(chars, gutters, body)), body)


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


def shortfalls(block: Block) -> list[float | None]:
    """How far each fragment ends short of the block's right edge, in ems of its type
    (closing punctuation left out of its extent, as it may hang past the edge); ``None``
    for a block of one line."""
    frags = block.fragments
    if len(frags) < 2:
        return [None] * len(frags)
    edge = max(f.right for f in frags)
    return [round((edge - f.right) / f.size, INDENT_DECIMALS) for f in frags]
