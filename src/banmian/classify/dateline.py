"""Datelines (电头) that open an article's first paragraph.

Forms: 本报讯, 本报讯（记者 张三 通讯员 李四）, 本报北京12月9日电（记者 王五）,
新华社北京12月9日电（记者 赵六、钱七）, 新华社日内瓦10月9日电. A reporter line of its own
(本报记者 张三) is a byline (see ``byline.reporter_line``). The reporters in brackets after
a dateline are the article's byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.classify.patterns import CLOSE, DIGITS, HAN, NAME_LIST, OPEN, ROLE, ROLE_NAMES

NAME = "dateline"

_AGENCY = (
    "(?:本报|本刊|本台|新华社|中新社|中新网|人民网|新华网|央视网|光明网"
    f"|{HAN}{{2,6}}(?:通讯社|社|网|台|报))"
)
_WHEN = f"{DIGITS}{{1,2}}\\s*月\\s*{DIGITS}{{1,2}}\\s*日"
_BULLET = "[□■◇◆●○]?"
DATELINE_RE = re.compile(
    f"^\\s*{_BULLET}\\s*(?P<dl>本\\s*报\\s*讯|本\\s*报\\s*消\\s*息"
    # a paper or its website naming itself: 湖北日报讯, 扬子晚报网讯
    f"|{HAN}{{2,6}}(?:日报|晚报|报|网)\\s*讯"
    f"|据?{_AGENCY}\\s*(?:{HAN}|·){{0,10}}?\\s*{_WHEN}\\s*(?:专)?[电讯]"
    # no date: 新华社电, 本报北京电（记者 王五）; the place is short and 电 ends a word
    f"|据?{_AGENCY}(?:{HAN}|·){{0,4}}?(?:专)?电(?=[\\s\u3000（(：:]|$))"
    f"(?:\\s*(?P<open>{OPEN})\\s*(?P<rep>{ROLE_NAMES})\\s*(?P<close>{CLOSE})"
    # reporters without brackets, each part set off by spaces: …讯 记者 张三 通讯员 李四 …
    f"|[ \u3000]+(?P<bare>{ROLE}[ \u3000]*{NAME_LIST}(?:[ \u3000]*{ROLE}[ \u3000]*{NAME_LIST})*)"
    "(?=[ \u3000]))?"
    "[\\s\u3000：:|｜]*"
)
"""A dateline at the start of a text, with the reporters' brackets if present."""


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the start of a text."""

    end: int
    """Offset one past the dateline (and its reporters and separators)."""
    dateline: tuple[int, int]
    """Offsets of the dateline proper (本报讯)."""
    reporters: tuple[int, int] | None
    """Offsets of the reporters inside the brackets, if any."""
    brackets: tuple[int, int] | None
    """Offsets of the bracketed part, brackets included (the reporters alone when they
    stand without brackets)."""


def find(text: str) -> Dateline | None:
    """The dateline opening ``text``, if any."""
    if not may_open(text):
        return None
    m = DATELINE_RE.match(text)
    if not m:
        return None
    if m.group("rep"):
        return Dateline(m.end(), m.span("dl"), m.span("rep"), (m.start("open"), m.end("close")))
    if m.group("bare"):
        return Dateline(m.end(), m.span("dl"), m.span("bare"), m.span("bare"))
    return Dateline(m.end(), m.span("dl"), None, None)


def starts_line(text: str) -> bool:
    """True when a line opens with a dateline (it starts a new article's first paragraph)."""
    return may_open(text) and DATELINE_RE.match(text) is not None


def may_open(text: str) -> bool:
    """A cheap test that rules out most lines before the full pattern runs."""
    head = text[:40]
    return "本" in head[:6] or "电" in head or "讯" in head
