"""Shared character classes and building blocks for the rule patterns."""

from __future__ import annotations

from banmian.normalize import IDEOGRAPH

HAN = f"[{IDEOGRAPH}]"
"""One ideograph."""
NAME = (
    f"(?:(?<![{IDEOGRAPH}])[{IDEOGRAPH}][ \u3000]{{1,2}}[{IDEOGRAPH}](?!(?!摄)[{IDEOGRAPH}])"
    f"|[{IDEOGRAPH}·•]{{2,4}})"
)
"""A Chinese personal name as printed in bylines: two to four characters (· for minorities),
or a two-character name padded to three with a space (刘 冕)."""
DIGITS = "[0-9０-９]"
"""An Arabic digit, half or full width."""
CN_NUM = "[0-9０-９零〇一二三四五六七八九十百两]"
"""A digit or Chinese numeral."""
OPEN = "[（(]"
"""An opening bracket, full or half width."""
CLOSE = "[）)]"
"""A closing bracket, full or half width."""
ROLE = (
    "(?:本报|新华社|本台|本刊|中新社)?(?:特约|见习|实习)?"
    "(?:记者|通讯员|实习生|评论员|摄影|撰稿|编译)"
)
"""A reporter's role label: 记者, 本报记者, 通讯员, 实习生 …"""
NAME_LIST = f"{NAME}(?:[ \u3000、，,和与及]+{NAME})*"
"""Names separated by spaces or 、."""
ROLE_NAMES = f"(?:{ROLE}[ \u3000]*)?{NAME_LIST}(?:[ \u3000]*{ROLE}[ \u3000]*{NAME_LIST})*"
"""Names optionally preceded by role labels: 记者 张三 通讯员 李四."""

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def parse_number(text: str) -> int | None:
    """An Arabic (half or full width) or Chinese numeral below 1000 as an int."""
    text = text.strip().translate({0xFF10 + i: 0x30 + i for i in range(10)})
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    total += current
    return total or None
