"""Shared character classes and building blocks for the rule patterns."""

from __future__ import annotations

import re

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
_OUTLET = f"[{IDEOGRAPH}]{{1,8}}?(?:报|网|社|台|刊)"
ROLE = (
    f"(?:(?:本报|本刊|本台|{_OUTLET}(?:·{_OUTLET})?)?(?:特约|见习|实习|全媒|融媒|全媒体|首席|资深)?"
    "(?:记者|通讯员|实习生|评论员|摄影|撰稿|编译)"
    "|(?:文字|文|图片|图|摄影|摄)[ \u3000]*[/／])"
)
"""A reporter's role label: 记者, 本报记者, 通讯员, 实习生, 新华社记者,
中青报·中青网记者 (an outlet's name, or two joined by ·, before the role) …"""
NAME_LIST = f"{NAME}(?:[ \u3000、，,和与及]+{NAME})*"
"""Names separated by spaces or 、."""
ROLE_NAMES = f"(?:{ROLE}[ \u3000]*)?{NAME_LIST}(?:[ \u3000、，,]*{ROLE}[ \u3000]*{NAME_LIST})*"
"""Names optionally preceded by role labels: 记者 张三 通讯员 李四."""

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
"""Common Chinese surnames (single characters), for telling a bare name line (孙立明)
under a title from a short title line."""
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 令狐 慕容 尉迟 长孙 宇文 公孙 夏侯 端木 司徒".split()
)
"""Two-character surnames."""
BARE_NAME_RE = re.compile(f"^[{IDEOGRAPH}]{{2,4}}$")
PADDED_NAME_RE = re.compile(f"^[{IDEOGRAPH}][ \u3000]{{1,2}}[{IDEOGRAPH}]$")


def is_bare_name(text: str) -> bool:
    """A line that is nothing but a personal name: 2–4 ideographs opening with a surname."""
    text = text.strip()
    if PADDED_NAME_RE.match(text):
        text = text[0] + text[-1]  # 何 鸣: a two-character name padded to three
    if not BARE_NAME_RE.match(text):
        return False
    if text[:2] in COMPOUND_SURNAMES:
        return len(text) in (3, 4)
    return text[0] in SURNAMES and len(text) in (2, 3)


SENTENCE_CLOSERS = "。！？!?…”’」』）)"
"""Characters after which a bracket closing a text can be a byline or an end note."""

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
