"""Lines and the line rules: strip each line, split off glued tails, ask the rules.

Before paragraphs are rebuilt, each line is asked of the classify rules in "silent" mode,
as markdown-it's paragraph rule asks the others: is it a block of its own (furniture, a
byline, a continuation marker, an end note), does it open one (a dateline, a caption, a
marked subhead), does a byline, end note or 下转 marker sit glued to its end? A cheap test
(``_special_lines``) keeps running text, most of a page, from being asked at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from banmian.classify import byline, caption, continuation, dateline, endnote, furniture, subhead
from banmian.model import Line
from banmian.normalize import closes_sentence, display_widths_many
from banmian.units import Part

CREDIT_MAX_WIDTH = 16.0
"""A photo credit on a line of its own (李 鑫摄（人民视觉）) is short."""

_TAIL_CHARS = frozenset("）)版页")
"""Last characters of a line that may be (or end in) a byline, end note or marker."""
_OPENING_CHARS = frozenset(
    "本□■◇◆●○▲△▼◀▶►★☆◎图上下左右（(一二三四五六七八九十0123456789０１２３４５６７８９新中据人"
)
"""First characters of a line that may open a dateline, caption, marker or subhead."""


_TRIGGER_RE = re.compile(
    "日[^\\S\\n]*[电讯]|报讯|报消息|/|／|摄|记者|通讯员|实习生|评论员|撰稿|编译"
    f"|{furniture.TRIGGER_RE.pattern}"
)
"""Characters and words without which no line rule takes a line: those of the line rules
(a line opening with 第 aside, see ``_OPENING_SHAPE``) and furniture's own
(``furniture.TRIGGER_RE``). Each alternative opens with a literal character, so the regex
engine skips ahead to the next candidate character in C."""
_CREDIT_ENDS = frozenset("社国觉片图PF发")
SHORT_FURNITURE_LABEL = 6
"""A line this short in a cluster of furniture lines is a label of it (产经, 国际)."""
SHORT_LABEL = 8
"""Lines this short may be furniture labels (深度, 南方日报) whatever they hold."""
LABEL_WITH_NUMBER = 16
"""Lines this short with a digit or a Latin letter may be labels (要闻 2, A4 国内)."""
_OPENING_SHAPE = re.compile(f"[{''.join(sorted(_OPENING_CHARS | {'第'}))}]")
"""A first character the rules may take (第 opens page labels: 第2版)."""
_CLOSING_SHAPE = re.compile(f"[{''.join(sorted(_TAIL_CHARS | _CREDIT_ENDS))}]")
"""A last character the rules may take."""
_NUMBER_OR_LATIN_RE = re.compile("[0-9０-９A-Za-z]")


def _special_lines(texts: list[str]) -> list[bool]:
    """For each stripped line, whether any line rule could take it: a cheap test first.

    Running text is most of a page; ruling it out keeps parsing fast. The test errs on
    the side of asking (the rules decide): an opening or closing character, a short line,
    a short line holding a digit or a Latin letter, a trigger word. It runs page-wide: the
    lines' first and last characters are each one string searched once (a hit's offset is
    its line), the triggers one search of the joined lines, hits mapped back to lines.
    """
    special = [len(t) <= SHORT_LABEL for t in texts]
    for i, t in enumerate(texts):
        if len(t) <= LABEL_WITH_NUMBER and _NUMBER_OR_LATIN_RE.search(t):
            special[i] = True
    firsts = "".join([t[0] for t in texts])
    lasts = "".join([t[-1] for t in texts])
    for m in _OPENING_SHAPE.finditer(firsts):
        special[m.start()] = True
    for m in _CLOSING_SHAPE.finditer(lasts):
        special[m.start()] = True
    joined = "\n".join(texts)
    starts = [0]
    for t in texts[:-1]:
        starts.append(starts[-1] + len(t) + 1)
    for m in _TRIGGER_RE.finditer(joined):
        special[bisect_right(starts, m.start()) - 1] = True
    if joined.count("\n") >= len(texts):
        # A line given with a line feed inside (``parse_lines`` from elsewhere): ask the
        # rules about it rather than test its shape.
        for i, t in enumerate(texts):
            special[i] = special[i] or "\n" in t
    return special


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


def _opening_kind(text: str, width: float) -> str | None:
    if text[0] not in _OPENING_CHARS and not dateline.may_open(text):
        return None
    if dateline.starts_line(text):
        return "dateline"
    if continuation.starts_line(text):
        return "continuation"
    if caption.starts_line(text):
        return "caption"
    if subhead.marked(text) and width <= subhead.MAX_WIDTH and "。" not in text:
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
    first.size = second.size = part.size
    first.indent = part.indent
    second.short = part.short
    second.whole = kind
    return [first, second]


BROKEN_MARKER_REST = 6
"""Most characters of a 下转 marker a line wrap may carry onto the next line (第12版）)."""


def _split_broken_markers(parts: list[Part]) -> list[Part]:
    """Find 下转 markers a line wrap broke in two (…施工，（下转第 / 3版）).

    The piece at the end of the first line becomes a part of its own, and both pieces
    are marked as a marker, so segmentation joins them into one marker unit. Only a short
    line ending like a marker can be a second piece: those are found first.
    """
    splits: list[tuple[int, list[Part]]] = []
    for i, nxt in enumerate(parts):
        rest = nxt.text
        if not i or len(rest) > BROKEN_MARKER_REST or rest[-1] not in _TAIL_CHARS:
            continue
        part = parts[i - 1]
        if part.whole or nxt.whole or nxt.blank_before or nxt.line != part.line + 1:
            continue
        joined = part.text + rest
        marker = continuation.closing_marker(joined)
        if marker is None or not marker.start < len(part.text) < marker.end == len(joined):
            continue
        head = part.text[: marker.start].rstrip()
        piece = Part(
            part.line,
            part.start + marker.start,
            part.end,
            part.text[marker.start :],
            part.run,
            not head and part.blank_before,
        )
        piece.size, piece.whole = part.size, "continuation"
        nxt.whole = "continuation"
        if head:
            part.end, part.text = part.start + len(head), head
            splits.append((i - 1, [part, piece]))
        else:
            splits.append((i - 1, [piece]))
    if not splits:
        return parts
    out = list(parts)
    for at, pieces in reversed(splits):
        out[at : at + 1] = pieces
    return out


def read_parts(lines: list[Line]) -> list[Part]:
    """The page's non-blank lines as parts, with their widths and what the rules said."""
    plain: list[Part] = []
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
        plain.append(
            Part(
                ln.number,
                start,
                start + len(text),
                text,
                run,
                blank,
                size=ln.size,
                indent=ln.indent,
                short=ln.short,
            )
        )
        blank = False
    _scale_sizes(plain)
    parts: list[Part] = []
    for part, special in zip(plain, _special_lines([p.text for p in plain]), strict=True):
        if not special:
            parts.append(part)
            continue
        part.special = True
        part.whole = _whole_kind(part.text)
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
    parts = _split_broken_markers(parts)
    _confirm_furniture(parts)
    for p, widths in zip(parts, display_widths_many([p.text for p in parts]), strict=True):
        p.widths = widths
        p.width = widths[0]
        p.closes = closes_sentence(p.text)
        if p.special and p.whole is None:
            p.opens = _opening_kind(p.text, p.widths[0])
            p.credit = p.width <= CREDIT_MAX_WIDTH and caption.has_credit(p.text)
    return parts


def _scale_sizes(parts: list[Part]) -> None:
    """Each part's type size relative to the body's: the size most characters are set in.

    Only a reader that knows sizes (PDF) sets them; text input keeps scale 1.0 throughout.
    """
    by_size: Counter[float] = Counter()
    for p in parts:
        if p.size:
            by_size[p.size] += len(p.text)
    if not by_size:
        return
    body = by_size.most_common(1)[0][0]
    for p in parts:
        if p.size:
            p.scale = p.size / body


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
