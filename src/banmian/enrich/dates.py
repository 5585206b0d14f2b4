"""Dates and times, resolved against the issue date (conventions: docs/ENTITIES.md).

``12月7日``, ``2022年12月8日上午10时28分``, ``昨日``, ``今年10月底``, ``明年``, ``一季度``,
``1—5月``: a day becomes an ISO date, a month ``YYYY-MM``, a year ``YYYY``, a part of a
month or year a ``[first, last]`` range. A month and day printed without a year take the
year that puts them nearest to the issue date; a day alone (``记者4日获悉``) takes the month
of the last date before it in the article (its dateline's, often). Durations (``2个月``,
``30日内``) and vague words (``近日``) are no dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from banmian.enrich.numbers import read_number
from banmian.enrich.texts import Text
from banmian.model import Mention, MentionType
from banmian.normalize import fold_fullwidth

_N = "(?:[0-9]{1,2}|[〇零一二三四五六七八九十]{1,3})"
_TOD = "凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|夜间|夜里|晚"
_TIME = f"(?:(?:{_TOD})?{_N}[时点](?:{_N}分|半)?(?:多|许)?|(?:{_TOD})(?![会餐报饭宴]))"
"""A time of day after a day: 上午10时28分, 凌晨1时多, 晚 (8月6日晚)."""
_TIME_RE = re.compile(f"(?P<tod>{_TOD})?(?:(?P<h>{_N})[时点](?:(?P<min>{_N})分|(?P<half>半))?)?")
_RANGE = "(?:—{1,2}|－|-|~|～|至|到)"
DATE_RE = re.compile(
    "(?<![0-9.])(?:"
    "(?P<sp>岁末年初|年末岁初)"
    "|(?<!每)(?:(?P<wk>本|上|下|这)(?:周|星期)(?P<wd>[一二三四五六日天末])"
    "|(?<![每逢])(?:周|星期)(?P<wd2>[一二三四五六日天]))(?P<wt>夜间|晚上|晚间|上午|下午|晚)?"
    f"|(?P<rd>今天|今日|昨天|昨日|前天|明天|明日|后天|即日|今(?=起))(?P<rt>{_TIME})?"
    f"|(?P<bd>[0-9]{{1,2}})日(?!内|以内|之内|以上|左右)(?P<bt>{_TIME})?"
    "|(?=[0-9〇零一二三四五六七八九十今去明前后上本年岁第])"
    "(?:(?P<y>[0-9]{4}|[〇零一二三四五六七八九]{4})年度?|(?P<ry>今年|去年|明年|前年|后年|上年|本年))?"
    f"(?:(?:(?P<m0>{_N})月?{_RANGE})?(?P<m>{_N})月份?"
    f"(?:(?P<d>{_N})[日号](?P<t>{_TIME})?|(?P<pm>上旬|中旬|下旬|初|底|末))?"
    "|(?P<py>上半年|下半年|年初|年底|年末|年终|年内|初|底|末)"
    "|第?(?P<q>[一二三四1234])季度"
    f"|前(?P<fm>{_N})个?月)?"
    ")"
)
"""One date expression; the lookbehind keeps it from starting inside a number."""

_REL_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2, "后年": 2}
_REL_DAYS = {"今天": 0, "今日": 0, "即日": 0, "今": 0, "昨天": -1, "昨日": -1, "前天": -2}
_REL_DAYS |= {"明天": 1, "明日": 1, "后天": 2}
_AFTERNOON = frozenset(("下午", "傍晚", "晚上", "晚间", "夜间", "夜里", "晚"))
_MONTH_PARTS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
_MONTH_PARTS |= {"底": (21, 31), "末": (21, 31)}
_YEAR_PARTS = {"上半年": (1, 6), "下半年": (7, 12), "年初": (1, 2), "初": (1, 2)}
_YEAR_PARTS |= {"年底": (11, 12), "年末": (11, 12), "年终": (11, 12), "底": (11, 12)}
_YEAR_PARTS |= {"末": (11, 12)}
_STANDALONE_YEAR_PARTS = frozenset(("上半年", "下半年", "年初", "年底", "年末", "年终", "年内"))

Value = str | list[str] | None


@dataclass(slots=True)
class _Context:
    """What the dates before one in the article tell: the issue date, the last month."""

    issue: dt.date | None
    month: tuple[int, int] | None = None
    """(year, month) of the last day-level date read in the article."""


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    value = read_number(text)
    return int(value) if value is not None and value == int(value) else None


def _nearest_year(month: int, day: int, issue: dt.date) -> int:
    """The year that puts month/day nearest to the issue date (ValueError if none has it).

    Only the issue's year and the ones either side are considered: 2月29日 needs a leap year.
    """
    candidates = []
    for year in (issue.year, issue.year - 1, issue.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValueError("no such day near the issue date")
    return min(candidates, key=lambda d: abs((d - issue).days)).year


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _months(year: int, first: int, last: int, first_day: int = 1, last_day: int = 31) -> list[str]:
    end = min(last_day, _last_day(year, last))
    return [dt.date(year, first, first_day).isoformat(), dt.date(year, last, end).isoformat()]


def _time(text: str | None) -> str | None:
    if not text:
        return None
    m = _TIME_RE.fullmatch(text.removesuffix("多").removesuffix("许"))
    if m is None or m["h"] is None:
        return None
    hour = _int(m["h"])
    if hour is None or hour > 24:
        return None
    tod = m["tod"]
    if (tod in _AFTERNOON and hour < 12) or (tod == "中午" and hour < 6):
        hour += 12
    minute = 30 if m["half"] else _int(m["min"])
    if minute is None:
        return f"{hour:02d}" if not m["min"] else None
    return f"{hour:02d}:{minute:02d}" if minute < 60 else None


_COUNTS = frozenset("0123456789两几数一二三四五六七八九十")


def _is_date(m: re.Match[str], text: str) -> bool:
    """Whether a match is a date (not an empty match, not 初 of 初步, not 两年内)."""
    if (
        m["sp"]
        or m["wd"]
        or m["wd2"]
        or m["rd"]
        or m["bd"]
        or m["y"]
        or m["ry"]
        or m["m"]
        or m["q"]
    ):
        return True
    if m["fm"]:
        return True
    counted = m.start() > 0 and text[m.start() - 1] in _COUNTS
    return m["py"] in _STANDALONE_YEAR_PARTS and not counted


def _resolve(m: re.Match[str], ctx: _Context) -> tuple[Value, str | None]:
    """The ISO value and the time of day of a date match; ValueError if it is no date."""
    issue = ctx.issue
    if m["sp"]:
        if issue is None:
            return None, None
        winter = issue.year if issue.month >= 7 else issue.year - 1
        return [
            dt.date(winter, 11, 1).isoformat(),
            dt.date(winter + 1, 2, _last_day(winter + 1, 2)).isoformat(),
        ], None
    if m["wd"] or m["wd2"]:
        return _weekday(m, issue), None
    if m["rd"]:
        if issue is None:
            return None, _time(m["rt"])
        relative = issue + dt.timedelta(days=_REL_DAYS[m["rd"]])
        ctx.month = (relative.year, relative.month)
        return relative.isoformat(), _time(m["rt"])
    if m["bd"]:
        base = ctx.month or ((issue.year, issue.month) if issue else None)
        if base is None:
            return None, _time(m["bt"])
        return dt.date(base[0], base[1], int(m["bd"])).isoformat(), _time(m["bt"])
    year: int | None = _int(m["y"])
    if m["ry"]:
        year = issue.year + _REL_YEARS[m["ry"]] if issue else None
    month, day, first_month = _int(m["m"]), _int(m["d"]), _int(m["m0"])
    if month is not None and not 1 <= month <= 12:
        raise ValueError("no month")
    if first_month is not None and not 1 <= first_month < (month or 0):
        raise ValueError("no month range")
    if year is None:
        if issue is None:
            return None, None
        # 年底 alone is this year's; a month (and day) alone is the nearest one.
        year = issue.year if month is None else _nearest_year(month, day or 15, issue)
    if month is None:
        return _year_value(m, year), None
    if day is not None:
        value = dt.date(year, month, day).isoformat()  # ValueError if no such day
        ctx.month = (year, month)
        return value, _time(m["t"])
    if first_month is not None:
        return _months(year, first_month, month), None
    if m["pm"]:
        first, last = _MONTH_PARTS[m["pm"]]
        return _months(year, month, month, first, last), None
    return f"{year:04d}-{month:02d}", None


_WEEK_OFFSETS = {"上": -7, "下": 7}


def _weekday(m: re.Match[str], issue: dt.date | None) -> Value:
    """A day of the issue's week (周六, 本周末; 上周五 and 下周一 a week off)."""
    if issue is None:
        return None
    monday = (
        issue
        - dt.timedelta(days=issue.weekday())
        + dt.timedelta(days=_WEEK_OFFSETS.get(m["wk"] or "", 0))
    )
    weekday = m["wd"] or m["wd2"]
    if weekday == "末":
        return [
            (monday + dt.timedelta(days=5)).isoformat(),
            (monday + dt.timedelta(days=6)).isoformat(),
        ]
    day = "一二三四五六日".find(weekday) if weekday != "天" else 6
    return (monday + dt.timedelta(days=day)).isoformat()


def _year_value(m: re.Match[str], year: int) -> Value:
    if m["q"]:
        quarter = "一二三四".find(m["q"]) + 1 or int(m["q"])
        return _months(year, 3 * quarter - 2, 3 * quarter)
    if m["fm"]:
        months = _int(m["fm"])
        if months is None or not 1 <= months <= 12:
            raise ValueError("no month count")
        return _months(year, 1, months)
    if m["py"] and m["py"] != "年内":  # 年内: within the year, i.e. the year
        return _months(year, *_YEAR_PARTS[m["py"]])
    return f"{year:04d}"


def find_dates(texts: list[Text], issue: dt.date | None) -> list[Mention]:
    """Every date expression in an article's texts (in reading order), resolved."""
    ctx = _Context(issue)
    out: list[Mention] = []
    for text in texts:
        for m in DATE_RE.finditer(fold_fullwidth(text.text)):
            if not _is_date(m, text.text):
                continue
            try:
                value, time = _resolve(m, ctx)
            except ValueError:
                continue  # 2月30日, 13月: not a date
            out.append(
                text.mention(
                    MentionType.DATE,
                    m.start(),
                    m.end(),
                    "dates",
                    confidence=1.0 if value is not None else 0.3,
                    value=value,
                    time=time,
                )
            )
    return out
