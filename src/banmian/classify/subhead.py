"""Subheads (小标题) that carry a marker: ■ 全线出击, ● …, 一、…, （一）….

Plain short lines standing alone inside an article are subheads too, but whether such a
line is a subhead or a headline depends on what surrounds it; assembly decides that.
"""

from __future__ import annotations

import re

from banmian.classify.patterns import CN_NUM

NAME = "subhead"

MARKER_RE = re.compile(
    f"^\\s*(?:[■□●○◆◇★☆◎▶►]|(?:{CN_NUM}{{1,3}}、)|(?:[（(]{CN_NUM}{{1,3}}[）)]))\\s*"
)
"""A subhead marker at the start of a line; the bullet itself is dropped from the text."""
MAX_WIDTH = 24.0
"""Subheads are short; a longer marked line is a list item in running text."""


def marked(text: str) -> re.Match[str] | None:
    """The marker opening ``text`` if it reads like a marked subhead."""
    return MARKER_RE.match(text)


_BULLET_RE = re.compile("^\\s*[■□●○◆◇★☆◎▶►▲△]\\s*")


def bullet_length(text: str) -> int:
    """Length of a leading bullet (■●◆…) to drop from a subhead's text; numbering stays."""
    m = _BULLET_RE.match(text)
    return m.end() if m else 0
