"""End notes: （新华社北京2月27日电）, （本报开罗2月16日电）, （作者为中国驻俄罗斯大使）,
and end marks such as （完） and （待续）.

They close an article but are neither its text nor its byline.
"""

from __future__ import annotations

import re

from banmian.classify.patterns import CLOSE, DIGITS, HAN, OPEN, SENTENCE_CLOSERS

NAME = "endnote"

ENDNOTE_RE = re.compile(
    f"(?P<note>{OPEN}\\s*(?:"
    f"(?:{HAN}{{1,8}}?)(?:社|报|台|网)?{HAN}{{0,10}}?{DIGITS}{{1,2}}\\s*月\\s*{DIGITS}{{1,2}}\\s*日\\s*(?:专)?电"
    f"|作者(?:为|系|是|单位)[^（）()]{{1,60}}"
    f"|(?:据|来源[：:]|转自|摘自|原载)[^（）()]{{1,40}}"
    # end marks: （完）, （待续）, （全文完）
    "|完|待续|未完待续|续完|全文完"
    f")\\s*{CLOSE})\\s*$"
)
"""A bracketed end note at the end of a text."""


def find(text: str) -> tuple[int, int] | None:
    """Offsets of an end note closing ``text`` after a sentence end (or alone)."""
    if not text.rstrip().endswith(("）", ")")):
        return None
    # An end note holds no brackets, so it can only open at the last opening bracket.
    start = max(text.rfind("（"), text.rfind("("))
    m = ENDNOTE_RE.match(text, start) if start >= 0 else None
    if not m:
        return None
    before = text[: m.start()].rstrip()
    if before and before[-1] not in SENTENCE_CLOSERS:
        return None
    return m.span("note")


def whole_line(text: str) -> bool:
    """True when a line is nothing but an end note."""
    stripped = text.strip()
    span = find(stripped)
    return span is not None and span[0] == 0
