"""Split a headline group into kicker, main title and subtitle, and join wrapped titles.

In printed order a group reads kicker (引题), main title (主题), subtitle (副题). A
block opened by —— is a subtitle; a line ending in —— is a kicker. Of the remaining
blocks the last is the main title and the one before it the kicker. A main title set
on two lines is either two parallel clauses (joined with a space) or one title wrapped
(joined with nothing): parallel clauses are each a full clause of similar length.
"""

from __future__ import annotations

from itertools import pairwise

from banmian.model import Field
from banmian.normalize import clean_title
from banmian.source import SourceText, join
from banmian.units import Unit

DASHES = ("——", "──", "—", "─", "--")
"""Openings of a subtitle and endings of a kicker."""
PARALLEL_MIN_CHARS = 12
"""Each of two parallel title clauses has at least this many characters."""
PARALLEL_MAX_DIFF = 2
"""Two parallel clauses differ in length by at most this many characters."""
RULE = "titles"


def _chars(text: str) -> int:
    return len("".join(text.split()))


def join_title_lines(lines: list[str]) -> str:
    """Join the lines of one title: a space between parallel clauses, nothing otherwise."""
    cleaned = [clean_title(t) for t in lines if t.strip()]
    if not cleaned:
        return ""
    out = cleaned[0]
    for prev, cur in pairwise(cleaned):
        parallel = (
            min(_chars(prev), _chars(cur)) >= PARALLEL_MIN_CHARS
            and abs(_chars(prev) - _chars(cur)) <= PARALLEL_MAX_DIFF
            and prev[-1] not in "，、：；,:;—"
        )
        out += (" " if parallel else "") + cur
    return out


def _strip_dashes(text: str, leading: bool) -> str:
    for d in DASHES:
        if leading and text.startswith(d):
            return text[len(d) :].strip()
        if not leading and text.endswith(d):
            return text[: -len(d)].strip()
    return text


def _field(lines: list[SourceText], rule: str) -> Field:
    return Field(join_title_lines([t.text for t in lines]), join(lines).spans(), rule)


def title_group(units: list[Unit]) -> tuple[Field | None, Field | None, Field | None]:
    """(kicker, title, subtitle) of a headline group given in printed order."""
    blocks: list[list[SourceText]] = []
    subtitle_lines: list[SourceText] = []
    kicker_lines: list[SourceText] = []
    for unit in units:
        current: list[SourceText] = []
        for part in unit.parts:
            text = unit.text.slice(*_part_offsets(unit, part))
            stripped = text.text.strip()
            if stripped.startswith(DASHES):
                subtitle_lines.append(text)
            elif stripped.endswith(DASHES) and not blocks and not kicker_lines:
                kicker_lines.extend([*current, text])
                current = []
            elif subtitle_lines and not current and blocks:
                subtitle_lines.append(text)  # a subtitle wrapped onto a second line
            else:
                current.append(text)
        if current:
            blocks.append(current)
    if kicker_lines:
        blocks.insert(0, kicker_lines)
    kicker = title = subtitle = None
    if blocks:
        title = _field(blocks[-1] if len(blocks) <= 2 else blocks[1], RULE)
        if len(blocks) >= 2:
            kicker = _field(blocks[0], RULE)
            kicker.text = _strip_dashes(kicker.text, leading=False)
        if len(blocks) >= 3:
            subtitle_lines = [t for b in blocks[2:] for t in b] + subtitle_lines
    if subtitle_lines:
        subtitle = _field(subtitle_lines, RULE)
        subtitle.text = _strip_dashes(subtitle.text, leading=True)
    if title is None and subtitle is not None:
        title, subtitle = subtitle, None
    return kicker, title, subtitle


def _part_offsets(unit: Unit, part: object) -> tuple[int, int]:
    """Offsets of ``part`` inside ``unit.text`` (parts are concatenated in order)."""
    pos = 0
    for p in unit.parts:
        length = p.end - p.start
        if p is part:
            return pos, pos + length
        pos += length
    raise ValueError("part not in unit")
