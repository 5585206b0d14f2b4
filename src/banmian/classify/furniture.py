"""Page furniture: running heads, page and section labels, editor credits, hotlines.

Furniture is not part of any article; it goes to the page's ``unassigned`` list. Every
pattern matches a whole short line, so a sentence that merely mentions a date or an
editor is never taken for furniture.

Some lines are furniture wherever they stand (a date with its weekday, editor credits,
a masthead, a web address): ``STRONG``. Others only beside such lines, in the cluster of
lines a running head or a page foot makes (a page number alone, a section name like 国际
or 产经): ``WEAK``; in the middle of a page, 国际观察 is a column label above a headline.
The segmenter confirms weak lines by their neighbours (``segment._confirm_furniture``).
"""

from __future__ import annotations

import re

from banmian.classify.patterns import CN_NUM, DIGITS, HAN

NAME = "furniture"

SECTION_WORDS = (
    "要闻|国内|国际|综合|经济|财经|文化|体育|评论|副刊|地方|社会|民生|时事|专版|专题|城事|理论"
    "|视点|观察|新闻|县域|教育|健康|科技|法治|政务|关注|特别报道|广告|今日|头版|一版|聚焦|调查"
    "|深度|特稿|专访|人物|纪实|文体|乡村|农村|读书|生活|周刊|看台"
)
"""Section names that stand beside a page number in a running head."""

_SECTION = f"{HAN}{{0,4}}(?:{SECTION_WORDS}){HAN}{{0,2}}"
_WHOLE_LINE = [
    # 第2版, 第二版, 第8版 城市新闻
    f"第\\s*{CN_NUM}{{1,3}}\\s*版(?:\\s*[·|｜]?\\s*{HAN}{{1,8}})?",
    # banners of a column of briefs: 京城简讯, 新闻速览, 本地快讯; of photo items: 图片新闻
    f"{HAN}{{0,4}}(?:简讯|快讯|速览|速递|短波|简报|一览|扫描|集萃|资讯|图片新闻|新闻图片|图片报道)",
    # 要闻 2 / A4 国内 / 2 要闻 / 第2版 要闻
    f"第?\\s*[A-Za-z]?{DIGITS}{{1,2}}\\s*版?\\s*[·|｜]?\\s*{_SECTION}",
    f"{_SECTION}\\s*[·|｜]?\\s*第?[A-Za-z]?{DIGITS}{{1,2}}\\s*版?",
    # masthead: 无锡日报 alone (or with an issue number), 新华每日电讯, ZHEJIANG DAILY, 今日导读
    f"{HAN}{{2,6}}(?:日报|晚报|时报|商报|早报|晨报|都市报|电讯|报)(?:\\s*第?{DIGITS}+期)?",
    "[A-Z][A-Z .'&-]{3,}",
    "(?:今日|本期|要闻)?导读",
]
_WEAK_WHOLE_LINE = [
    # a page number alone: 8, A4, 04
    f"[A-Za-z]?{DIGITS}{{1,3}}",
    # a section name alone: 深度, 国际, 国际观察
    _SECTION,
]
_CONTAINS = [
    # running head date: 2022年12月10日 星期六
    f"{DIGITS}{{4}}\\s*年\\s*{DIGITS}{{1,2}}\\s*月\\s*{DIGITS}{{1,2}}\\s*日\\s*"
    "(?:星期|周)[一二三四五六日天]",
    # 责任编辑：张三  美编：李四  校对：王五
    "(?:责任编辑|责编|编辑|美编|校对|版式|组版|审读|值班编辑|制图|设计|排版|视觉|"
    "视觉设计|美术编辑|图片编辑|照排)\\s*[：:/／]",
    # masthead details: 国内统一连续出版物号 CN32-0030, 邮发代号, 第9421期, 今日8版
    f"国内统一连续出版物号|邮发代号|(?i:CN)\\s?{DIGITS}{{2}}-{DIGITS}{{4}}"
    f"|^今日\\s*{DIGITS}{{1,3}}\\s*版|^第\\s*{DIGITS}{{3,6}}\\s*期",
    # masthead lines: 农历癸卯年腊月初五, 浙江日报报业集团出版, 第27163号
    f"^农历{HAN}{{2}}年|^{HAN}{{2,12}}(?:集团|社)出版$|^{HAN}{{2,12}}机关报$|^{HAN}{{0,4}}(?:主管|主办)[：:]?\\s*{HAN}"
    f"|第\\s*{DIGITS}{{4,6}}\\s*[号期]",
    # an index entry of 今日导读: 数字经济核心产业增加值增长10.1% 2版
    f"\\s{DIGITS}{{1,2}}\\s*版$",
    # 责任编辑 周琳 (credits without a colon), 今日天气：…
    "^(?:本版)?(?:责任编辑|责编)\\s|^(?:今日)?天气(?:预报)?[：:]",
    # hotlines, addresses, e-mail and web
    "(?:热线|电话|传真|邮箱|网址|邮编|地址|(?i:E-?mail)|二维码)\\s*[：:]",
    # (one character before the @ is enough to tell there is an address, and cheap: a run
    # of word characters tried at every position of a line costs its length squared)
    r"(?i:https?://|www\.|[\w.]@[\w.]+\.(?:com|cn|net))",
]
_WHOLE_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _WHOLE_LINE))
_WEAK_WHOLE_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _WEAK_WHOLE_LINE))
# Only the Latin letters are matched without regard to case: a pattern-wide IGNORECASE
# would fold every character at every position and make the search several times slower.
_CONTAINS_RE = re.compile("|".join(f"(?:{p})" for p in _CONTAINS))
_CONTAINS_NEEDS_RE = re.compile(
    "星期[一二三四五六日天]|周[一二三四五六日天]|：|:|/|／|出版|邮发|-[0-9０-９]{4}|今日"
    "|第\\s*[0-9０-９]{3}|农历|机关报|主管|主办|版$|责任编辑|责编|\\.|@"
)
"""What the patterns of ``_CONTAINS`` cannot match without, pattern by pattern (a weekday,
a colon or slash, 出版, a serial number's -0030, 第 and a number of three digits or more,
版 ending the line, a dot or an @ of a web address …): keep it in step with them.
``_CONTAINS_RE`` has no first character to skip ahead to and tries every pattern at every
position of a line; this search skips in C (each alternative opens with a literal
character), so running text that holds a trigger (期, 号, 版 inside a line) is mostly
ruled out before the costly search."""
TRIGGER_RE = re.compile(
    "星期|周|：|:|/|／|出版|邮发|CN|今日|期|号|版|农历|主管|主办|机关报|天气|责任编辑|责编"
    "|www|WWW|http|@"
)
"""Every pattern that may match inside a line needs one of these: a cheap test first."""
_DIGIT_RE = re.compile(DIGITS)
SHORT_LABEL = 8
"""Labels without a digit (深度, 南方日报, 京城简讯) are at most this long."""
MAX_LENGTH = 60
"""Furniture lines are short; a longer line is text that happens to match."""
MAX_WHOLE_LINE = 16
"""Labels that are furniture as a whole line (要闻 2, 南方日报) are shorter than this."""


STRONG = "strong"
"""Furniture wherever it stands."""
WEAK = "weak"
"""Furniture only beside other furniture."""
_SPACES_RE = re.compile(r"\s\s*")  # \s+, opening with one \s: the engine skips to it in C


def kind(text: str) -> str | None:
    """``STRONG``, ``WEAK`` or None for a stripped line."""
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        return None
    # Running heads are often letter-spaced (评  论  5): match labels without the gaps.
    label = _SPACES_RE.sub("", text) if len(text) <= MAX_WHOLE_LINE + 6 else text
    if len(label) <= MAX_WHOLE_LINE and (
        len(label) <= SHORT_LABEL or label.isascii() or _DIGIT_RE.search(label)
    ):
        if _WHOLE_LINE_RE.fullmatch(label) or (label != text and _WHOLE_LINE_RE.fullmatch(text)):
            return STRONG
        if _WEAK_WHOLE_LINE_RE.fullmatch(label):
            return WEAK
    if (
        TRIGGER_RE.search(text) is not None
        and _CONTAINS_NEEDS_RE.search(text) is not None
        and _CONTAINS_RE.search(text) is not None
    ):
        return STRONG
    return None


def whole_line(text: str) -> bool:
    """True when the stripped line is page furniture wherever it stands."""
    return kind(text) == STRONG
