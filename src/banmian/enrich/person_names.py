"""Personal names in running text: where one starts and where it ends.

A Chinese name is a surname (one character, or two: 欧阳) and a given name of one or two
characters; nothing but what follows tells the length, so the words that follow names
(verbs of speech, 出席, 在 …) are listed here. Foreign names have no surname to anchor
them and are read only where a title and a verb of speech frame them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.classify.patterns import COMPOUND_SURNAMES, SURNAMES
from banmian.normalize import IDEOGRAPH

SPEECH = (
    "指出|强调|表示|说|介绍|透露|坦言|认为|要求|希望|讲话|致辞|告诉|提出|称|谈到|建议|回忆|感慨"
)
"""Verbs that report speech after a name."""
FOLLOWERS = (
    f"{SPEECH}|出席|参加|主持|来到|到|在|等|同志|一行|率|带领|会见|会谈|调研|看望|慰问|视察|检查"
    "|走访|前往|赴|陪同|和|与|及|为|对|向|的|是|也|还|就|将|把|被|所|曾|已|从|同|分别|先后|代表"
    "|宣布|通报|回答|深入|作|做|获|随|亲切|一起|共同|表彰|签署|签约|担任|说道|笑着|则|又|都"
    "|一边|以前|今年|去年|每|从小|一直|正在|已经|通过|经常|却|不仅|早已|非常|带着"
)
"""Words that follow a name: where one starts, the name has ended."""
_FOLLOW_RE = re.compile(FOLLOWERS)
SPEECH_AFTER_RE = re.compile(
    f"(?:在[^，。；]{{0,10}}?[中上]|[^，。；]{{0,10}}?并)?(?:也|还|同时|进一步|最后|首先)?(?:{SPEECH})"
    "|[^，。；“]{0,12}?[：:]“"
)
_IDEO_RE = re.compile(f"[{IDEOGRAPH}]")
_PLACE_ENDS = frozenset("村镇乡县区市路街")
"""Last characters of place names, never of a given name (区长白新村: no 白新村)."""
_ANONYMOUS_RE = re.compile("某{1,2}(?!某)")
_STRONG_FOLLOW_RE = re.compile(
    "|".join([w for w in FOLLOWERS.split("|") if len(w) > 1] + ["说", "称"])
)
"""A follower of two characters or more, or 说/称: after two characters it ends the name."""
_CONJUNCTIONS = frozenset("和与及同向对在为把被将从于")
"""Surnames that are far more often a conjunction or preposition (和, 向, 于)."""
HONORIFICS = frozenset(
    "女士 先生 小姐 师傅 阿姨 大爷 大妈 大姐 大哥 老师 同学 老人 奶奶 爷爷 老汉 某某".split()
)
"""What follows a surname in place of a given name (张女士, 陈先生): no full name."""


@dataclass(slots=True)
class Person:
    """What the article says about one person."""

    name: str
    title: str | None
    organization: str | None
    role: str
    rule: str


def surname_length(text: str, at: int) -> int:
    if text[at : at + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if at < len(text) and text[at] in SURNAMES else 0


def _boundary(text: str, at: int) -> bool:
    return at >= len(text) or not _IDEO_RE.match(text, at) or _FOLLOW_RE.match(text, at) is not None


_FOREIGN_NAME_RE = re.compile(
    f"(?!{FOLLOWERS})[{IDEOGRAPH}]{{2,4}}?(?:·[{IDEOGRAPH}]{{2,5}}?)*(?={SPEECH})"
)
"""A name without a Chinese surname (卡马乌, 安东尼奥·古特雷斯), trusted only after a title
and before a verb of speech."""


def read_name(
    text: str, at: int, known: set[str], *, foreign: bool = False, trusted: bool = False
) -> str | None:
    """The personal name starting at ``at``, or ``None`` if none does.

    With ``foreign``, a name without a Chinese surname is read too (after a title). With
    ``trusted`` (after a title or an age), a name whose end nothing marks is taken at three
    characters, the commonest length.
    """
    surname = surname_length(text, at)
    if not surname:
        m = _FOREIGN_NAME_RE.match(text, at) if foreign else None
        return m.group() if m else None
    lengths = (surname + 2, surname + 1)
    for n in lengths:
        if text[at : at + n] in known:
            return text[at : at + n]
    anonymous = _ANONYMOUS_RE.match(text, at + surname)
    if anonymous:  # 孙某, 刘某某: names withheld
        return text[at : anonymous.end()]
    candidates = [
        text[at : at + n]
        for n in lengths
        if at + n <= len(text)
        and all(_IDEO_RE.match(c) for c in text[at : at + n])
        and text[at + surname : at + n] not in HONORIFICS
        and text[at + surname : at + surname + 2] not in HONORIFICS
        and text[at + n - 1] not in _PLACE_ENDS
    ]
    short = text[at : at + surname + 1]
    if short in candidates and _STRONG_FOLLOW_RE.match(text, at + len(short)):
        return short  # 张俊告诉记者, 陈浩说: the word after the name is plain
    for candidate in candidates:
        if _boundary(text, at + len(candidate)):
            return candidate
    if trusted and candidates and text[at] not in _CONJUNCTIONS:
        return candidates[0]
    return None


def marked_end(text: str, at: int) -> bool:
    """A name ends here for sure: punctuation or a verb of speech follows."""
    return at >= len(text) or not _IDEO_RE.match(text, at) or bool(SPEECH_AFTER_RE.match(text, at))
