"""Photo captions: ▲12月8日，…; 图为…; lines ending in a credit such as 张三 摄.

A caption is its own block; assembly puts it into the article it is printed beside.
"""

from __future__ import annotations

import re

from banmian.classify.patterns import CLOSE, OPEN, ROLE
from banmian.classify.patterns import NAME as NAME_PATTERN

NAME = "caption"

OPENING_RE = re.compile(
    "^\\s*(?:[▲△▼◀▶]|(?:图为|上图|下图|左图|右图|图一|图二|图\\s*[：:]|图片\\s*[：:]))"
)
"""Openings that only captions use."""
CREDIT_RE = re.compile(
    f"(?:^|[\\s\u3000。！？”）)]|{ROLE})\\s*{NAME_PATTERN}(?:\\s*[、 ]\\s*{NAME_PATTERN})*\\s*摄"
    f"(?:影)?(?:\\s*{OPEN}[^（）()]{{1,12}}{CLOSE})?\\s*$"
    f"|{OPEN}\\s*(?:{ROLE})?\\s*{NAME_PATTERN}(?:\\s*[、 ]\\s*{NAME_PATTERN})*"
    f"\\s*摄\\s*{CLOSE}\\s*$"
    "|(?:新华社|视觉中国|人民视觉|资料图片|资料图|CFP)\\s*(?:发|供图)?\\s*$"
)
"""A photo credit closing a caption: 张三 摄, 王正摄（人民视觉）, （记者 张三 摄）."""


BULLET_RE = re.compile("^\\s*[▲△▼◀▶]")
"""A triangle opening a caption (▲12月8日，…) or, before a short line, a subhead."""


def starts_line(text: str) -> bool:
    """True when a line opens like a caption."""
    return OPENING_RE.match(text) is not None


_CREDIT_TAIL = 40
"""A credit sits in the last few characters of a caption."""


def has_credit(text: str) -> bool:
    """True when ``text`` ends in a photo credit."""
    text = text.rstrip()
    start = max(0, len(text) - _CREDIT_TAIL)
    tail = text[start:]
    if "摄" not in tail and not tail.endswith(("社", "中国", "视觉", "图片", "图", "CFP", "发")):
        return False
    return CREDIT_RE.search(text, start) is not None
