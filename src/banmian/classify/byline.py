"""Bylines (署名): （张三） closing an article, or a reporter line opening it.

Closing forms: （张三）, （记者 张三）, （张三 李四）, （本报记者 张三）, （通讯员 王五）,
glued after a space to the last line or standing on a line of their own. Only a bracket
that closes a paragraph after sentence-ending punctuation counts; ``150MW（兆瓦）`` inside a
sentence does not. Opening forms, on a line of their own: 本报记者 张三, □本报记者 张三,
记者 张三 报道.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.classify.patterns import CLOSE, OPEN, ROLE, ROLE_NAMES, SENTENCE_CLOSERS
from banmian.classify.patterns import NAME as NAME_PATTERN
from banmian.normalize import IDEOGRAPH

IDEOGRAPH_RUN = f"[{IDEOGRAPH}]{{2,6}}"

NAME = "byline"

NOT_NAMES = frozenset(
    "待续 未完 全文完 续完 下同 同上 资料图 本报 本刊 记者 通讯员 编者 摘编 编译 "
    "兆瓦 千瓦 公斤 千克 公里 平方米 万元 亿元 美元 试行 草案 节选 摘要 全文 附件 "
    "图片 视频 来源 新华社 人民网 央视网 详见 见下 同前 待定 暂定 拟定 征求意见稿 报道".split()
)
"""Words that stand in closing brackets but are no names."""

CLOSING_RE = re.compile(f"(?P<open>{OPEN})\\s*(?P<body>{ROLE_NAMES})\\s*{CLOSE}\\s*$")
"""A bracketed byline at the end of a text."""
REPORTER_LINE_RE = re.compile(
    f"^\\s*[□■◇◆●○]?\\s*(?P<body>{ROLE}[ \u3000]*{ROLE_NAMES})"
    "(?:[ \u3000]*(?:报道|摄影报道|文/图|文图))?\\s*$"
)
"""A line that is nothing but reporters: 本报记者 张三 / 记者 张三 报道."""
COMMENTATOR_RE = re.compile(
    f"^\\s*[□■◇◆●○]?\\s*(?P<body>(?:本报|本刊|{IDEOGRAPH_RUN}(?:日报|报|社))?(?:特约)?评论员)\\s*$"
)
"""A commentary signed by the paper's commentator: 本报评论员, 人民日报评论员."""
_LABEL_RE = re.compile(ROLE)
_REPORT_WORD_RE = re.compile("[ \u3000]*(?:摄影报道|报道|文/图|文图)$")
_ROLE_HINT_RE = re.compile("记者|通讯员|实习生|评论员|摄影|撰稿|编译|[/／]")
MAX_REPORTER_LINE = 40
"""A reporter line is short."""
_SPLIT_RE = re.compile("[ \u3000、，,和与及]+")
_NAME_RE = re.compile(f"^{NAME_PATTERN}$")


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline found in a text."""

    start: int
    """Offset of the byline (brackets included)."""
    end: int
    """Offset one past it."""
    body: tuple[int, int]
    """Offsets of the names and labels inside the brackets."""


_PADDED_RE = re.compile(
    f"(?<![{IDEOGRAPH}])([{IDEOGRAPH}])[ \u3000]{{1,2}}([{IDEOGRAPH}])(?![{IDEOGRAPH}])"
)


def authors(body: str) -> list[str]:
    """The names in a byline, role labels and separators dropped (刘 冕 → 刘冕)."""
    names: list[str] = []
    body = _PADDED_RE.sub(r"\1\2", _LABEL_RE.sub("  ", body))
    for part in _SPLIT_RE.split(body):
        if part and _NAME_RE.match(part) and part not in names and part not in NOT_NAMES:
            names.append(part)
    return names


def _plausible(body: str) -> bool:
    names = authors(body)
    # A name ending in 摄 is a photo credit (（莫涛摄）), which belongs to a caption.
    return bool(names) and not any(n in NOT_NAMES or n.endswith("摄") for n in names)


def closing(text: str) -> Byline | None:
    """A bracketed byline that closes ``text`` after the end of a sentence (or alone)."""
    if not text.rstrip().endswith(("）", ")")):
        return None
    # Names hold no brackets, so a byline can only open at the last opening bracket.
    start = max(text.rfind("（"), text.rfind("("))
    m = CLOSING_RE.match(text, start) if start >= 0 else None
    if not m or not _plausible(m.group("body")):
        return None
    before = text[: m.start()].rstrip()
    if before and before[-1] not in SENTENCE_CLOSERS:
        return None
    return Byline(m.start(), m.end(), m.span("body"))


def reporter_line(text: str) -> Byline | None:
    """A line that holds nothing but reporters (本报记者 张三, 记者 张三 报道).

    An editorial signed by the paper's commentator (本报评论员) names nobody: the label
    itself is the byline.
    """
    if len(text) > MAX_REPORTER_LINE or not _ROLE_HINT_RE.search(text):
        return None
    m = COMMENTATOR_RE.match(text)
    if m:
        return Byline(0, len(text), m.span("body"))
    m = REPORTER_LINE_RE.match(text)
    if not m:
        return None
    start, end = m.span("body")
    tail = _REPORT_WORD_RE.search(text, start, end)
    if tail:  # 记者 张三 报道: 报道 is no name
        end = len(text[: tail.start()].rstrip())
    if not _plausible(text[start:end]):
        return None
    return Byline(0, len(text), (start, end))


def whole_line(text: str) -> bool:
    """True when a line is only a byline, bracketed or not."""
    stripped = text.strip()
    b = closing(stripped)
    return (b is not None and b.start == 0) or reporter_line(stripped) is not None
