"""Segment stage: rebuild paragraphs across hard wraps and column-break blank lines.

PDF extraction cuts each column into lines of the column's width and puts a blank line
at every column or block break, even inside a word. A line ends a paragraph when it
closes a sentence (。！？…) and either falls short of the column width or is followed by
an indented line (the first line of a paragraph is about two characters shorter, its
indent lost). An unfinished full line flows on over a blank line. Column widths are
measured on the page itself, line by line, from the lines around each line.

When the reader knows type sizes (PDF input), a change of size ends a block too.

What each line is by itself (furniture, a byline, a marker; the opening of a dateline,
a caption, a subhead) the line rules have said already (``banmian.lines``); this module
decides where blocks begin and end.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import groupby, pairwise
from operator import attrgetter

from banmian.classify import continuation
from banmian.lines import read_parts
from banmian.model import Line, make_span
from banmian.source import SourceText
from banmian.units import DEFAULT_WIDTH, Part, Unit, same_size

SHORT_BY = 1.5
"""A line this much narrower than its column is short: a paragraph's last or first line."""
WIDER_BY = 2.0
"""A line this much wider than its column belongs to another block (a headline, a lead)."""
OWN_READING_LINES = 8
"""A run with this many lines of running text may read punctuation its own way."""
INDENT_MAX = 3.5
"""A paragraph's first line is at most this much narrower than its column; an unfinished
line narrower still is a heading."""
INDENT_SEEN = 1.0
"""An indent of this many ems, where the reader saw one (PDF input), marks a paragraph's
first line (set two ems in, as a rule)."""
FULL_WITHIN = 1.5
"""A line ending this few ems short of its block's right edge, where the reader saw it (PDF
input), is full: justified text reaches the edge, less the closing punctuation the reader
leaves out of the line's extent (it may hang past the edge)."""
MIN_MEASURED = 3
"""Lines of running text a run needs to measure its own column."""
WINDOW = 4
"""Lines on each side used to measure the column width around a line."""


_HANGING = frozenset("，。、；：！？”’）》」』")
"""Punctuation that may hang past the right margin at a line's end."""


def _median(values: Sequence[float]) -> float:
    """``statistics.median`` without its checks (called per run, three times)."""
    ordered = sorted(values)
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    return (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def _spread(widths: Sequence[float]) -> float:
    mid = _median(widths)
    return sum([abs(w - mid) for w in widths]) / len(widths)


def _choose_punctuation_width(parts: list[Part]) -> None:
    """Count punctuation at the width that evens the page's lines out.

    Three readings: all punctuation squeezed to half width; punctuation full but curly
    quotes half (proportional glyphs); everything full width. The page takes the reading
    that makes its runs most even; a long run that clearly reads otherwise keeps its own.
    """
    runs = {run: list(members) for run, members in groupby(parts, attrgetter("run"))}
    # Each run's lines are measured against the run's own median; the page's reading is
    # the one with the least spread summed over its runs (a short run says little alone),
    # and a long run may still read otherwise when it clearly does.
    totals = [0.0, 0.0, 0.0]
    choice: dict[int, int] = {}
    for run, members in runs.items():
        mids = [p.widths for p in members if p.mid_line]
        if len(mids) < 4:
            continue
        spreads = [_spread(reading) * len(mids) for reading in zip(*mids, strict=True)]
        for k in range(3):
            totals[k] += spreads[k]
        best = min(range(3), key=lambda k: (spreads[k], k))
        if len(mids) >= OWN_READING_LINES:
            choice[run] = best
    page_reading = min(range(3), key=lambda k: (totals[k], k))
    for run, members in runs.items():
        reading = choice.get(run, page_reading)
        quote_half = reading == 0 or reading == 1
        for p in members:
            p.width = p.widths[reading]
            last = p.text[-1]
            if last in _HANGING:
                p.hanging = 0.5 if reading == 0 or (quote_half and last in "”’") else 1.0


def _upper_quartile(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[(3 * len(ordered)) // 4 - (1 if len(ordered) % 4 == 0 else 0)]


def _measure_columns(parts: list[Part]) -> None:
    """Set each part's ``column``: the upper quartile of running-text widths around it.

    Running text is mostly full lines; first lines (indent lost) and headings standing
    in the same run are narrower, so the upper quartile, not the median, is the width.

    Lines of the same run (between blank lines) are measured together; a run too short
    to measure takes the wider of the measured columns before and after it.
    """
    n = len(parts)
    own: list[float | None] = [None] * n
    # The width of each line of running text, None for the others.
    running = [p.width if p.mid_line else None for p in parts]
    start = 0
    for _run, members in groupby(parts, attrgetter("run")):
        end = start + len(list(members))
        sample_all = [w for w in running[start:end] if w is not None]
        if len(sample_all) >= MIN_MEASURED and end - start <= 2 * WINDOW + 1:
            value = _upper_quartile(sample_all)
            own[start:end] = [value] * (end - start)
        elif len(sample_all) >= MIN_MEASURED:
            # The running-text lines of the window around each line, found by bisection.
            at = [j for j in range(start, end) if running[j] is not None]
            for i in range(start, end):
                lo = bisect_left(at, i - WINDOW)
                hi = bisect_left(at, i + WINDOW + 1, lo)
                if hi - lo >= MIN_MEASURED:
                    own[i] = _upper_quartile(sample_all[lo:hi])
        start = end
    measured = [w for w in own if w is not None]
    fallback = _median(measured) if measured else DEFAULT_WIDTH
    before: list[float | None] = [None] * n
    last: float | None = None
    for i in range(n):
        last = own[i] if own[i] is not None else last
        before[i] = last
    after: float | None = None
    for i in range(n - 1, -1, -1):
        after = own[i] if own[i] is not None else after
        if own[i] is not None:
            parts[i].column = own[i] or fallback
        else:
            # A run too short to measure sits between two columns; text in it may belong
            # to either, so it is measured against the wider.
            sides = [w for w in (before[i], after) if w is not None]
            parts[i].column = max(sides) if sides else fallback


def _indented(p: Part, column: float) -> bool:
    """Shaped like a paragraph's first line (its indent lost) or a short heading.

    Punctuation ending a line may hang past the margin or not, so the line is measured
    without it: a first line is then short by its indent either way. When the reader saw
    the indent (``Part.indent``, PDF input), it decides: an indented line is a first line,
    and a line set flush left is none unless it is short enough for a heading.
    """
    if p.indent is not None:
        if p.indent >= INDENT_SEEN:
            return True
        if p.width - p.hanging > column - INDENT_MAX:
            return False  # flush left and (nearly) full: text running on
    return not p.closes and p.width - p.hanging <= column - SHORT_BY


def _alone(cur: Part, nxt: Part | None) -> bool:
    """Nothing follows ``cur`` in its run of lines."""
    return nxt is None or nxt.blank_before or nxt.run != cur.run


def _runs_on(cur: Part, nxt: Part | None, column: float) -> bool:
    """A full line of the same block follows ``cur`` in its run."""
    return (
        nxt is not None
        and nxt.run == cur.run
        and nxt.whole is None
        and nxt.opens is None  # a dateline or 上接 after it: cur is no first line
        and nxt.width > column - SHORT_BY
    )


def _continues(prev: Part, cur: Part, nxt: Part | None, first_of_unit: bool) -> bool:
    """Whether ``cur`` continues the block that ``prev`` ends."""
    if prev.whole == cur.whole == "continuation" and not cur.blank_before:
        # a 下转 marker a line wrap broke in two (…（下转第 / 3版）) is one marker
        return not continuation.whole_line(prev.text)
    if prev.whole or cur.whole or cur.opens:
        return False
    if (prev.scale != 1.0 or cur.scale != 1.0) and not same_size(prev, cur):
        return False  # another type size is another block: a headline part, a lead, a caption
    if cur.credit:
        return not cur.blank_before  # a photo credit under its caption
    column = max(cur.column, prev.column)
    wide = cur.width >= column + WIDER_BY or prev.width >= column + WIDER_BY
    if cur.blank_before and wide:
        return False  # a line wider than the column is no column text: a headline
    if prev.closes and cur.blank_before and not cur.closes and _alone(cur, nxt):
        return False  # one unfinished line standing alone after finished text: a heading
    if not prev.closes:
        if cur.blank_before:
            # Unfinished text flows over a column break unless it is shorter than any
            # line of running text (a heading), or what follows starts a paragraph.
            longest = max(prev.widths)  # punctuation at full width: the generous reading
            return longest > column - INDENT_MAX and not _indented(cur, column)
        # In one run, a short line followed by a paragraph's first line and full lines
        # is a heading standing right above its text.
        heading_above = (
            prev.width <= column - INDENT_MAX
            and prev.opens != "dateline"
            and _indented(cur, column)
            and _runs_on(cur, nxt, column)
        )
        # A marked subhead (一、…, ■…) ends where an indented first line follows.
        marked_above = first_of_unit and prev.opens == "subhead" and _indented(cur, column)
        return not (heading_above or marked_above)
    if _indented(cur, column):
        return False  # what follows starts a paragraph
    if prev.short is not None:
        # The reader saw where the line ends: a full line that happens to end a sentence
        # runs on (its width in characters may fall short: digits, Latin letters).
        return prev.short <= FULL_WITHIN
    if prev.width > column - SHORT_BY:
        return True  # a full line that happens to end a sentence
    # A short line ending a sentence ends its paragraph, unless it is the paragraph's
    # first line (short by its lost indent) and a full line follows.
    return first_of_unit and prev.width > column - INDENT_MAX


def _unit(parts: list[Part]) -> Unit:
    """The unit of a group of parts; a part's text is its span of the raw line."""
    text = SourceText(
        "".join([p.text for p in parts]), [make_span(p.line, p.start, p.end) for p in parts]
    )
    return Unit(
        parts, text, blank_before=parts[0].blank_before, column=parts[len(parts) // 2].column
    )


def segment(lines: list[Line]) -> list[Unit]:
    """Group the page's lines into units: paragraphs, headline lines, markers, bylines."""
    parts = read_parts(lines)
    _choose_punctuation_width(parts)
    _measure_columns(parts)
    groups: list[list[Part]] = []
    current: list[Part] = []
    for part, nxt in zip(parts, [*parts[1:], None], strict=False):
        if current and not _continues(current[-1], part, nxt, len(current) == 1):
            groups.append(current)
            current = []
        current.append(part)
    if current:
        groups.append(current)
    units = [_unit(group) for group in groups]
    for before, after in pairwise(units):
        before.blank_after = after.blank_before
    return units
