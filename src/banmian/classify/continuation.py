"""Continuation markers (转版): （下转第3版） ends a part, （上接第1版） opens one.

Page numbers may be Arabic or Chinese numerals (（上接第一版）, 下转第二版); the brackets
may be missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.classify.patterns import CLOSE, CN_NUM, OPEN, parse_number

NAME = "continuation"

_MARK = f"(?P<dir>上接|接|下转|转)\\s*(?:第|自)?\\s*(?P<num>{CN_NUM}{{1,3}})\\s*(?:版|页)"
OPENING_RE = re.compile(f"^\\s*{OPEN}?\\s*{_MARK}\\s*{CLOSE}?\\s*")
"""A marker at the start of a text (上接 / 接)."""
CLOSING_RE = re.compile(f"\\s*{OPEN}?\\s*{_MARK}\\s*{CLOSE}?\\s*$")
"""A marker at the end of a text (下转 / 转)."""


@dataclass(frozen=True, slots=True)
class Marker:
    """A continuation marker found in a text."""

    direction: str
    """``from`` for 上接 (this part continues one on another page), ``to`` for 下转."""
    page: int | None
    """The other page's number."""
    start: int
    """Offset of the marker in the text."""
    end: int
    """Offset one past the marker (and the spaces around it)."""


def _direction(word: str) -> str:
    return "from" if word in ("上接", "接") else "to"


def _mentions_page(text: str) -> bool:
    return "版" in text or "页" in text


def opening_marker(text: str) -> Marker | None:
    """The 上接 marker opening ``text``, if any."""
    if not _mentions_page(text[:16]):
        return None
    m = OPENING_RE.match(text)
    if not m or _direction(m.group("dir")) != "from":
        return None
    return Marker("from", parse_number(m.group("num")), m.start(), m.end())


def closing_marker(text: str) -> Marker | None:
    """The 下转 marker closing ``text``, if any."""
    tail = text.rstrip()[-16:]
    if not _mentions_page(tail):
        return None
    offset = len(text.rstrip()) - len(tail)
    m = CLOSING_RE.search(tail)
    if not m or _direction(m.group("dir")) != "to":
        return None
    return Marker("to", parse_number(m.group("num")), offset + m.start(), offset + m.end())


def starts_line(text: str) -> bool:
    """True when a line opens with a 上接 marker (it starts a new block)."""
    return opening_marker(text) is not None


def whole_line(text: str) -> bool:
    """True when a line is nothing but a marker."""
    m = opening_marker(text) or closing_marker(text)
    return m is not None and m.end - m.start == len(text)
