"""Page metadata from file names: ``{paper}_{YYYY-MM-DD}_{page}.txt``.

For example ``无锡日报_2022-12-10_02.txt`` is page 2 of 无锡日报 of 10 December 2022. The
paper's name may itself hold underscores (the date and the page are taken from the end);
the extension may be anything or nothing. A name that does not follow the pattern, or
whose date is no calendar date, gives no metadata at all rather than half of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

FILE_NAME_PATTERN = "{paper}_{YYYY-MM-DD}_{page}.txt"
"""The documented pattern, as shown to users."""

_NAME = re.compile(r"^(?P<paper>.+)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<page>\d{1,4})$")


@dataclass(frozen=True, slots=True)
class PageName:
    """What a file name tells about its page."""

    paper: str
    """Newspaper name, e.g. 无锡日报."""
    date: str
    """Issue date, ISO YYYY-MM-DD."""
    page: int
    """Page number in the issue (leading zeros dropped)."""


def parse_page_name(name: str | PurePath) -> PageName | None:
    """Read paper, date and page from a file name (or path); None when it does not fit."""
    stem = PurePath(name).stem
    match = _NAME.match(stem)
    if match is None:
        return None
    try:
        dt.date.fromisoformat(match["date"])
    except ValueError:
        return None
    page = int(match["page"])
    if page < 1:
        return None
    return PageName(paper=match["paper"].strip(), date=match["date"], page=page)
