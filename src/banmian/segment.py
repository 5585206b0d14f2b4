"""Segment stage: rebuild paragraphs across hard wraps and column-break blank lines.

PDF extraction cuts each column into lines of the column's width and puts a blank line
at every column or block break, even inside a word. A line ends a paragraph when it
closes a sentence (。！？…) and either falls short of the column width or is followed by
an indented line (the first line of a paragraph is about two characters shorter, its
indent lost). An unfinished full line flows on over a blank line. Column widths are
measured on the page itself, line by line, from the lines around each line.

Lines that are a block of their own (furniture, a byline, a continuation marker, an end
note) and lines that open a block (a dateline, a caption, a marked subhead) are asked
of the classify rules in "silent" mode, as markdown-it's paragraph rule asks the others.
"""

from __future__ import annotations

import re
from statistics import median

from banmian.classify import byline, caption, continuation, dateline, endnote, furniture, subhead
from banmian.model import Line, Span
from banmian.normalize import closes_sentence, display_width, display_widths_many
from banmian.source import SourceText
from banmian.units import DEFAULT_WIDTH, Part, Unit

SHORT_BY = 1.5
"""A line this much narrower than its column is short: a paragraph's last or first line."""
WIDER_BY = 2.0
"""A line this much wider than its column belongs to another block (a headline, a lead)."""
OWN_READING_LINES = 8
"""A run with this many lines of running text may read punctuation its own way."""
INDENT_MAX = 3.5
"""A paragraph's first line is at most this much narrower than its column; an unfinished
line narrower still is a heading."""
CREDIT_MAX_WIDTH = 16.0
"""A photo credit on a line of its own (李 鑫摄（人民视觉）) is short."""
WINDOW = 4
"""Lines on each side used to measure the column width around a line."""


_TAIL_CHARS = frozenset("）)版页")
"""Last characters of a line that may be (or end in) a byline, end note or marker."""
_OPENING_CHARS = frozenset(
    "本□■◇◆●○▲△▼◀▶►★☆◎图上下左右（(一二三四五六七八九十0123456789０１２３４５６７８９新中据人"
)
"""First characters of a line that may open a dateline, caption, marker or subhead."""


_TRIGGER_RE = re.compile("日\\s*[电讯]|报讯|报消息|[/／摄]|记者|通讯员|实习生|评论员|撰稿|编译|^第")
"""Characters and words without which no line rule but furniture's takes a line (furniture
has its own, ``furniture.TRIGGER_RE``; see ``_may_be_special``)."""
_ALNUM_RE = re.compile("[0-9０-９A-Za-z]")
_CREDIT_ENDS = frozenset("社国觉片图PF发")
SHORT_FURNITURE_LABEL = 6
"""A line this short in a cluster of furniture lines is a label of it (产经, 国际)."""
SHORT_LABEL = 8
"""Lines this short may be furniture labels (深度, 南方日报) whatever they hold."""
LABEL_WITH_NUMBER = 16
"""Lines this short with a digit or a Latin letter may be labels (要闻 2, A4 国内)."""


_HANGING = frozenset("，。、；：！？”’）》」』")
"""Punctuation that may hang past the right margin at a line's end."""


def _may_be_special(text: str) -> bool:
    """Whether any line rule could take ``text``: a cheap test before asking them.

    Running text is most of a page; ruling it out with one character-class search keeps
    parsing fast. The test errs on the side of asking: the rules decide.
    """
    n = len(text)
    return (
        text[0] in _OPENING_CHARS
        or text[-1] in _TAIL_CHARS
        or text[-1] in _CREDIT_ENDS
        or n <= SHORT_LABEL
        or (n <= LABEL_WITH_NUMBER and _ALNUM_RE.search(text) is not None)
        or _TRIGGER_RE.search(text) is not None
        or furniture.TRIGGER_RE.search(text) is not None
    )


def _whole_kind(text: str) -> str | None:
    furniture_kind = furniture.kind(text)
    if furniture_kind == furniture.STRONG:
        return "furniture"
    if text[-1] in _TAIL_CHARS:
        if continuation.whole_line(text):
            return "continuation"
        if endnote.whole_line(text):
            return "endnote"
    if byline.whole_line(text):
        return "byline"
    if furniture_kind == furniture.WEAK:
        return "weak-furniture"  # furniture only if its neighbours are (see below)
    return None


def _opening_kind(text: str) -> str | None:
    if text[0] not in _OPENING_CHARS and not dateline.may_open(text):
        return None
    if dateline.starts_line(text):
        return "dateline"
    if continuation.starts_line(text):
        return "continuation"
    if caption.starts_line(text):
        return "caption"
    if subhead.marked(text) and display_width(text) <= subhead.MAX_WIDTH and "。" not in text:
        return "subhead"
    return None


def _split_glued_tail(part: Part) -> list[Part]:
    """Split a byline, end note or 下转 marker glued to the end of a line into a part."""
    text = part.text
    if text[-1] not in _TAIL_CHARS:
        return [part]
    cut: int | None = None
    kind = None
    b = byline.closing(text)
    if b and b.start > 0:
        cut, kind = b.start, "byline"
    else:
        note = endnote.find(text)
        if note and note[0] > 0:
            cut, kind = note[0], "endnote"
        else:
            m = continuation.closing_marker(text)
            if m and m.start > 0:
                cut, kind = m.start, "continuation"
    if cut is None:
        return [part]
    head = text[:cut].rstrip()
    tail_at = cut + (len(text[cut:]) - len(text[cut:].lstrip()))
    first = Part(part.line, part.start, part.start + len(head), head, part.run, part.blank_before)
    second = Part(part.line, part.start + tail_at, part.end, text[tail_at:], part.run, False)
    second.whole = kind
    return [first, second]


def _parts(lines: list[Line]) -> list[Part]:
    parts: list[Part] = []
    run = 0
    blank = True
    for ln in lines:
        raw = ln.raw
        text = raw.strip()
        if not text:
            if not blank:
                run += 1
            blank = True
            continue
        start = len(raw) - len(raw.lstrip())
        part = Part(ln.number, start, start + len(text), text, run, blank)
        blank = False
        if not _may_be_special(text):
            parts.append(part)
            continue
        part.special = True
        part.whole = _whole_kind(text)
        if part.whole == "weak-furniture":
            part.whole = None
            part.weak_furniture = True
        if part.whole:
            parts.append(part)
        else:
            pieces = _split_glued_tail(part)
            for piece in pieces:
                piece.special = True
            parts.extend(pieces)
    _confirm_furniture(parts)
    for p, widths in zip(parts, display_widths_many([p.text for p in parts]), strict=True):
        p.widths = widths
        p.width = widths[0]
        p.closes = closes_sentence(p.text)
        if p.special and p.whole is None:
            p.opens = _opening_kind(p.text)
            p.credit = p.width <= CREDIT_MAX_WIDTH and caption.has_credit(p.text)
    return parts


def _confirm_furniture(parts: list[Part]) -> None:
    """Short labels next to furniture, in the same run of lines, are furniture too.

    A running head or a page foot is a cluster of short lines (paper, date, section, page
    number); once one of them is surely furniture, a page number alone or a section name
    (国际, 产经) right beside it is too, and so on outwards. The same label standing
    apart is left to the rules.
    """

    def label(p: Part) -> bool:
        short = len(p.text) <= SHORT_FURNITURE_LABEL and not closes_sentence(p.text)
        return p.whole is None and (p.weak_furniture or short)

    for i, p in enumerate(parts):
        if p.whole != "furniture":
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(parts) and parts[j].run == p.run and label(parts[j]):
                parts[j].whole = "furniture"
                j += step


def _spread(widths: list[float]) -> float:
    mid = median(widths)
    return sum(abs(w - mid) for w in widths) / len(widths)


def _choose_punctuation_width(parts: list[Part]) -> None:
    """Count punctuation at the width that evens the page's lines out.

    Three readings: all punctuation squeezed to half width; punctuation full but curly
    quotes half (proportional glyphs); everything full width. The page takes the reading
    that makes its runs most even; a long run that clearly reads otherwise keeps its own.
    """
    runs: dict[int, list[Part]] = {}
    for p in parts:
        runs.setdefault(p.run, []).append(p)
    # Each run's lines are measured against the run's own median; the page's reading is
    # the one with the least spread summed over its runs (a short run says little alone),
    # and a long run may still read otherwise when it clearly does.
    totals = [0.0, 0.0, 0.0]
    choice: dict[int, int] = {}
    for run, members in runs.items():
        mids = [p for p in members if p.mid_line]
        if len(mids) < 4:
            continue
        spreads = [_spread([p.widths[k] for p in mids]) * len(mids) for k in range(3)]
        for k in range(3):
            totals[k] += spreads[k]
        best = min(range(3), key=lambda k: (spreads[k], k))
        if len(mids) >= OWN_READING_LINES:
            choice[run] = best
    page_reading = min(range(3), key=lambda k: (totals[k], k))
    for run, members in runs.items():
        reading = choice.get(run, page_reading)
        for p in members:
            p.width = p.widths[reading]
            last = p.text[-1]
            if last in _HANGING:
                p.hanging = 0.5 if reading == 0 or (reading == 1 and last in "”’") else 1.0


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
    widths = [p.width for p in parts]
    runs = [p.run for p in parts]
    mids = [p.mid_line for p in parts]
    start = 0
    while start < n:
        end = start
        while end < n and runs[end] == runs[start]:
            end += 1
        sample_all = [widths[j] for j in range(start, end) if mids[j]]
        if len(sample_all) >= 3 and end - start <= 2 * WINDOW + 1:
            value = _upper_quartile(sample_all)
            for i in range(start, end):
                own[i] = value
        elif len(sample_all) >= 3:
            for i in range(start, end):
                lo, hi = max(start, i - WINDOW), min(end, i + WINDOW + 1)
                sample = [widths[j] for j in range(lo, hi) if mids[j]]
                if len(sample) >= 3:
                    own[i] = _upper_quartile(sample)
        start = end
    measured = [w for w in own if w is not None]
    fallback = median(measured) if measured else DEFAULT_WIDTH
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
    without it: a first line is then short by its indent either way.
    """
    return not p.closes and p.width - p.hanging <= column - SHORT_BY


def _continues(prev: Part, cur: Part, nxt: Part | None, first_of_unit: bool) -> bool:
    """Whether ``cur`` continues the block that ``prev`` ends."""
    if prev.whole or cur.whole or cur.opens:
        return False
    if cur.credit:
        return not cur.blank_before  # a photo credit under its caption
    column = max(cur.column, prev.column)
    wide = cur.width >= column + WIDER_BY or prev.width >= column + WIDER_BY
    if cur.blank_before and wide:
        return False  # a line wider than the column is no column text: a headline
    lone = nxt is None or nxt.blank_before or nxt.run != cur.run
    if prev.closes and cur.blank_before and lone and not cur.closes:
        return False  # one unfinished line standing alone after finished text: a heading
    if not prev.closes:
        if cur.blank_before:
            # Unfinished text flows over a column break unless it is shorter than any
            # line of running text (a heading), or what follows starts a paragraph.
            longest = max(prev.widths)  # punctuation at full width: the generous reading
            return longest > column - INDENT_MAX and not _indented(cur, column)
        # In one run, a short line followed by a paragraph's first line and full lines
        # is a heading standing right above its text.
        runs_on = (
            nxt is not None
            and nxt.run == cur.run
            and nxt.whole is None
            and nxt.opens is None  # a dateline or 上接 after it: cur is no first line
            and nxt.width > column - SHORT_BY
        )
        heading_above = (
            prev.width <= column - INDENT_MAX
            and prev.opens != "dateline"
            and _indented(cur, column)
            and runs_on
        )
        # A marked subhead (一、…, ■…) ends where an indented first line follows.
        marked_above = first_of_unit and prev.opens == "subhead" and _indented(cur, column)
        return not (heading_above or marked_above)
    if _indented(cur, column):
        return False  # what follows starts a paragraph
    if prev.width > column - SHORT_BY:
        return True  # a full line that happens to end a sentence
    # A short line ending a sentence ends its paragraph, unless it is the paragraph's
    # first line (short by its lost indent) and a full line follows.
    return first_of_unit and prev.width > column - INDENT_MAX


def segment(lines: list[Line]) -> list[Unit]:
    """Group the page's lines into units: paragraphs, headline lines, markers, bylines."""
    parts = _parts(lines)
    _choose_punctuation_width(parts)
    _measure_columns(parts)
    raw = {ln.number: ln.raw for ln in lines}
    units: list[Unit] = []
    current: list[Part] = []

    def flush() -> None:
        if not current:
            return
        text = SourceText.from_pieces(raw, [Span(p.line, p.start, p.end) for p in current])
        unit = Unit(list(current), text)
        unit.blank_before = current[0].blank_before
        unit.column = current[len(current) // 2].column
        if units:
            units[-1].blank_after = unit.blank_before
        units.append(unit)
        current.clear()

    for i, part in enumerate(parts):
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if current and not _continues(current[-1], part, nxt, len(current) == 1):
            flush()
        current.append(part)
    flush()
    return units
