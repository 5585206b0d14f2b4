"""A paper's issues laid out as month calendars (weeks from Monday), newest month first."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from banmian.archive.records import IssueInfo

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
"""Column heads, Monday first as Chinese calendars print them."""


@dataclass(frozen=True, slots=True)
class Day:
    """One cell of a month grid."""

    day: int
    """Day of the month; 0 for a cell outside the month."""
    issue: IssueInfo | None
    """The issue of that day, when held."""


@dataclass(frozen=True, slots=True)
class Month:
    """One month that holds at least one issue."""

    year: int
    month: int
    weeks: list[list[Day]]
    issues: int
    """Issues held in the month."""

    @property
    def label(self) -> str:
        """``2022年12月``."""
        return f"{self.year}年{self.month}月"


def _parse(date: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        return None


def months(issues: list[IssueInfo]) -> list[Month]:
    """The months that hold issues, newest first, each as weeks of days.

    An issue whose date is not an ISO date cannot be placed; ``undated`` lists those.
    """
    by_month: dict[tuple[int, int], dict[int, IssueInfo]] = {}
    for issue in issues:
        day = _parse(issue.date)
        if day is not None:
            by_month.setdefault((day.year, day.month), {})[day.day] = issue
    cal = calendar.Calendar(firstweekday=0)
    out: list[Month] = []
    for (year, month), held in sorted(by_month.items(), reverse=True):
        weeks = [
            [Day(d, held.get(d) if d else None) for d in week]
            for week in cal.monthdayscalendar(year, month)
        ]
        out.append(Month(year, month, weeks, len(held)))
    return out


def undated(issues: list[IssueInfo]) -> list[IssueInfo]:
    """Issues whose date cannot be placed on a calendar."""
    return [i for i in issues if _parse(i.date) is None]
